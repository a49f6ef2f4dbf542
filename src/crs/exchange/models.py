"""Previous outcomes imported from a force's records system, and the imports that brought them.

A RecordedOutcome is history from outside crs (a caution, a conviction, a CR
given before crs): crs.exchange.matching offers the ones of the same person
to a case's previous outcomes, as crs.cases does for earlier cases in crs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from crs.policy import facts

CATEGORIES = [(c, c.replace("_", " ")) for c in facts.CATEGORIES]
OUTCOMES = [(o, o.replace("_", " ")) for o in facts.OUTCOME_KINDS]


class ImportBatch(models.Model):
    """One extract imported: which file (by content), how many rows, who, when."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(
        max_length=64, unique=True, help_text="of the file's bytes: the same file twice is seen"
    )
    rows = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_by_name = models.CharField(
        max_length=150, help_text="the user, or the login that ran the command"
    )
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"import {self.pk}: {self.file_name} ({self.rows} rows)"


class RecordedOutcome(models.Model):
    """A previous outcome as the records system holds it (docs/exchange.md, the CSV format)."""

    # No foreign key constraint or index in the database: checking a million rows against
    # their batch at commit, and keeping an index of them, doubled the time of the COPY
    # (docs/performance.md). The importer is the only writer and makes the batch in the
    # same transaction; batches are never removed (PROTECT).
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        related_name="outcomes",
        db_constraint=False,
        db_index=False,
    )
    line = models.PositiveIntegerField(help_text="the line of the extract it came from")
    source_reference = models.CharField(max_length=60, help_text="the records system's own id")
    family_name = models.CharField(max_length=100)
    given_name = models.CharField(max_length=100)
    # The names as compared (crs.exchange.rows.name_key): the same on SQLite and PostgreSQL.
    family_key = models.CharField(max_length=100)
    given_key = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    pnc_id = models.CharField("PNC ID", max_length=16, blank=True)
    outcome = models.CharField(max_length=30, choices=OUTCOMES)
    outcome_date = models.DateField()
    category = models.CharField(max_length=30, choices=CATEGORIES, blank=True)
    substance = models.CharField(max_length=20, blank=True)

    class Meta:
        # The one index matching needs; each index more slows a million-row import.
        indexes = (models.Index(fields=["date_of_birth", "family_key"]),)

    def __str__(self) -> str:
        return f"{self.outcome} {self.outcome_date} ({self.source_reference})"

"""What a disposal keeps: anonymised statistics, and a record of the erasure.

Neither holds personal data. A Statistic has no case reference or link, so it cannot be
joined back to a person; an Erasure names the case reference (the police record it
disposed of), the rule and what was erased, so the force can account for the disposal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Statistic(models.Model):
    """One disposed case, as the dashboard's historical figures need it."""

    offence_month = models.DateField(null=True, help_text="first day of the offence's month")
    closed_month = models.DateField(null=True, help_text="first day of the closing month")
    disposed_month = models.DateField()
    district = models.CharField(max_length=100)
    category = models.CharField(max_length=30)
    state = models.CharField(max_length=30, help_text="closed, withdrawn or refused")
    outcome = models.CharField(max_length=10, help_text="given or not_given")
    juvenile = models.BooleanField()
    age_band = models.CharField(max_length=12)
    sex = models.CharField(max_length=12)
    ethnic_group = models.CharField(max_length=12)
    rule = models.CharField(max_length=40)


class Erasure(models.Model):
    """Who erased which case's personal data, when, under which rule, and what went."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="erasure", editable=False
    )
    case_ref = models.CharField(max_length=40, editable=False)
    rule = models.CharField(max_length=40, editable=False)
    rule_years = models.PositiveSmallIntegerField(editable=False)
    rule_source = models.TextField(editable=False)
    due_on = models.DateField(editable=False, help_text="when the retention period ended")
    on = models.DateField(editable=False, help_text="the disposal date it was run for")
    at = models.DateTimeField(editable=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    by_name = models.CharField(max_length=150, editable=False)
    erased = models.JSONField(default=dict, editable=False, help_text="rows blanked per table")
    audit_seq = models.PositiveBigIntegerField(
        null=True, editable=False, help_text="the audit entry that records the erasure"
    )

    @property
    def reference(self) -> str:
        return f"E-{self.pk:06d}"

    def __str__(self) -> str:
        return f"{self.reference} {self.case_ref} ({self.rule}) by {self.by_name}"

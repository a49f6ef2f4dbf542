"""Audit entries: written once, never changed or removed through the application.

The row-level refusals below stop the ORM; a change made behind its back (raw
SQL, a database console) is what the hash chain is for. The one sanctioned change is
erasure (`Chained.erase_personal`): a retention disposal blanks an entry's personal
content and marks it erased, leaving its frame, digest and hash (docs/decisions/0009).
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import chain


class AppendOnly(Exception):
    """An attempt to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("audit entries cannot be removed")


class Chained(models.Model):
    """What both chains share: the frame's number, time and actor, the content digest, the
    hash, and erasure. Each chain adds its case link (its own related name), its action and
    its personal content."""

    PERSONAL: tuple[str, ...] = ()

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, editable=False
    )
    # Names as they were when written: the hash covers these, not a row that may change.
    actor_name = models.CharField(max_length=150, editable=False)
    case_ref = models.CharField(max_length=40, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    content_digest = models.CharField(
        max_length=64, editable=False, help_text="SHA-256 of the personal content"
    )
    hash = models.CharField(max_length=64, unique=True, editable=False)
    erased_at = models.DateTimeField(null=True, editable=False)
    erasure_seq = models.PositiveBigIntegerField(
        null=True, editable=False, help_text="the audit entry that records the erasure"
    )
    objects = AuditQuerySet.as_manager()

    class Meta:
        abstract = True

    def frame(self) -> dict:
        content = self.content()
        return {k: v for k, v in content.items() if k not in self.PERSONAL}

    def personal(self) -> dict:
        content = self.content()
        return {k: content[k] for k in self.PERSONAL}

    def seal(self, previous: str) -> None:
        """Chain this new entry onto `previous`."""
        self.prev_hash = previous
        self.content_digest = chain.content_digest(self.personal())
        self.hash = chain.link_hash(previous, self.frame(), self.content_digest)

    @classmethod
    def erase_personal(cls, entries, *, at, erasure_seq: int, blank: dict) -> int:
        """Blank the personal content of `entries` (a queryset) and mark them erased.

        The only change the chain allows: the frame, digest and hash stay as written.
        """
        return models.QuerySet.update(entries, erased_at=at, erasure_seq=erasure_seq, **blank)


class AuditEntry(Chained):
    PERSONAL = ("before", "after", "why")

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        editable=False,
    )
    action = models.CharField(max_length=60, editable=False)
    before = models.JSONField(null=True, encoder=DjangoJSONEncoder, editable=False)
    after = models.JSONField(null=True, encoder=DjangoJSONEncoder, editable=False)
    why = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["case", "seq"])]

    def __str__(self) -> str:
        return (
            f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.case_ref}"
        )

    def content(self) -> dict:
        return chain.content_of(
            seq=self.seq,
            at=self.at,
            actor=self.actor_name,
            case=self.case_ref,
            action=self.action,
            before=self.before,
            after=self.after,
            why=self.why,
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be removed")


class ChainHead(models.Model):
    """The last entry's number and hash: one row, locked while an entry is appended.

    Locking it serialises writers, so two transactions cannot both chain onto
    the same entry and fork the log.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=chain.GENESIS)


class AccessEntry(Chained):
    """Someone looked at or took away personal data (DPA 2018 s.62: consultation,
    disclosure, erasure). Changes are in AuditEntry; this is everything else.

    Chained like the audit trail, on a chain of its own (ChainHead row ACCESS_HEAD), so a
    page view never waits for a change to a case, and the other way round.
    """

    PERSONAL = ("what", "why")

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        on_delete=models.PROTECT,
        related_name="access_entries",
        editable=False,
    )
    action = models.CharField(max_length=10, choices=Action.choices, editable=False)
    what = models.CharField(max_length=300, editable=False, help_text="the page or file")
    why = models.TextField(blank=True, editable=False, help_text="the role it was done in")

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "access entries"
        indexes = [
            models.Index(fields=["case", "seq"]),
            models.Index(fields=["actor", "seq"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.what}"

    def content(self) -> dict:
        return {
            "seq": self.seq,
            "at": chain.timestamp(self.at),
            "actor": self.actor_name,
            "case": self.case_ref,
            "case_id": self.case_id,
            "action": self.action,
            "what": self.what,
            "why": self.why,
        }

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("access entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("access entries cannot be removed")

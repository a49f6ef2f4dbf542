"""Erase personal content from both chains, and record that it was done: a case's
(`erase_case`), or the access log's entries about no one case (`erase_access`).

The "erase_personal_data" entry written here lists every entry it erased; verification
accepts an erased entry only if an intact erasure entry lists it (crs.audit.verify).
Must run inside the disposal's transaction, like any audit entry.
"""

from __future__ import annotations

from django.utils import timezone

from .log import record
from .models import AccessEntry, AuditEntry
from .verify import ERASE_ACTION

KEPT_KEYS = ("state",)  # a before/after key that says nothing about a person


def _kept(value):
    if not isinstance(value, dict):
        return None
    kept = {k: value[k] for k in KEPT_KEYS if k in value}
    return kept or None


def erase_case(case, *, actor, rule: str, reference: str) -> AuditEntry:
    """Blank the personal content of `case`'s audit and access entries; return the
    erasure entry. `reference` names the disposal record (it holds no personal data)."""
    audit = AuditEntry.objects.filter(case=case, erased_at__isnull=True).exclude(
        action=ERASE_ACTION
    )
    access = AccessEntry.objects.filter(case=case, erased_at__isnull=True)
    audit_seqs = list(audit.values_list("seq", flat=True))
    access_seqs = list(access.values_list("seq", flat=True))
    entry = record(
        actor=actor,
        case=case,
        action=ERASE_ACTION,
        after={"erased": {"audit": audit_seqs, "access": access_seqs}, "rule": rule},
        why=f"retention disposal {reference} under rule {rule}",
    )
    at = timezone.now()
    # The states a case went through are no one's personal data and the dashboard
    # times authorisation by them, so they stay; everything else in before/after goes.
    for row in AuditEntry.objects.filter(seq__in=audit_seqs).only("pk", "before", "after"):
        AuditEntry.erase_personal(
            AuditEntry.objects.filter(pk=row.pk),
            at=at,
            erasure_seq=entry.seq,
            blank={"before": _kept(row.before), "after": _kept(row.after), "why": ""},
        )
    _blank_access(access_seqs, at=at, erasure_seq=entry.seq)
    return entry


def erase_access(seqs: list[int], *, actor, rule: str, why: str) -> AuditEntry:
    """Blank the personal content of the access entries `seqs`, which are about no one
    case (searches, exports of many), and return the erasure entry that lists them.
    The entry names no case: no case's disposal could erase it."""
    entry = record(
        actor=actor,
        case=None,
        action=ERASE_ACTION,
        after={"erased": {"audit": [], "access": list(seqs)}, "rule": rule},
        why=why,
    )
    _blank_access(seqs, at=timezone.now(), erasure_seq=entry.seq)
    return entry


def _blank_access(seqs: list[int], *, at, erasure_seq: int) -> None:
    AccessEntry.erase_personal(
        AccessEntry.objects.filter(seq__in=seqs),
        at=at,
        erasure_seq=erasure_seq,
        blank={"what": "", "why": ""},
    )

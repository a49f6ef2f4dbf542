"""The access log's own retention: its entries about no one case.

A search's address may hold a name (/cases/?q=smith) and a subject access export names
its subject, but neither is tied to a case, so no case's disposal erases them. They are
erased under the schedule's [access_log] rule instead, `years` after the day each was
written, through the same erasure as a case's (crs.audit.erasure), so both chains still
verify. The log's own records of erasures stay whole, as the audit trail's do.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from crs.audit.access import record_access
from crs.audit.erasure import erase_access
from crs.audit.models import AccessEntry

from . import schedule

# Entries listed by one erasure entry: keeps its JSON, and the query that blanks them,
# a manageable size the first time a force disposes of years of searches.
CHUNK = 5000


def _due(on: date, rule: schedule.Rule):
    # The period runs from the entry's local date, as a case's runs from its closing date.
    before = timezone.make_aware(datetime.combine(rule.ended_by(on) + timedelta(days=1), time()))
    return AccessEntry.objects.filter(
        case__isnull=True, erased_at__isnull=True, at__lt=before
    ).exclude(action=AccessEntry.Action.ERASE)


def review(on: date, rule: schedule.Rule | None = None) -> tuple[int, schedule.Rule]:
    """How many entries about no one case are due for erasure by `on`, and the rule."""
    rule = rule or schedule.access_log()
    return _due(on, rule).count(), rule


def dispose(on: date, *, by, rule: schedule.Rule | None = None) -> int:
    """Erase the personal content of every entry due by `on`; return how many. Runs
    inside the disposal's transaction; the caller has checked `by` may dispose."""
    rule = rule or schedule.access_log()
    seqs = list(_due(on, rule).order_by("seq").values_list("seq", flat=True))
    why = f"retention disposal of the access log under rule {rule.key} ({rule.years} years)"
    for start in range(0, len(seqs), CHUNK):
        erase_access(seqs[start : start + CHUNK], actor=by, rule=rule.key, why=why)
    if seqs:
        record_access(
            actor=by,
            action=AccessEntry.Action.ERASE,
            what=f"retention disposal of {len(seqs)} access log entries about no one case",
            why=f"rule {rule.key}: {rule.years} years after each entry",
        )
    return len(seqs)

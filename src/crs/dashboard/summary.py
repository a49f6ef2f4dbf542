"""Bring the dashboard's copy (crs.dashboard.models) up to date with the record.

    refresh()            the cases changed since the last refresh (all, the first time)
    refresh(full=True)   every case
    refresh(wait=True)   the same, after waiting for a refresh under way (disposal)
    (each: except a disposed-of case the copy already holds; see `_final`)
    refresh_if_stale()   what the page calls: refresh when the copy is older than
                         settings.CRS_DASHBOARD_MAX_AGE seconds (default 300)

Cases are read a chunk at a time, each with a handful of queries (the case, its
offender, its latest assessment's authorities, restorative justice, victim
satisfaction, the audit entries that time authorisation, completion and IMU
returns); what a case counts as is decided here, once, so the figures only count.
Every change to a case saves the case (crs.cases.services._base.changing), so its
`updated_at` says which cases to read again.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, CharField, Count, F, Q, Sum, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone

from crs.audit.models import AuditEntry
from crs.cases.models import Assessment, Case, Person, RestorativeJustice, VictimView
from crs.cases.workflow import State

from . import groups
from .models import CaseFigures, Refresh, Return, Tally

CHUNK = 5000
AUDITED = ("request_authorisation", "authorise", "refuse_authorisation", "complete", "imu_return")
FIELDS = [f.name for f in CaseFigures._meta.concrete_fields if f.name != "case"]
DEFAULT_MAX_AGE = 300
# A change is stamped (updated_at) when saved but seen only once committed: one saved just
# before a refresh started and committed after it read would be missed for good. So each
# refresh reads again what changed in this margin before the last one started, longer than
# any of crs's transactions; re-reading a case costs little, missing one is wrong figures.
LATE_COMMIT = timedelta(minutes=5)


def refresh(*, full: bool = False, wait: bool = False) -> int:
    """Rewrite the rows of the cases changed since the last refresh; return how many.

    One refresh at a time: the Refresh row is locked, and a second caller that finds
    it locked (PostgreSQL) leaves the work to the first and returns -1. With `wait`
    it waits for the first to commit and then refreshes: disposal needs that, since
    the first may not have read a case changed since it started, and once erased a
    case's row is never rewritten (`_final`).
    """
    with transaction.atomic():
        Refresh.objects.get_or_create(pk=1)
        locked = Refresh.objects.select_for_update(skip_locked=not wait)
        mark = locked.filter(pk=1).first()
        if mark is None:
            return -1
        started = timezone.now()
        cases = Case.objects.exclude(pk__in=_final())
        if not full and mark.started_at is not None:
            cases = cases.filter(updated_at__gte=mark.started_at - LATE_COMMIT)
        ids = list(cases.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            _write(ids[start : start + CHUNK])
        # The CRs due (their pack's limit past the offence) are counted against the day of the
        # refresh, so a new day counts the tally again even when no case changed.
        new_day = mark.started_at is None or _day(mark.started_at) != _day(started)
        if ids or full or new_day:
            rebuild_tally(_day(started))
        mark.started_at, mark.finished_at = started, timezone.now()
        mark.cases = CaseFigures.objects.count()
        mark.save()
    return len(ids)


def _final():
    """The cases whose row is final: disposed of under retention (they have an Erasure)
    and already in the copy.

    Disposal refreshes the copy just before it erases a case, so the row holds the age
    band, sex and ethnic group read while they were known; read again, the erased case
    would count as "not recorded" and change the fairness figures after the fact. A
    disposed-of case with no row (a backup restored without the dashboard's tables) is
    read once, from what is left: its coded fields (district, category, outcome, times)
    still count, and its offender's groups are "not recorded", which is the truth now
    that they are gone. Its groups are not taken from retention.Statistic: a statistic
    has no link to its case, by design.
    """
    return CaseFigures.objects.filter(case__erasure__isnull=False).values("case_id")


def _day(at):
    return timezone.localdate(at)


def last_refreshed():
    mark = Refresh.objects.filter(pk=1).first()
    return None if mark is None else mark.finished_at


def due_on():
    """The day the CRs due by 16 weeks are counted as at: that of the last refresh."""
    mark = Refresh.objects.filter(pk=1).first()
    return None if mark is None or mark.started_at is None else _day(mark.started_at)


def refresh_if_stale() -> None:
    max_age = int(getattr(settings, "CRS_DASHBOARD_MAX_AGE", DEFAULT_MAX_AGE))
    finished = last_refreshed()
    if finished is None or timezone.now() - finished > timedelta(seconds=max_age):
        refresh()


def bucket(hours: float | None) -> float | None:
    """The histogram bucket of a time to authorise: by the hour for two days, by six
    hours to a week, then by the day (the bands 24, 72 and 168 hours fall on edges)."""
    if hours is None:
        return None
    if hours < 48:
        return float(int(hours))
    if hours < 168:
        return float(48 + 6 * int((hours - 48) // 6))
    return float(168 + 24 * int((hours - 168) // 24))


CELL = ("month", "district", "category")
# The headline counts: each key, the cases it counts, and what it adds up.
HEADLINE = {
    "cases": (Q(), None),
    "given": (Q(outcome="given"), None),
    "not_given": (Q(outcome="not_given"), None),
    "restorative": (Q(outcome="given", restorative=True), None),
    "non_compliant": (Q(outcome="given", non_compliant=True), None),
    "returned_cases": (Q(imu_returns__gt=0), None),
    "returns": (Q(imu_returns__gt=0), "imu_returns"),
}
# The 16-week measure (4.4.4, Ruling R25) counts every CR due: agreed, and its deadline
# (the offence date plus its pack's limit, 16 weeks by default) passed by the day of the
# refresh. Of those, completed by that date
# (within), completed after it (late), not complied with, and the rest (still open):
# a CR not complied with or still open was not completed in time.
DUE = ("due", "due_within", "due_late", "due_not_complied")


def due_counts(today: date) -> dict[str, Q]:
    due = Q(outcome="given", due_by__lt=today)
    return {
        "due": due,
        "due_within": due & Q(within_16_weeks=True),
        "due_late": due & Q(completed=True, within_16_weeks=False),
        "due_not_complied": due & Q(completed=False, non_compliant=True),
    }


def rebuild_tally(today: date | None = None) -> None:
    """Count the per-case rows again by month, district and category (the CRs due as
    at `today`, by default the day it runs).

    Each figure is one INSERT ... SELECT ... GROUP BY run by the database (the rows
    never come to Python), which works alike on SQLite and PostgreSQL.
    """
    rows = CaseFigures.objects.order_by()
    Tally.objects.all().delete()
    for key, (which, summed) in HEADLINE.items():
        _insert(rows.filter(which), "headline", Value(key), Sum(summed) if summed else None)
    for key, which in due_counts(today or timezone.localdate()).items():
        _insert(rows.filter(which), "headline", Value(key))
    _insert(rows, "level", F("level"))
    _insert(rows.exclude(satisfaction=""), "satisfaction", F("satisfaction"))
    _insert(
        rows.filter(authorise_bucket__isnull=False),
        "hours",
        Cast("authorise_bucket", output_field=TextField()),
    )
    returns = Return.objects.order_by().annotate(
        month=F("figures__month"),
        district=F("figures__district"),
        category=F("figures__category"),
    )
    _insert(returns, "reason", F("reason"))
    for dimension in ("age_band", "sex", "ethnic_group"):
        _insert(rows, dimension, F(dimension), outcome=F("outcome"))
    _insert_rollup()


def _insert_rollup() -> None:
    """Sum the months of each district, category, figure, key and outcome."""
    table = Tally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (month, district, category, figure, key, outcome, n, rollup) "
            f"SELECT NULL, district, category, figure, key, outcome, SUM(n), %s FROM {table} "
            "WHERE rollup = %s GROUP BY district, category, figure, key, outcome",
            [True, False],
        )
        if connection.vendor == "postgresql":
            # Every row is new: without fresh statistics the planner guesses, and scans.
            cursor.execute(f"ANALYZE {table}")


def _insert(rows, figure: str, key, count=None, *, outcome=None) -> None:
    """INSERT INTO the tally the counts of `rows` by cell, key (and outcome)."""
    grouped = rows.values(
        *CELL,
        t_figure=Value(figure, output_field=CharField()),
        t_key=key,
        t_outcome=outcome if outcome is not None else Value("", output_field=CharField()),
        t_rollup=Value(False, output_field=BooleanField()),
    ).annotate(t_n=count if count is not None else Count("pk"))
    sql, params = grouped.query.sql_with_params()
    columns = "month, district, category, figure, key, outcome, rollup, n"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {Tally._meta.db_table} ({columns}) {sql}", params)


def _write(ids: list[int]) -> None:
    rows, returns = _rows(ids)
    CaseFigures.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["case"], update_fields=FIELDS
    )
    Return.objects.filter(figures_id__in=ids).delete()
    Return.objects.bulk_create(returns)


def _rows(ids: list[int]) -> tuple[list[CaseFigures], list[Return]]:
    cases = Case.objects.filter(pk__in=ids).values_list(
        "pk",
        "offence_date",
        "team__district",
        "offence_category",
        "state",
        "agreed_at",
        "no_alternative_sanction",
    )
    offenders = {}
    for case_id, born, sex, ethnicity in (
        Person.objects.filter(case_id__in=ids, role=Person.Role.OFFENDER)
        .order_by("-id")
        .values_list("case_id", "date_of_birth", "sex", "ethnicity")
    ):
        offenders[case_id] = (born, sex, ethnicity)  # the first offender named wins
    authorities, due_by = {}, {}
    for case_id, needed, deadline in (
        Assessment.objects.filter(case_id__in=ids)
        .order_by("id")
        .values_list(
            "case_id", "result__authorities_required", "result__deadlines__outcomes_complete_by"
        )
    ):
        authorities[case_id] = needed or []  # the latest assessment wins
        # The engine's own deadline, under the pack the case was assessed by (4.4.4, R25).
        due_by[case_id] = date.fromisoformat(deadline) if isinstance(deadline, str) else None
    restorative = set(
        RestorativeJustice.objects.filter(case_id__in=ids)
        .exclude(delivery=RestorativeJustice.Delivery.NONE)
        .values_list("case_id", flat=True)
    )
    satisfaction = dict(
        VictimView.objects.filter(case_id__in=ids)
        .exclude(satisfaction="")
        .order_by("id")
        .values_list("case_id", "satisfaction")
    )
    audit = _audit(ids)

    rows, returns = [], []
    for pk, offence_date, district, category, state, agreed_at, non_compliant in cases:
        born, sex, ethnicity = offenders.get(pk, (None, "", ""))
        hours, completed_at, returned = audit.get(pk, (None, None, []))
        completed = completed_at is not None
        deadline = due_by.get(pk)
        within = completed and deadline is not None and timezone.localdate(completed_at) <= deadline
        if agreed_at is not None:
            outcome = "given"
        elif state in (State.REFUSED, State.WITHDRAWN):
            outcome = "not_given"
        else:
            outcome = "open"
        rows.append(
            CaseFigures(
                case_id=pk,
                offence_date=offence_date,
                month=offence_date.replace(day=1) if offence_date else None,
                district=district,
                category=category,
                level=groups.level(authorities.get(pk)),
                state=state,
                outcome=outcome,
                restorative=pk in restorative,
                completed=completed,
                within_16_weeks=within,
                due_by=deadline,
                non_compliant=non_compliant,
                authorise_hours=hours,
                authorise_bucket=bucket(hours),
                imu_returns=len(returned),
                satisfaction=satisfaction.get(pk, ""),
                age_band=groups.age_band(born, offence_date),
                sex=groups.sex_group(sex),
                ethnic_group=groups.ethnic_group(ethnicity),
            )
        )
        returns.extend(Return(figures_id=pk, at=at, reason=why) for at, why in returned)
    return rows, returns


def _audit(ids: list[int]) -> dict[int, tuple]:
    """Per case: hours from the last request for authority to its decision, when the
    actions were completed, and the IMU returns (when, why)."""
    out: dict[int, tuple] = {}
    pending: dict[int, object] = {}
    entries = (
        AuditEntry.objects.filter(case_id__in=ids, action__in=AUDITED)
        .order_by("seq")
        .values_list("case_id", "action", "at", "after__state", "why")
    )
    for case_id, action, at, state_after, why in entries:
        hours, completed_at, returned = out.get(case_id, (None, None, []))
        if action == "request_authorisation":
            pending[case_id] = at
        elif action == "complete":
            completed_at = at
        elif action == "imu_return":
            returned = [*returned, (at, why.strip())]
        elif action == "refuse_authorisation" or state_after == State.AUTHORISED:
            asked = pending.pop(case_id, None)
            if asked is not None:
                hours = (at - asked).total_seconds() / 3600
        out[case_id] = (hours, completed_at, returned)
    return out

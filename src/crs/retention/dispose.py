"""Review and disposal: which cases are due, and erasing a due case's personal data.

Everything for one case happens in one transaction: statistics kept, every table's
personal fields blanked, the audit and access chains' personal content erased
(crs.audit.erasure), the erasure recorded. A failure leaves the case as it was.
A disposal also erases the access log's entries about no one case that are due
(crs.retention.access_log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models, transaction
from django.utils import timezone

from crs.accounts.models import Role
from crs.audit.access import record_access
from crs.audit.erasure import erase_case
from crs.cases.models import (
    PERSON_DETAILS,
    Assessment,
    AssessmentDraft,
    Authorisation,
    Case,
    Contact,
    Person,
    PreviousOutcome,
    RemedyAction,
    RestorativeJustice,
    ReviewReturn,
    Signature,
    Statement,
    VictimView,
    blank,
)
from crs.cases.workflow import FINAL
from crs.dashboard import groups, summary
from crs.dashboard.models import Return
from crs.policy.ages import age_band, is_child
from crs.reminders.models import Notification, Reminder
from crs.scrutiny.models import Finding

from . import access_log, schedule
from .models import Erasure, Statistic

# Keys of the facts JSON (and of an assessment's copy) that hold a person's details or
# free text; everything else there is a coded answer (true/false, an option, a score).
FACT_TEXT = {"description", "name", "given_name", "family_name", "notes", "source", "text"}
FACT_DATES = {"date_of_birth"}

# Per table: the fields blanked, and what they become. Coded fields (roles, methods,
# outcomes, dates of events) stay: they are what the statistics and the audit are about.
BLANK = {
    Person: {name: blank(name) for name, d in PERSON_DETAILS.items() if d.erased},
    Authorisation: {"rationale": "", "void_reason": ""},
    PreviousOutcome: {"source": ""},
    VictimView: {"views": "", "wishes": ""},
    RemedyAction: {"description": "", "notes": ""},
    Contact: {"notes": ""},
    RestorativeJustice: {"referral_note": ""},
    Signature: {"name": ""},
    ReviewReturn: {"reasons": ""},
    Statement: {"text": ""},
    Reminder: {"subject": "", "text": ""},
    Notification: {"text": ""},
}


class DisposalError(ValueError):
    """A disposal that cannot run; the text names the option."""


@dataclass(frozen=True)
class Due:
    case_id: int
    case_ref: str
    state: str
    closed: date
    rule: schedule.Rule

    @property
    def due_on(self) -> date:
        return self.rule.due(self.closed)


def review(on: date, rules: dict[str, schedule.Rule] | None = None) -> tuple[list[Due], int]:
    """The final cases not yet disposed of whose period has ended by `on`, oldest first,
    and how many final cases are still within their period."""
    rules = rules or schedule.load()
    due, kept = [], 0
    finals = Case.objects.filter(
        state__in=FINAL, closed_at__isnull=False, erasure__isnull=True
    ).order_by("closed_at", "pk")
    born = {}
    for case_id, dob in (
        Person.objects.filter(case__in=finals, role=Person.Role.OFFENDER)
        .order_by("-id")
        .values_list("case_id", "date_of_birth")
    ):
        born[case_id] = dob  # the first offender named wins, as on the dashboard
    judged = _judged_on(finals)
    cases = finals.values_list("pk", "crime_reference", "state", "closed_at", "offence_date")
    for pk, ref, state, closed_at, offence_date in cases.iterator(chunk_size=2000):
        child = is_child(born.get(pk), judged.get(pk, offence_date))
        rule = schedule.rule_for(rules, state=state, juvenile=child)
        if rule is None:
            continue
        item = Due(pk, ref, state, timezone.localdate(closed_at), rule)
        if item.due_on <= on:
            due.append(item)
        else:
            kept += 1
    return due, kept


def _judged_on(cases) -> dict[int, date]:
    """Per case, the day its current assessment judged "juvenile" on (Ruling R14: the
    assessment date), so the child rule follows the engine; never assessed: none here, and
    the offence date stands in."""
    days = {}
    for case_id, on in (
        Assessment.objects.filter(case__in=cases)
        .order_by("id")
        .values_list("case_id", "assessed_on")
    ):
        days[case_id] = on  # the latest assessment wins
    return days


def _scrub(value):
    """The facts JSON with its personal fields blanked."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            if key in FACT_DATES:
                out[key] = None
            elif key in FACT_TEXT and isinstance(inner, str):
                out[key] = ""
            else:
                out[key] = _scrub(inner)
        return out
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _update(queryset, **values) -> int:
    # Records written once (statements, signatures...) refuse update; erasure under the
    # retention schedule is the one change they allow, so it goes past their queryset.
    return models.QuerySet.update(queryset, **values)


def _statistic(case: Case, rule: schedule.Rule, on: date) -> Statistic:
    offender = Person.objects.filter(case=case, role=Person.Role.OFFENDER).order_by("id").first()
    closed = timezone.localdate(case.closed_at) if case.closed_at else None
    return Statistic.objects.create(
        offence_month=case.offence_date.replace(day=1) if case.offence_date else None,
        closed_month=closed.replace(day=1) if closed else None,
        disposed_month=on.replace(day=1),
        district=case.team.district,
        category=case.offence_category,
        state=case.state,
        outcome="given" if case.agreed_at is not None else "not_given",
        juvenile=is_child(
            offender and offender.date_of_birth,
            _judged_on(Case.objects.filter(pk=case.pk)).get(case.pk, case.offence_date),
        ),
        age_band=age_band(offender and offender.date_of_birth, case.offence_date),
        sex=groups.sex_group(offender.sex if offender else ""),
        ethnic_group=groups.ethnic_group(offender.ethnicity if offender else ""),
        rule=rule.key,
    )


def _erase_tables(case: Case) -> dict[str, int]:
    counts = {}
    for model, blanks in BLANK.items():
        counts[model._meta.label] = _update(model.objects.filter(case=case), **blanks)
    counts["scrutiny.Finding"] = _update(
        Finding.objects.filter(sample_case__case=case), comments=""
    )
    counts["dashboard.Return"] = _update(Return.objects.filter(figures_id=case.pk), reason="")
    assessments = 0
    for pk, facts, result in Assessment.objects.filter(case=case).values_list(
        "pk", "facts", "result"
    ):
        assessments += _update(
            Assessment.objects.filter(pk=pk), facts=_scrub(facts), result=_scrub(result)
        )
    counts["cases.Assessment"] = assessments
    # Answers still in progress are a working copy, not the record: nothing of them is kept.
    counts["cases.AssessmentDraft"] = AssessmentDraft.objects.filter(case=case).delete()[0]
    # Case.objects.update leaves updated_at alone, so the dashboard's next refresh keeps
    # the figures it read before the erasure (age band, sex, ethnic group).
    counts["cases.Case"] = Case.objects.filter(pk=case.pk).update(
        facts=_scrub(case.facts),
        offence_description="",
        gravity_rationale="",
        outcome_reason="",
    )
    return {k: v for k, v in counts.items() if v}


def dispose_one(item: Due, *, by, on: date) -> Erasure:
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("team").get(pk=item.case_id)
        _statistic(case, item.rule, on)
        erasure = Erasure.objects.create(
            case=case,
            case_ref=case.crime_reference,
            rule=item.rule.key,
            rule_years=item.rule.years,
            rule_source=item.rule.source,
            due_on=item.due_on,
            on=on,
            at=timezone.now(),
            by=by,
            by_name=by.get_username(),
        )
        erased = _erase_tables(case)
        entry = erase_case(case, actor=by, rule=item.rule.key, reference=erasure.reference)
        erased["audit.AuditEntry"] = len(entry.after["erased"]["audit"])
        erased["audit.AccessEntry"] = len(entry.after["erased"]["access"])
        Erasure.objects.filter(pk=erasure.pk).update(erased=erased, audit_seq=entry.seq)
        record_access(
            actor=by,
            case=case,
            action="erase",
            what=f"retention disposal {erasure.reference}",
            why=f"rule {item.rule.key}: {item.rule.years} years after {item.state}",
        )
    erasure.refresh_from_db()
    return erasure


@dataclass(frozen=True)
class Disposal:
    cases: list[Erasure]
    access_entries: int  # access log entries about no one case whose content was erased
    access_rule: schedule.Rule


def dispose(*, on: date, by, dry_run: bool = False) -> list[Erasure]:
    """The erasure records of `dispose_due` (which also erases the access log's due
    entries)."""
    return dispose_due(on=on, by=by, dry_run=dry_run).cases


def dispose_due(*, on: date, by, dry_run: bool = False) -> Disposal:
    """Dispose of every case due by `on`, and of the access log's entries about no one
    case that are due. A dry run does all of it and rolls it back, so what it reports is
    exactly what a real run would do."""
    if on > timezone.localdate() and not dry_run:
        # A dry run may look ahead (what falls due by the end of the quarter?); it changes
        # nothing, so it cannot run ahead of the schedule.
        raise DisposalError(
            f"--on: {on} is after today; a disposal cannot run ahead (a --dry-run can)"
        )
    if by is None or not by.is_active:
        raise DisposalError("--by: the user must exist and be active")
    if not (by.is_superuser or by.role == Role.ADMINISTRATOR):
        # Erasing a record cannot be undone: the force's administrators decide it.
        raise DisposalError(f"--by: {by.get_username()} is not an administrator")
    due, _ = review(on)
    access_rule = schedule.access_log()  # read before any change: a bad schedule changes nothing
    done = []
    with transaction.atomic():
        # The dashboard's copy must hold each case as it was before its erasure; the
        # erasure leaves updated_at alone, so later refreshes keep that copy. A refresh
        # under way may not have read a case changed since it started, so wait for it
        # and refresh after it rather than leave it the work.
        if due:
            summary.refresh(wait=True)
        for item in due:
            done.append(dispose_one(item, by=by, on=on))
        entries = access_log.dispose(on, by=by, rule=access_rule)
        if dry_run:
            transaction.set_rollback(True)
    return Disposal(done, entries, access_rule)

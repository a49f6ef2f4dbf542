"""What deserves a reminder at a given moment, and for whom: a pure read of the cases.

    due_reminders(now) -> [Due(case, kind, subject, due, recipients, text), ...]

The deadlines come from crs.cases (duties.duties for what follows delivery,
guards for the 16-week limit and the victim's update on conclusion, the audit
trail for when authority was asked); this module only decides when each is
worth a reminder and who gets it. `now` is the caller's clock, so tests and
`crs remind --now` can stand anywhere in time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from crs.accounts.models import User
from crs.audit.models import AuditEntry
from crs.cases import guards, permissions
from crs.cases.duties import duties
from crs.cases.models import Case, ReviewReturn
from crs.cases.workflow import AFTER_DELIVERY, FOLLOWING, OPEN, State

from .models import Kind

ACTION_WARNING = timedelta(days=7)  # "actions due in 7 days"
DEADLINE_WARNING = timedelta(days=14)  # the 16-week limit is "approaching" two weeks ahead
PARENT_WINDOW = timedelta(hours=24)  # 3.4.3, Ruling R26
AUTHORISATION_WAIT = timedelta(days=1)  # waiting "more than a day"

CONCLUDED = {State.COMPLETED: "complete", State.NON_COMPLIANT: "record_non_compliance"}


@dataclass(frozen=True)
class Due:
    case: Case
    kind: str
    subject: str
    due: datetime
    recipients: tuple
    text: str


def due_reminders(now: datetime) -> Iterator[Due]:
    yield from _after_delivery(now)
    yield from _outcomes_deadline(now)
    yield from _victim_on_conclusion(now)
    yield from _authorisation_waiting(now)
    yield from _returned(now)


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y %H:%M}"


def _after_delivery(now: datetime) -> Iterator[Due]:
    cases = (
        Case.objects.filter(state__in=AFTER_DELIVERY, agreed_at__isnull=False)
        .select_related("owner")
        .prefetch_related("contacts")
    )
    for case in cases:
        for duty in duties(case, now=now):
            ref = case.crime_reference
            if duty.code == "action_due":
                # A duty names its action only in its text: the text tells two actions apart.
                subject = "action:" + hashlib.sha256(duty.text.encode()).hexdigest()[:24]
                if duty.overdue:
                    kind, text = Kind.ACTION_OVERDUE, f"{ref}: overdue since {_when(duty.due)}."
                elif now >= duty.due - ACTION_WARNING:
                    kind, text = Kind.ACTION_DUE_SOON, f"{ref}: due by {_when(duty.due)}."
                else:
                    continue
                text = f"{text} {duty.text} ({duty.paragraph})"
            elif duty.code == "parent_guardian_informed":
                subject = "parent_guardian"
                if duty.overdue:
                    kind = Kind.PARENT_GUARDIAN_OVERDUE
                    text = f"{ref}: overdue since {_when(duty.due)}."
                elif now >= duty.due - PARENT_WINDOW:
                    kind = Kind.PARENT_GUARDIAN_DUE
                    text = f"{ref}: due by {_when(duty.due)}."
                else:
                    continue
                text = f"{text} {duty.text} ({duty.paragraph})"
            elif duty.code == "victim_contact_after_delivery" and now >= duty.due:
                subject, kind = "after_delivery", Kind.VICTIM_UPDATE_DUE
                text = f"{ref}: {duty.text} ({duty.paragraph})"
            else:
                continue
            yield Due(case, kind, subject, duty.due, (case.owner,), text)


def _end_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _outcomes_deadline(now: datetime) -> Iterator[Due]:
    """Ruling R25, 4.4.4: deferred outcomes within 16 weeks of the offence."""
    for case in Case.objects.filter(state__in=FOLLOWING).select_related("owner"):
        assessment = case.current_assessment
        deadline = guards.outcomes_deadline(assessment)
        if deadline is None:
            continue
        due = _end_of(deadline)
        if now < due - DEADLINE_WARNING:
            continue
        verb = "passed on" if now > due else "is"
        limit = guards.outcomes_limit(assessment, before_a_noun=True)
        yield Due(
            case,
            Kind.OUTCOMES_DEADLINE,
            "",
            due,
            (case.owner,),
            f"{case.crime_reference}: the {limit} limit for the agreed outcomes {verb} "
            f"{deadline:%-d %B %Y} (4.4.4).",
        )


def _entered(case: Case, action: str):
    """When the case's latest `action` was recorded in the audit trail."""
    entry = AuditEntry.objects.filter(case=case, action=action).order_by("-seq").only("at").first()
    return entry.at if entry else None


def _victim_on_conclusion(now: datetime) -> Iterator[Due]:
    """4.3.5, 4.4.5, 4.6.1: the victim is told when the outcomes conclude, or were not met."""
    for case in Case.objects.filter(state__in=list(CONCLUDED)).select_related("owner"):
        message = guards.victim_contacted_at_conclusion(case)
        if message is None:
            continue
        since = _entered(case, CONCLUDED[case.state])
        if since is None or now < since:
            continue
        yield Due(
            case,
            Kind.VICTIM_UPDATE_DUE,
            case.state,
            since,
            (case.owner,),
            f"{case.crime_reference}: {message}",
        )


def _authorisation_waiting(now: datetime) -> Iterator[Due]:
    """4.2.2: a case waiting for authority more than a day goes to those who can give it."""
    cases = list(Case.objects.filter(state=State.AWAITING_AUTHORISATION).select_related("owner"))
    if not cases:
        return
    # Those who could give some authority: Sergeant and above, police staff, the YJT Supervisor.
    people = list(
        User.objects.filter(is_active=True).filter(
            Q(rank__in=["sergeant", "inspector", "superintendent", "police_staff"])
            | Q(role="youth_justice_supervisor")
        )
    )
    for case in cases:
        asked = _entered(case, "request_authorisation")
        if asked is None or now <= asked + AUTHORISATION_WAIT:
            continue
        outstanding = guards.outstanding_requirements(case)
        if not outstanding:
            continue
        able = [p for p in people if permissions.can_authorise(p, case, outstanding) is None]
        # The case's own team first (and the force-wide roles, who have none); anyone able
        # when nobody there is.
        near = [p for p in able if p.team_id in (None, case.team_id)]
        recipients = tuple(near or able)
        if not recipients:
            continue
        needed = ", ".join(sorted({e["authority"].replace("_", " ") for e in outstanding}))
        yield Due(
            case,
            Kind.AUTHORISATION_WAITING,
            "",
            asked + AUTHORISATION_WAIT,
            recipients,
            f"{case.crime_reference}: waiting for authorisation since {_when(asked)} "
            f"(needs: {needed}; 4.2.2).",
        )


RETURNED_BY = {ReviewReturn.By.SUPERVISOR: "the supervisor", ReviewReturn.By.IMU: "the IMU"}


def _returned(now: datetime) -> Iterator[Due]:
    """4.5.1, 4.5.4: the officer is told their case was returned, and why, once per return."""
    cases = Case.objects.filter(returned_at__isnull=False, returned_at__lte=now, state__in=OPEN)
    for case in cases.select_related("owner"):
        found = case.returns.order_by("-returned_at", "-pk").first()
        if found is None:
            continue
        reasons = " ".join(found.reasons.split())
        if len(reasons) > 300:
            reasons = reasons[:299] + "…"
        yield Due(
            case,
            Kind.CASE_RETURNED,
            f"return:{found.pk}",
            found.returned_at,
            (case.owner,),
            f"{case.crime_reference}: returned by {RETURNED_BY.get(found.by, found.by)} on "
            f"{_when(found.returned_at)}. Put it right: {reasons}",
        )

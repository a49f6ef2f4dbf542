"""Who may do what to a case. Each check returns None, or the sentence that refuses.

Ranks and roles decide: the officer in the case (the owner) works the case;
a sergeant or above in the same team supervises it; authority is given only
by someone who satisfies the requirement (crs.accounts.authority) and never by
someone who did the case's own work (4.2.3, Ruling R38: its officer, its assessor,
whoever recorded or changed its facts); supervisor review and IMU quality assurance (4.5.1,
4.5.4) are done by someone other than the officer in the case.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery

from crs.accounts.authority import can_satisfy
from crs.accounts.models import RANK_ORDER, Rank, Role
from crs.audit.models import AuditEntry

from .models import Assessment, Case
from .workflow import State

OWN_CASE = "You cannot authorise your own case (4.2.3)."
MADE_THE_ASSESSMENT = (
    "You made this assessment, so someone else must authorise it (4.2.3, Ruling R38)."
)
RECORDED_THE_FACTS = (
    "You recorded or changed the facts of this case, so someone else must authorise it "
    "(4.2.3, Ruling R38)."
)
# The audit trail's actions that record or change the facts an assessment reads
# (set_previous_outcomes is audited as update_facts; an answer to an assessment in progress
# as answer_draft, since it becomes a fact when the assessment is saved), and the offender's
# date of birth, which the assessment reads from the offender (decision 0011).
FACT_ACTIONS = ("open_case", "update_facts", "answer_draft")
PERSON_ACTIONS = ("add_person", "update_person")


def fact_changes():
    """The audit entries that recorded or changed a fact an assessment reads, as a filter."""
    return Q(action__in=FACT_ACTIONS) | Q(
        action__in=PERSON_ACTIONS,
        after__person__role="offender",
        after__person__has_key="date_of_birth",
    )


def _supervises(user, case) -> bool:
    return (
        RANK_ORDER.get(user.rank, 0) >= RANK_ORDER[Rank.SERGEANT]
        and user.team_id is not None
        and user.team_id == case.team_id
    )


def can_open_case(user) -> str | None:
    if not user.is_active or user.role not in (Role.OFFICER, Role.ADMINISTRATOR):
        return "Only an officer can open a case."
    return None


def can_work_on(user, case) -> str | None:
    """The officer in the case, or their supervisor, works on it."""
    if user.is_active and (user.pk == case.owner_id or _supervises(user, case)):
        return None
    return "Only the officer in the case or a supervisor in their team can change this case."


def fact_recorders(case) -> set[int]:
    """The ids of everyone who recorded or changed this case's facts, from its audit trail
    (the actor is kept when an entry's personal content is erased). Read once per copy of
    the case: a page or a reminder run asks for many people."""
    if "_fact_recorders" not in case.__dict__:
        actors = AuditEntry.objects.filter(fact_changes(), case_id=case.pk)
        case._fact_recorders = set(actors.values_list("actor_id", flat=True).distinct())
    return case._fact_recorders


def segregation(user, case, assessment=None) -> str | None:
    """4.2.3, Ruling R38: nobody authorises a case on which they are the officer in the
    case, an assessment they made, or one whose facts they recorded or changed (at any
    time: a change may survive into the facts the assessment read)."""
    assessment = assessment or case.current_assessment
    if user.pk == case.owner_id:
        return OWN_CASE
    if assessment is not None and assessment.assessed_by_id == user.pk:
        return MADE_THE_ASSESSMENT
    if user.pk in fact_recorders(case):
        return RECORDED_THE_FACTS
    return None


def authorisable_by(user, cases):
    """`cases` less those R38 bars this person from authorising: segregation() as one
    query, for the lists (their own, the current assessment theirs, facts they recorded)."""
    current = Assessment.objects.filter(case=OuterRef("pk")).order_by("-id")
    recorded = AuditEntry.objects.filter(fact_changes(), case=OuterRef("pk"), actor_id=user.pk)
    return (
        cases.exclude(owner_id=user.pk)
        .alias(assessor=Subquery(current.values("assessed_by_id")[:1]))
        .exclude(assessor=user.pk)
        .exclude(Exists(recorded))
    )


def barred_by_own_work(user, cases, state: str):
    """The cases of `cases` (all in `state`, none the person's own) that authorisable_by
    leaves out: the current assessment theirs, or facts they recorded.

    Found from what they did (their assessments, their audited fact changes, on cases
    now in `state`), as ids first: so it costs what their own work holds, not what the
    force's does, and no query at all when they did none. A work list counts the rest
    from the kept counts, less these."""
    assessed = Assessment.objects.filter(assessed_by_id=user.pk, case__state=state)
    recorded = AuditEntry.objects.filter(fact_changes(), actor_id=user.pk, case__state=state)
    worked = set(
        assessed.order_by()
        .values_list("case_id", flat=True)
        .union(recorded.order_by().values_list("case_id", flat=True))
    )
    if not worked:
        return cases.none()
    current = Assessment.objects.filter(case=OuterRef("pk")).order_by("-id")
    return (
        cases.filter(pk__in=worked)
        .alias(assessor=Subquery(current.values("assessed_by_id")[:1]))
        .filter(Q(assessor=user.pk) | Q(pk__in=recorded.values("case_id")))
    )


def can_authorise(user, case, requirements: list[dict]) -> str | None:
    """4.2.2, 4.2.3, Rulings R1-R3, R38: the right rank or role, and none of the case's
    own work (segregation of duties)."""
    if user.pk == case.owner_id:
        return OWN_CASE
    if not any(can_satisfy(user, entry) for entry in requirements):
        needed = ", ".join(sorted({e["authority"].replace("_", " ") for e in requirements}))
        return f"Your rank or role cannot give the authority this case needs ({needed})."
    # Last: it reads the audit trail, which only those of the right rank need.
    return segregation(user, case)


def can_review(user, case) -> str | None:
    """4.5.1: "quality assured by the officer's supervisor and signed accordingly"."""
    if user.pk == case.owner_id:
        return "You cannot review your own case."
    if user.is_active and (user.role == Role.SUPERVISOR_REVIEWER or _supervises(user, case)):
        return None
    return "Only a supervisor can review this case."


def can_quality_assure(user, case) -> str | None:
    """4.5.4: the IMU Investigative Standards Team quality assures every CR."""
    if user.pk == case.owner_id:
        return "You cannot quality assure your own case."
    if user.is_active and user.role == Role.IMU_QUALITY_ASSURER:
        return None
    return "Only the IMU quality assurers can accept or return a case."


def can_withdraw(user, case) -> str | None:
    if user.is_active and user.role == Role.ADMINISTRATOR:
        return None
    return can_work_on(user, case)


# Roles that quality-assure or analyse the whole force's Community Resolutions (4.5.4).
FORCE_WIDE = (Role.ADMINISTRATOR, Role.IMU_QUALITY_ASSURER, Role.VICTIM_JUSTICE_ANALYST)


def may_authorise_something(user) -> bool:
    """Whether the person could give any authority the engine asks for (R1-R3)."""
    return can_satisfy(user, {"authority": "sergeant", "pse_equivalent_allowed": True}) or (
        can_satisfy(user, "youth_justice_supervisor")
    )


def visible_cases(user, cases=None):
    """The cases a person may see: the one rule every list, search and case page applies.

    Officers see their own cases and their team's; the force-wide roles (IMU quality
    assurers, Victim Justice analysts, administrators) see every case; a supervisor
    reviewer without a team sees every case, with one, the team's; the Youth Justice Team
    Supervisor sees the cases of offenders under 18 (3.5.3, 4.2.2); the Restorative
    Justice Officer the cases referred to them (4.4.4). A Sergeant or above (or police
    staff of equivalent grade) also sees every case awaiting authorisation, since
    authority is not limited to one's own team (4.2.2).
    """
    cases = Case.objects.all() if cases is None else cases
    if not user.is_active or not user.is_authenticated:
        return cases.none()
    seen = _seen(user)
    return cases if seen is None else cases.filter(seen)


def counted_filter(user):
    """visible_cases' rule as a filter on the columns the kept counts hold (state, team,
    owner, juvenile: crs.cases.counts), or None when it reads anything else (the
    Restorative Justice Officer's referrals): then the pages count the cases themselves."""
    if not user.is_active or not user.is_authenticated:
        return Q(pk__in=[])
    if user.role == Role.RJ_OFFICER and not _sees_all(user):
        return None
    return _seen(user) or Q()


def _sees_all(user) -> bool:
    return (
        user.is_superuser
        or user.role in FORCE_WIDE
        or (user.role == Role.SUPERVISOR_REVIEWER and user.team_id is None)
    )


def _seen(user):
    """The filter of visible_cases for an active user; None when they see every case."""
    if _sees_all(user):
        return None
    seen = Q(owner=user)
    if user.team_id is not None:
        seen |= Q(team_id=user.team_id)
    if user.role == Role.YOUTH_JUSTICE_SUPERVISOR:
        # The current assessment's answer, copied onto the case (crs.cases.summary).
        seen |= Q(juvenile=True)
    if user.role == Role.RJ_OFFICER:
        seen |= Q(restorative__delivery="referred")
    if sees_every_awaiting_case(user):
        # The Youth Justice Team Supervisor's authority is only ever asked for under-18s,
        # whom they see already.
        seen |= Q(state=State.AWAITING_AUTHORISATION)
    return seen


def sees_every_awaiting_case(user) -> bool:
    """A Sergeant or above, or police staff of equivalent grade: every case awaiting
    authorisation is visible to them, whatever its team (4.2.2)."""
    return _sees_all(user) or can_satisfy(
        user, {"authority": "sergeant", "pse_equivalent_allowed": True}
    )

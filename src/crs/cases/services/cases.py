"""Opening a case, its facts and its assessment."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from crs.audit.log import record
from crs.policy import FactsError, PackError, assess_document, parse_facts

from .. import counts, officer, permissions
from ..errors import Invalid, NotAllowed
from ..models import Assessment, Case, Person, PreviousOutcome
from ..workflow import BEFORE_AGREEMENT, REASSESSABLE, State
from ._base import changing, move, permit, required, required_now


def open_case(
    user,
    *,
    crime_reference: str,
    facts: dict | None = None,
    team=None,
    gravity_rationale: str = "",
) -> Case:
    """A new case in draft, owned by the officer who opens it."""
    permit(permissions.can_open_case(user))
    reference = required(crime_reference, "the crime reference")
    facts = dict(facts or {})
    _check_facts(facts)
    team = team or user.team
    if team is None:
        raise Invalid("The officer has no team: set one before opening a case.")
    try:
        with transaction.atomic():
            case = Case(
                crime_reference=reference,
                owner=user,
                team=team,
                facts=facts,
                gravity_rationale=gravity_rationale,
            )
            _copy_facts(case)
            case.save()
            counts.added(case)
            record(actor=user, case=case, action="open_case", after={"facts": facts})
    except IntegrityError:
        # Well formed, but the force's records already hold it (decision 0012).
        raise NotAllowed(
            f"A case with crime reference {reference} already exists.", "crime_reference"
        ) from None
    return case


def update_facts(
    case: Case, user, facts: dict, *, reason: str = "", gravity_rationale: str | None = None
) -> Case:
    """Replace the working facts. After an assessment this voids every authority given
    and sends the case back for reassessment (a decision stands on the facts it read)."""
    permit(permissions.can_work_on(user, case))
    if case.state not in BEFORE_AGREEMENT:
        raise NotAllowed("The facts cannot change once the resolution has been agreed.")
    if case.state != State.DRAFT:
        reason = required_now(reason, "why the facts changed", "reason")
    facts = dict(facts)
    _check_facts(facts)
    with changing(case, user, "update_facts", why=reason) as ch:
        c = ch.case
        ch.before["facts"], ch.after["facts"] = c.facts, facts
        if gravity_rationale is not None and gravity_rationale != c.gravity_rationale:
            ch.before["gravity_rationale"] = c.gravity_rationale
            ch.after["gravity_rationale"] = c.gravity_rationale = gravity_rationale
        if facts != c.facts:
            reopen_for_changed_facts(ch, reason)
        c.facts = facts
        _copy_facts(c)
    return ch.case


def assess(case: Case, user, *, today: date | None = None) -> Assessment:
    """Run the engine on the working facts and keep what it read and said (draft → assessed).

    The facts are stored as assessed: `assessed_on` (today unless given), the
    delivering officer's facts (from their record, Ruling R39) and the offender's date of
    birth (from the offender, the one place it is kept) are filled in, so the stored facts
    alone reproduce the result.
    """
    permit(permissions.can_work_on(user, case))
    # Who delivers comes from their record, never the case's facts (R39): only whether a
    # warranted officer investigated is about this crime.
    document = officer.with_officer(case.facts, case)
    document.setdefault("assessed_on", (today or timezone.localdate()).isoformat())
    fill_offender(document, case)
    try:
        result = assess_document(document)
    except (FactsError, PackError) as exc:
        raise Invalid(f"The facts are not valid: {exc}") from None
    with changing(case, user, "assess") as ch:
        assessment = Assessment.objects.create(
            case=ch.case,
            facts=document,
            result=result,
            decision=result["decision"],
            policy=result["policy"],
            policy_version=result["policy_version"],
            policy_digest=result.get("policy_digest", ""),
            assessed_on=date.fromisoformat(result["assessed_on"]),
            assessed_by=user,
        )
        ch.case.forget_assessment()
        move(ch, "mark_assessed")
        ch.after.update(
            assessment=assessment.pk,
            decision=result["decision"],
            policy=f"{result['policy']} {result['policy_version']}",
            authorities_required=result.get("authorities_required", []),
        )
    return assessment


def set_previous_outcomes(case: Case, user, outcomes: list[dict], *, reason: str = "") -> Case:
    """Record the previous outcomes found (editable) and put them in the facts (3.5, 2.4.3)."""
    rows = []
    for item in outcomes:
        item = dict(item)
        matched = item.pop("matched_case", None)
        source = item.pop("source", "")
        rows.append(PreviousOutcome(matched_case=matched, source=source, **item))
    # A case stored before Ruling R39 may hold officer facts it may no longer give.
    facts = copy.deepcopy(officer.from_the_case(case.facts))
    facts.setdefault("offender", {})["previous_outcomes"] = [r.as_fact() for r in rows]
    with transaction.atomic():
        case = update_facts(case, user, facts, reason=reason)
        case.previous_outcomes.all().delete()
        for row in rows:
            row.case = case
            row.save()
    return case


def named(queryset, family_name: str, given_name: str = "", date_of_birth: date | None = None):
    """Rows of `queryset` (people, or imported outcomes: anything with family_name, given_name
    and date_of_birth) for one person, as a subject access request or an access report names
    them: family name always, given name and date of birth when given; case ignored."""
    rows = queryset.filter(family_name__iexact=family_name.strip())
    if given_name.strip():
        rows = rows.filter(given_name__iexact=given_name.strip())
    if date_of_birth is not None:
        rows = rows.filter(date_of_birth=date_of_birth)
    return rows


# Where else previous outcomes are looked for: each finder takes the offender (a Person) and
# returns dicts as below. crs.exchange adds the force's records-system history when it starts.
PREVIOUS_OUTCOME_FINDERS: list[Callable[[Person], list[dict]]] = []


def find_previous_outcomes(case: Case) -> list[dict]:
    """Earlier resolutions of the same offender (same name and date of birth) on other cases,
    then what the PREVIOUS_OUTCOME_FINDERS hold (imported history)."""
    found = []
    for offender in case.people.filter(role=Person.Role.OFFENDER):
        if offender.date_of_birth is None:
            continue
        earlier = (
            Case.objects.filter(
                people__role=Person.Role.OFFENDER,
                people__family_name__iexact=offender.family_name,
                people__given_name__iexact=offender.given_name,
                people__date_of_birth=offender.date_of_birth,
                state__in=[
                    State.COMPLETED,
                    State.SUPERVISOR_REVIEW,
                    State.IMU_QA,
                    State.CLOSED,
                    State.NON_COMPLIANT,
                ],
            )
            .exclude(pk=case.pk)
            .exclude(offence_date__isnull=True)
            .distinct()
        )
        for other in earlier:
            found.append(
                {
                    "outcome": "community_resolution",
                    "date": other.offence_date,
                    "category": other.offence_category,
                    "matched_case": other,
                    "source": f"case {other.crime_reference}",
                }
            )
        for finder in PREVIOUS_OUTCOME_FINDERS:
            found.extend(finder(offender))
    return found


def offender_of(case: Case) -> Person | None:
    """The offender of the case: the first named (a case has one; decision 0011)."""
    return case.people.filter(role=Person.Role.OFFENDER).order_by("pk").first()


def fill_offender(document: dict, case: Case) -> dict:
    """Put in `document` what the engine reads from the offender's own record: the date of
    birth lives on the Person only, so the engine and the record cannot disagree."""
    person = offender_of(case)
    if person is not None and person.date_of_birth is not None:
        offender = document.get("offender")
        document["offender"] = {
            **(offender if isinstance(offender, dict) else {}),
            "date_of_birth": person.date_of_birth.isoformat(),
        }
    return document


def reopen_for_changed_facts(ch, reason: str) -> None:
    """A fact changed after an assessment: every authority given is voided and the case
    goes back to draft for reassessment (a decision stands on the facts it read)."""
    if ch.case.state in REASSESSABLE:
        voided = _void_authorisations(ch.case, reason)
        if voided:
            ch.after["voided_authorisations"] = voided
        move(ch, "reopen_for_reassessment")


def _void_authorisations(case: Case, reason: str) -> list[int]:
    now = timezone.now()
    voided = []
    for a in case.authorisations.filter(voided_at__isnull=True):
        a.voided_at, a.void_reason = now, f"A fact changed after authorisation: {reason}"
        a.save(update_fields=["voided_at", "void_reason"])
        voided.append(a.pk)
    return voided


# The one place the offender's date of birth is kept is the offender (Person): facts that
# bring one are refused, naming the field, rather than kept as a second copy that drifts.
DOB_IN_FACTS = (
    "offender.date_of_birth: the offender's date of birth is recorded on the offender "
    "(the person), not in the case's facts. Add or change the offender instead."
)


def _check_facts(facts: dict) -> None:
    """Refuse facts the engine would refuse (wrong type, unknown key), not unknown ones,
    officer facts a case may not give (Ruling R39), and the offender's date of birth, which
    is the offender's (decision 0011)."""
    offender = facts.get("offender")
    if isinstance(offender, dict) and "date_of_birth" in offender:
        raise Invalid(DOB_IN_FACTS, "offender.date_of_birth")
    try:
        parse_facts(facts, today=timezone.localdate())
    except FactsError as exc:
        raise Invalid(f"The facts are not valid: {exc}") from None
    refused = officer.refused_field(facts)
    if refused:
        raise Invalid(f"The facts are not valid: {officer.refusal(refused)}")


def _copy_facts(case: Case) -> None:
    offence = case.facts.get("offence") or {}
    gravity = offence.get("gravity") or {}
    when = offence.get("date")
    case.offence_date = date.fromisoformat(when) if isinstance(when, str) else None
    case.offence_category = offence.get("category", "")
    case.offence_description = offence.get("description", "")
    case.gravity_matrix = gravity.get("matrix", "")
    case.gravity_base_score = gravity.get("base_score")
    case.gravity_final_score = gravity.get("final_score")

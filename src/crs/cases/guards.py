"""What must be true before a case moves on: each guard cites the SOP and says what is wrong.

A guard takes the case and returns None when satisfied, or one sentence for
the person explaining what is missing. The transitions in models.py use them
as conditions (so `can_proceed` tells a page which buttons to show); the
services ask `refusal()` first, so the person is told which one failed.
Guards read the case's records; they never write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from crs.policy import PackError, pack_for
from crs.policy.wording import periods

Guard = Callable[..., "str | None"]


def outcomes_deadline(assessment) -> date | None:
    """Ruling R25: deferred outcomes are due by the offence date plus 16 weeks (4.4.4)."""
    if assessment is None:
        return None
    due = (assessment.result.get("deadlines") or {}).get("outcomes_complete_by")
    return date.fromisoformat(due) if due else None


def _periods(assessment) -> dict[str, str]:
    """The pack's periods in words (crs.policy.wording), from the pack the case was assessed
    under: a force's pack may set other periods than the SOP's."""
    if assessment is None:
        return periods(pack_for(date.today()))
    try:
        pack = pack_for(assessment.assessed_on, assessment.policy)
    except PackError:  # a policy no longer installed: the default policy's pack of that day
        pack = pack_for(assessment.assessed_on)
    return periods(pack)


def outcomes_limit(assessment, *, before_a_noun: bool = False) -> str:
    """The time deferred outcomes must be complete within (4.4.4): "16 weeks", or "16-week"
    before a noun, under the default pack."""
    return _periods(assessment)["outcomes_limit_adj" if before_a_noun else "outcomes_limit"]


def parent_guardian_limit(assessment) -> str:
    """The time a parent or guardian must be informed within (3.4.3): "24 hours" under the
    default pack."""
    return _periods(assessment)["parent_guardian_limit"]


def requirement_key(entry: dict) -> tuple[str, str]:
    return (entry.get("code", ""), entry["authority"])


def outstanding_requirements(case, assessment=None) -> list[dict]:
    """The assessment's authorisation entries not yet covered by an authority in force."""
    assessment = assessment or case.current_assessment
    if assessment is None:
        return []
    given = {
        (a.requirement, a.authority)
        for a in case.authorisations.filter(
            assessment=assessment, decision="given", voided_at__isnull=True
        )
    }
    return [
        e for e in assessment.result.get("authorisations", []) if requirement_key(e) not in given
    ]


def needs_authorisation(case) -> str | None:
    """4.2.2: a case goes for authorisation when the assessment asks for it."""
    assessment = case.current_assessment
    if assessment is None or assessment.decision != "authorisation_required":
        return "This case does not need authorisation: its assessment does not ask for any."
    return None


def authorisations_complete(case) -> str | None:
    """4.2.2, Ruling R3: every authority the assessment lists must have been given."""
    missing = outstanding_requirements(case)
    if missing:
        needed = ", ".join(sorted({e["authority"].replace("_", " ") for e in missing}))
        return f"Authority is still needed from: {needed}."
    return None


def assessment_allows_resolution(case) -> str | None:
    """A CR can be agreed only on an assessment that found it eligible or authorised it."""
    assessment = case.current_assessment
    if assessment is None:
        return "The case has not been assessed."
    if assessment.decision == "eligible":
        return None
    if assessment.decision == "authorisation_required":
        return authorisations_complete(case)
    if assessment.decision == "incomplete":
        return "The assessment is incomplete: answer the missing questions and reassess."
    return "The assessment found the case not eligible for a Community Resolution."


def has_an_action(case) -> str | None:
    """4.3.5, 4.4.3: the agreement sets at least one action for the offender."""
    if not case.actions.exists():
        return "Add at least one Community Remedy action before agreeing the resolution."
    return None


def actions_within_deadline(case) -> str | None:
    """Ruling R25, 4.4.4: "should not exceed 16 weeks from date of offence"."""
    assessment = case.current_assessment
    deadline = outcomes_deadline(assessment)
    late = case.actions.filter(instant=False)
    if deadline is not None:
        late = late.filter(due_date__gt=deadline)
    if late.exists():
        limit = outcomes_limit(assessment)
        when = (
            f"{deadline:%-d %B %Y}"
            if deadline
            else f"the {outcomes_limit(assessment, before_a_noun=True)} limit"
        )
        return f"An action is due after {when}, {limit} from the date of the offence (4.4.4)."
    return None


def parent_guardian_contacted(case) -> str | None:
    """3.4.2: "take and document all reasonable steps to contact parents/guardians"."""
    assessment = case.current_assessment
    if (
        assessment is not None
        and assessment.juvenile
        and not case.contacts.filter(party="parent_guardian").exists()
    ):
        return (
            "The offender is under 18: log the contact (or attempts to contact) a parent "
            "or guardian before agreeing the resolution (3.4.2)."
        )
    return None


def has_deferred_action_pending(case) -> str | None:
    if not case.actions.filter(instant=False, status="pending").exists():
        return "There is no deferred action to monitor."
    return None


def all_actions_completed(case) -> str | None:
    """4.4.5: the actions are monitored; the case is complete when every one is done."""
    if case.actions.exclude(status="completed").exists():
        return "Every action must be completed first."
    return None


def some_action_not_completed(case) -> str | None:
    """4.6.1: non-compliance is an agreed action the offender failed to complete."""
    if not case.actions.exclude(status="completed").exists():
        return "Every action was completed: there is no non-compliance to record."
    return None


def victim_contacted_after_delivery(case) -> str | None:
    """4.3.5: "Contact will be made ... to the victim, immediately after the delivery"."""
    assessment = case.current_assessment
    if (
        assessment is not None
        and assessment.identifiable_victim
        and not case.contacts.filter(party="victim", purpose="after_delivery").exists()
    ):
        return "Log the contact with the victim made after the resolution was delivered."
    return None


def victim_contacted_at_conclusion(case) -> str | None:
    """4.3.5: "contact with the victim on conclusion"; 4.4.5 and 4.6.1 when not complied with."""
    assessment = case.current_assessment
    if assessment is None or not assessment.identifiable_victim:
        return None
    if case.state == "non_compliant":
        if not case.contacts.filter(party="victim", purpose="non_compliance").exists():
            return "Log that the victim was told the offender did not complete the actions."
    elif not case.contacts.filter(party="victim", purpose="on_conclusion").exists():
        return "Log the contact with the victim when the agreed outcomes concluded."
    return None


GUARDS: dict[str, tuple[Guard, ...]] = {
    "request_authorisation": (needs_authorisation,),
    "grant": (authorisations_complete,),
    "agree": (
        assessment_allows_resolution,
        has_an_action,
        actions_within_deadline,
        parent_guardian_contacted,
    ),
    "start_actions": (has_deferred_action_pending,),
    "complete": (all_actions_completed,),
    "record_non_compliance": (some_action_not_completed,),
    "submit_for_review": (victim_contacted_after_delivery, victim_contacted_at_conclusion),
}


def refusal(case, transition: str) -> str | None:
    """The first guard of `transition` that the case fails, as a sentence; None if all pass."""
    for guard in GUARDS.get(transition, ()):
        message = guard(case)
        if message:
            return message
    return None


def conditions(transition: str) -> list[Callable]:
    return [lambda case, g=g: g(case) is None for g in GUARDS[transition]]

"""The next steps a case page offers: one table of the journeys, each with its label, its URL
and what opens it to a person.

A step that moves the case names its transition (crs.cases.models), and is offered when
django-fsm says that transition leaves the case's state. Its guards are not asked: the
journey is where the person meets them (adds the action, logs the contact) and is told
what is missing, so the page links to it before they hold. Only where a guard says the
step has no point at all (`guarded`: no authority to ask for) is it asked first. A step
that keeps records without moving the case names the workflow's states it applies in.
Either way `who` is the permission the service checks, and `when` anything else the
journey needs of the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django_fsm import can_proceed

from crs.cases import permissions
from crs.cases.models import Case
from crs.cases.workflow import (
    AGREED_OPEN,
    BEFORE_AGREEMENT,
    FOLLOWING,
    OPEN,
    PLANNING,
    State,
)
from crs.ui.templatetags.govuk import linkto

# (person, case, outstanding authorities) -> None, or the sentence that refuses.
Who = Callable[..., "str | None"]


def _works(user, case, outstanding) -> str | None:
    return permissions.can_work_on(user, case)


def _anyone(user, case, outstanding) -> str | None:
    return None  # whoever may see the case


@dataclass(frozen=True)
class Step:
    label: str
    journey: str  # its URL's name in the journeys namespace
    transition: str = ""  # a Case transition, or...
    states: tuple[State, ...] = ()  # ...the states a record-keeping journey applies in
    who: Who = _works
    when: Callable[[Case, object], bool] | None = None  # (case, its current assessment)
    guarded: bool = False

    def open_to(self, case: Case, user, assessment, outstanding: list[dict]) -> bool:
        if self.transition:
            method = getattr(case, self.transition)
            if not can_proceed(method, check_conditions=self.guarded):
                return False
        elif case.state not in self.states:
            return False
        if self.when is not None and not self.when(case, assessment):
            return False
        return self.who(user, case, outstanding) is None


def _resolvable(case: Case, assessment) -> bool:
    """Agreement follows an authority given, or an assessment that found the case eligible:
    the other guards of `agree` (an action, the parent contacted) are met in the journey."""
    return case.state == State.AUTHORISED or (
        assessment is not None and assessment.decision == "eligible"
    )


# In the order the page lists them.
STEPS = (
    Step("Answer the assessment questions", "assessment", states=BEFORE_AGREEMENT),
    Step(
        "See the full assessment",
        "assessment_result",
        states=tuple(State),
        who=_anyone,
        when=lambda case, assessment: assessment is not None,
    ),
    Step("Ask for authority", "request_authorisation", "request_authorisation", guarded=True),
    # The journey gives or refuses (grant or refuse: both leave awaiting authorisation).
    Step(
        "Give or refuse authority",
        "authorise",
        "grant",
        who=lambda user, case, outstanding: permissions.can_authorise(user, case, outstanding),
    ),
    Step("Deliver the resolution", "deliver", "agree", when=_resolvable),
    Step("Community Remedy actions", "actions", states=PLANNING + FOLLOWING),
    Step("Agree with the offender", "agree", "agree", when=_resolvable),
    Step("Monitor the deferred actions", "start_actions", "start_actions"),
    Step("Record that the actions are complete", "complete", "complete"),
    Step("Record non-compliance", "non_compliance", "record_non_compliance"),
    Step("Log a contact", "contacts", states=OPEN),
    Step("Add or change the people in the case", "people", states=OPEN),
    Step("Record signatures on the 1912", "signatures", states=AGREED_OPEN),
    Step("Restorative justice", "restorative", states=OPEN),
    Step("Send for supervisor review", "submit_review", "submit_for_review"),
    # Approve or return: the reviewer's journey (approve_review leaves supervisor review).
    Step(
        "Review the case",
        "review",
        "approve_review",
        who=lambda user, case, outstanding: permissions.can_review(user, case),
    ),
    Step(
        "Quality assure the case",
        "quality",
        "accept",
        who=lambda user, case, outstanding: permissions.can_quality_assure(user, case),
    ),
    Step(
        "Withdraw",
        "withdraw",
        "withdraw",
        who=lambda user, case, outstanding: permissions.can_withdraw(user, case),
    ),
)


def next_steps(case: Case, user, assessment, outstanding: list[dict]) -> list[tuple[str, str]]:
    """(label, URL) of the journeys this person can take from here; only URLs that exist
    are shown (a site may leave some journeys out)."""
    steps = []
    for step in STEPS:
        if step.open_to(case, user, assessment, outstanding):
            url = linkto(f"journeys:{step.journey}", case.pk)
            if url:
                steps.append((step.label, url))
    return steps

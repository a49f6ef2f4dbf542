"""Asking for, giving and refusing authority (4.2.2, 4.2.3; Rulings R1-R4)."""

from __future__ import annotations

from django.utils import timezone

from crs.accounts.authority import can_satisfy

from .. import guards, permissions
from ..errors import NotAllowed
from ..models import Authorisation, Case
from ..workflow import State
from ._base import changing, move, permit, required


def request_authorisation(case: Case, user, *, note: str = "") -> Case:
    """assessed → awaiting_authorisation, when the assessment asks for authority."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "request_authorisation", why=note) as ch:
        move(ch, "request_authorisation")
        ch.after["authorities_required"] = ch.case.current_assessment.result.get(
            "authorities_required", []
        )
    return ch.case


def authorise(case: Case, user, *, rationale: str) -> Case:
    """Give every outstanding authority this person can give; authorised once none is left.

    Several people may be needed (Ruling R3: a Youth Justice Team Supervisor and an
    Inspector); each gives what their rank or role satisfies, under their own login,
    with the rationale (4.2.3).
    """
    outstanding = _outstanding(case)
    permit(permissions.can_authorise(user, case, outstanding))
    rationale = required(rationale, "the rationale for the authorisation (4.2.3)")
    with changing(case, user, "authorise", why=rationale) as ch:
        c = ch.case
        assessment = c.current_assessment
        now = timezone.now()
        given = []
        for entry in guards.outstanding_requirements(c, assessment):
            if can_satisfy(user, entry):
                Authorisation.objects.create(
                    case=c,
                    assessment=assessment,
                    requirement=entry.get("code", ""),
                    paragraph=entry.get("paragraph", ""),
                    authority=entry["authority"],
                    decision=Authorisation.Decision.GIVEN,
                    given_by=user,
                    given_by_title=user.title,
                    rationale=rationale,
                    given_at=now,
                )
                given.append({"authority": entry["authority"], "paragraph": entry["paragraph"]})
        ch.after["given"] = given
        if not guards.outstanding_requirements(c, assessment):
            move(ch, "grant")
    return ch.case


def refuse_authorisation(case: Case, user, *, rationale: str) -> Case:
    """A person who could authorise refuses, with the rationale: awaiting → refused."""
    outstanding = _outstanding(case)
    permit(permissions.can_authorise(user, case, outstanding))
    rationale = required(rationale, "the rationale for refusing")
    with changing(case, user, "refuse_authorisation", why=rationale) as ch:
        c = ch.case
        assessment = c.current_assessment
        now = timezone.now()
        for entry in outstanding:
            if can_satisfy(user, entry):
                Authorisation.objects.create(
                    case=c,
                    assessment=assessment,
                    requirement=entry.get("code", ""),
                    paragraph=entry.get("paragraph", ""),
                    authority=entry["authority"],
                    decision=Authorisation.Decision.REFUSED,
                    given_by=user,
                    given_by_title=user.title,
                    rationale=rationale,
                    given_at=now,
                )
        move(ch, "refuse")
        c.outcome_reason = rationale
        c.closed_at = now
    return ch.case


def _outstanding(case: Case) -> list[dict]:
    if case.state != State.AWAITING_AUTHORISATION:
        raise NotAllowed("This case is not awaiting authorisation.")
    outstanding = guards.outstanding_requirements(case)
    if not outstanding:
        # Someone gave the last authority since this copy was read (a race): nothing is
        # left to give, which is no question of this person's rank.
        raise NotAllowed("Every authority this case needs has been given.")
    return outstanding

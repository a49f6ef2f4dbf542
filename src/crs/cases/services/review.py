"""After the actions: the supervisor's review (4.5.1), IMU quality assurance (4.5.4),
and withdrawal from any open state.

Nothing is signed incomplete: a case goes to review, and a supervisor approves it, only
when its record holds all the SOP asks of it (crs.cases.checklist). A return, by the
supervisor or the IMU, is kept with its reasons (ReviewReturn) and marks the case
returned until the officer resubmits it or a supervisor approves it.
"""

from __future__ import annotations

from django.utils import timezone

from .. import checklist, permissions
from ..errors import NotAllowed
from ..models import Case, ReviewReturn, Signature
from ._base import Change, changing, move, permit, required


def _complete(ch: Change) -> None:
    message = checklist.refusal(ch.case)
    if message:
        raise NotAllowed(message)


def _returned(ch: Change, user, by: str, reasons: str) -> None:
    c = ch.case
    kept = ReviewReturn.objects.create(
        case=c,
        by=by,
        reasons=reasons,
        returned_by=user,
        returned_by_title=user.title,
        returned_at=timezone.now(),
    )
    ch.before["returned_at"] = c.returned_at
    c.returned_at = ch.after["returned_at"] = kept.returned_at
    ch.after["returned"] = {"by": by, "reasons": reasons}


def _put_right(ch: Change) -> None:
    if ch.case.returned_at is not None:
        ch.before["returned_at"] = ch.case.returned_at
        ch.case.returned_at = ch.after["returned_at"] = None


def submit_for_review(case: Case, user, *, note: str = "") -> Case:
    """completed | non_compliant → supervisor_review, once the victim has been told (4.3.5)
    and the record is complete (4.5.1)."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "submit_for_review", why=note) as ch:
        move(ch, "submit_for_review")
        _complete(ch)
        _put_right(ch)
    return ch.case


def return_to_officer(case: Case, user, *, reasons: str) -> Case:
    """4.5.1: the supervisor does not sign, and sends the record back to the officer with
    what must be put right: → completed | non_compliant, as it was submitted."""
    permit(permissions.can_review(user, case))
    reasons = required(reasons, "what the officer must put right", "reasons")
    with changing(case, user, "return_from_review", why=reasons) as ch:
        move(ch, "return_from_review")
        _returned(ch, user, ReviewReturn.By.SUPERVISOR, reasons)
    return ch.case


def approve_review(case: Case, user, *, note: str = "") -> Case:
    """The supervisor quality assures and signs (4.5.1): → imu_qa."""
    permit(permissions.can_review(user, case))
    with changing(case, user, "approve_review", why=note) as ch:
        move(ch, "approve_review")
        _complete(ch)
        _put_right(ch)
        Signature.objects.create(
            case=ch.case,
            party=Signature.Party.SUPERVISOR,
            name=user.get_full_name() or user.get_username(),
            signed_at=timezone.now(),
            recorded_by=user,
        )
    return ch.case


def imu_accept(case: Case, user, *, note: str = "") -> Case:
    """4.5.4: the IMU finds the CR compliant: → closed."""
    permit(permissions.can_quality_assure(user, case))
    with changing(case, user, "imu_accept", why=note) as ch:
        move(ch, "accept")
        ch.case.closed_at = ch.after["closed_at"] = timezone.now()
    return ch.case


def imu_return(case: Case, user, *, reasons: str) -> Case:
    """4.5.4: "rejection and return to the OIC and supervisor for reparative action"."""
    permit(permissions.can_quality_assure(user, case))
    reasons = required(reasons, "why the case is returned")
    with changing(case, user, "imu_return", why=reasons) as ch:
        move(ch, "return_to_officer")
        _returned(ch, user, ReviewReturn.By.IMU, reasons)
    return ch.case


def withdraw(case: Case, user, *, reason: str) -> Case:
    """Any open state → withdrawn, with the reason. A non-compliant CR stays one (4.6.1)."""
    permit(permissions.can_withdraw(user, case))
    reason = required(reason, "why the case is withdrawn")
    with changing(case, user, "withdraw", why=reason) as ch:
        move(ch, "withdraw")
        c = ch.case
        c.outcome_reason, c.closed_at = reason, timezone.now()
    return ch.case

"""After the actions: the supervisor's review (4.5.1), IMU quality assurance (4.5.4),
and withdrawal from any open state."""

from __future__ import annotations

from django.utils import timezone

from .. import permissions
from ..models import Case, Signature
from ._base import changing, move, permit, required


def submit_for_review(case: Case, user, *, note: str = "") -> Case:
    """completed | non_compliant → supervisor_review, once the victim has been told (4.3.5)."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "submit_for_review", why=note) as ch:
        move(ch, "submit_for_review")
    return ch.case


def approve_review(case: Case, user, *, note: str = "") -> Case:
    """The supervisor quality assures and signs (4.5.1): → imu_qa."""
    permit(permissions.can_review(user, case))
    with changing(case, user, "approve_review", why=note) as ch:
        move(ch, "approve_review")
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

"""Who may do what to a case. Each check returns None, or the sentence that refuses.

Ranks and roles decide: the officer in the case (the owner) works the case;
a sergeant or above in the same team supervises it; authority is given only
by someone who satisfies the requirement (crs.accounts.authority) and never on
their own case (4.2.3); supervisor review and IMU quality assurance (4.5.1,
4.5.4) are done by someone other than the officer in the case.
"""

from __future__ import annotations

from crs.accounts.authority import can_satisfy
from crs.accounts.models import RANK_ORDER, Rank, Role

OWN_CASE = "You cannot authorise your own case (4.2.3)."


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


def can_authorise(user, case, requirements: list[dict]) -> str | None:
    """4.2.2, 4.2.3, Rulings R1-R3: the right rank or role, and never one's own case."""
    if user.pk == case.owner_id:
        return OWN_CASE
    if not any(can_satisfy(user, entry) for entry in requirements):
        needed = ", ".join(sorted({e["authority"].replace("_", " ") for e in requirements}))
        return f"Your rank or role cannot give the authority this case needs ({needed})."
    return None


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

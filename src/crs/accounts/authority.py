"""Who can give an authority the engine asks for (contract: `authority`; Rulings R1, R2, R3).

    can_satisfy(user, "inspector")
    can_satisfy(user, {"authority": "sergeant", "pse_equivalent_allowed": True, ...})

Police ranks are ordered sergeant < inspector < substantive_inspector <
superintendent, and a higher rank satisfies a lower requirement (R1). An acting
Inspector is an Inspector but not a substantive one (2.5.2). The Youth Justice
Team Supervisor is a role, not a rank: only that role satisfies it (R2, R3).
Police staff of equivalent grade satisfy a Sergeant requirement only where the
SOP says "PSE equivalent" (2.3.4), which the engine marks on the authorisation
entry with `pse_equivalent_allowed` (R1).

Plain Python over the user's attributes: it needs no database.
"""

from __future__ import annotations

from collections.abc import Mapping

from crs.policy.pack import AUTHORITIES  # the contract's names, as the engine gives them

from .models import RANK_ORDER, Rank, Role


def can_satisfy(user, authority: str | Mapping) -> bool:
    """Whether `user` may give `authority` (a name, or an entry of the assessment's list)."""
    if isinstance(authority, Mapping):
        name = authority["authority"]
        pse_allowed = authority.get("pse_equivalent_allowed") is True
    else:
        name, pse_allowed = authority, False
    if name not in AUTHORITIES:
        raise ValueError(f"unknown authority {name!r}; expected one of {', '.join(AUTHORITIES)}")
    if not user.is_active:
        return False
    if name == "youth_justice_supervisor":
        return user.role == Role.YOUTH_JUSTICE_SUPERVISOR
    level = RANK_ORDER.get(user.rank, 0)
    if name == "sergeant":
        if level >= RANK_ORDER[Rank.SERGEANT]:
            return True
        return (
            pse_allowed
            and user.rank == Rank.POLICE_STAFF
            and RANK_ORDER.get(user.pse_equivalent_rank, 0) >= RANK_ORDER[Rank.SERGEANT]
        )
    if name == "inspector":
        return level >= RANK_ORDER[Rank.INSPECTOR]
    if name == "substantive_inspector":
        # A superintendent is above a substantive inspector whatever they hold substantively;
        # below that, only the rank held substantively counts.
        substantive = RANK_ORDER.get(user.held_substantively, 0)
        return level >= RANK_ORDER[Rank.SUPERINTENDENT] or substantive >= RANK_ORDER[Rank.INSPECTOR]
    return level >= RANK_ORDER[Rank.SUPERINTENDENT]

"""Who may see the dashboard: the Victim Justice team, Inspectors and above, administrators.

The figures are force-wide, so the roles that see every case (crs.cases.permissions
FORCE_WIDE: administrators, Victim Justice analysts, IMU quality assurers) and senior
officers (the rank of Inspector or above, or police staff of that grade) may see it.
"""

from __future__ import annotations

from crs.accounts.models import RANK_ORDER, Rank, Role

ROLES = (Role.ADMINISTRATOR, Role.VICTIM_JUSTICE_ANALYST, Role.IMU_QUALITY_ASSURER)
REFUSAL = "The dashboard is for the Victim Justice team, Inspectors and above, and administrators."


def can_see_dashboard(user) -> str | None:
    """None when the person may see it, or the sentence that refuses."""
    if not user.is_authenticated or not user.is_active:
        return REFUSAL
    if user.is_superuser or user.role in ROLES:
        return None
    inspector = RANK_ORDER[Rank.INSPECTOR]
    if RANK_ORDER.get(user.rank, 0) >= inspector:
        return None
    if user.rank == Rank.POLICE_STAFF and RANK_ORDER.get(user.pse_equivalent_rank, 0) >= inspector:
        return None
    return REFUSAL

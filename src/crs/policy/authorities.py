"""The authorities the engine can ask for (contract: `authority`), and their words: one table
that the explanations, the web pages, the record and the dashboard all read.

Police ranks are ordered sergeant < inspector < substantive_inspector < superintendent, and
a higher rank satisfies a lower requirement (Ruling R1); the Youth Justice Team Supervisor is
a role, not a rank (R2, R3): crs.accounts.authority decides who may give each.

The ranks and grades a person in crs holds (`HELD`) are declared here too, so the accounts'
choices and the authorities' words cannot name a rank differently.
"""

from __future__ import annotations

from typing import NamedTuple


class Authority(NamedTuple):
    title: str  # who they are: "Substantive Inspector"
    requirement: str  # what the engine asks for: "Inspector (or above)"
    who: str  # in a sentence: "must be authorised by an Inspector"
    rank: bool  # a police rank (ordered), or a role


AUTHORITY = {
    "sergeant": Authority("Sergeant", "Sergeant (or above)", "a Sergeant", True),
    "inspector": Authority("Inspector", "Inspector (or above)", "an Inspector", True),
    "substantive_inspector": Authority(
        "Substantive Inspector",
        "Substantive Inspector (not acting)",
        "a substantive Inspector",
        True,
    ),
    "superintendent": Authority("Superintendent", "Superintendent", "a Superintendent", True),
    "youth_justice_supervisor": Authority(
        "Youth Justice Team Supervisor",
        "Youth Justice Team Supervisor",
        "the Youth Justice Team Supervisor",
        False,
    ),
}
AUTHORITIES = tuple(AUTHORITY)
RANKS = tuple(name for name, a in AUTHORITY.items() if a.rank)  # in order, lowest first
TITLES = {name: a.title for name, a in AUTHORITY.items()}
REQUIREMENTS = {name: a.requirement for name, a in AUTHORITY.items()}
WHO = {name: a.who for name, a in AUTHORITY.items()}

# The ranks that give authority as a person holds them, lowest first: a substantive Inspector
# is an Inspector who holds the rank substantively (2.5.2), not a rank of its own.
AUTHORISING_RANKS = tuple(r for r in RANKS if r != "substantive_inspector")
# Every rank or grade a person in crs may hold (accounts.Rank: the stored value and its words),
# in the order the choices are offered.
HELD = {
    "constable": "Constable",
    "special_constable": "Special Constable",
    "pcso": "Police Community Support Officer",
    "police_staff": "Police staff",
    **{rank: TITLES[rank] for rank in AUTHORISING_RANKS},
    "none": "Not a police officer or member of police staff",
}

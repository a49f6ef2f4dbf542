"""What the lists ask of the current assessment, copied onto the case as plain columns.

Whether the offender is under 18 and which authorities are still to be given live in
the stored assessment (JSON) and its authorisations; reading them for every case makes
a force's work lists slow. `refresh` copies them onto the case; the services call it
whenever they store an assessment, give, refuse or void an authority, or end a case,
and tests check the copies agree with the records.
"""

from __future__ import annotations

from crs.accounts.authority import can_satisfy
from crs.policy.pack import AUTHORITIES

from .guards import outstanding_requirements
from .workflow import OPEN

# Police staff of equivalent grade may give a Sergeant's authority where the entry says so
# (2.3.4, Ruling R1); for no other authority does the mark change who may give it.
PSE = "+pse"
TOKENS = (*AUTHORITIES, "sergeant" + PSE)


def token(entry: dict) -> str:
    pse = entry["authority"] == "sergeant" and entry.get("pse_equivalent_allowed") is True
    return entry["authority"] + (PSE if pse else "")


def authority_tokens(entries) -> str:
    """The column's text: each outstanding authority's token between spaces, or ''."""
    names = sorted({token(e) for e in entries})
    return f" {' '.join(names)} " if names else ""


def tokens_for(user) -> list[str]:
    """The tokens of the authorities this person could give."""
    return [
        t
        for t in TOKENS
        if can_satisfy(
            user, {"authority": t.removesuffix(PSE), "pse_equivalent_allowed": t.endswith(PSE)}
        )
    ]


def refresh(case) -> None:
    """Set the case's copies from its current assessment and authorities (not saved)."""
    assessment = case.current_assessment
    case.juvenile = bool(assessment is not None and assessment.juvenile)
    outstanding = []
    if assessment is not None and case.state in OPEN and assessment.result.get("authorisations"):
        outstanding = outstanding_requirements(case, assessment)
    case.authorities_outstanding = authority_tokens(outstanding)

"""Who the officer is on a case (Ruling R39; 3.2.2, 4.2.1, R23, R33).

The officer facts the engine reads (role, RJ Level 1 training, a PCSO's
designated power) are those of the person delivering the CR, read from their
record in crs. A case records no separate delivering officer: the owner, the
officer in the case, delivers it. Nothing typed or sent for a case can say
otherwise, or anyone could remove the authority their own record says they need.
Only whether a warranted officer investigated the crime is a fact about the case.

A bare `crs assess` or `POST /api/v1/assessments` saves nothing and still takes
the officer facts it is given ("what if"): this module is for cases only.
"""

from __future__ import annotations

import copy

# The officer facts a case may give: about the crime, not about who delivers.
CASE_FACTS = ("investigated_by_warranted_officer",)


def from_the_record(path: str) -> bool:
    """Whether the fact at dotted `path` comes from the delivering officer's record."""
    return path.startswith("officer.") and path.removeprefix("officer.") not in CASE_FACTS


def refused_field(facts: dict) -> str | None:
    """The dotted path of the first officer fact a case may not give, or None."""
    officer = facts.get("officer")
    if not isinstance(officer, dict):
        return None  # absent, or a wrong type the engine's own check names
    return next((f"officer.{k}" for k in officer if from_the_record(f"officer.{k}")), None)


def refusal(path: str) -> str:
    return (
        f"{path}: the delivering officer's facts come from their record in crs, not from "
        "the case (Ruling R39); a case gives only officer.investigated_by_warranted_officer."
    )


def from_the_case(facts: dict) -> dict:
    """`facts` without the officer facts a case may not give (a case stored before R39)."""
    officer = facts.get("officer")
    if not isinstance(officer, dict) or refused_field(facts) is None:
        return facts
    kept = copy.deepcopy(facts)
    kept["officer"] = {k: v for k, v in officer.items() if k in CASE_FACTS}
    if not kept["officer"]:
        del kept["officer"]
    return kept


def delivering_officer(case):
    """The person who delivers the CR: the officer in the case (the owner)."""
    return case.owner


def with_officer(facts: dict, case) -> dict:
    """The facts as the engine reads them for this case: the delivering officer's own facts
    from their record, with the one officer fact about the case; any other ignored."""
    document = copy.deepcopy(facts)
    given = document.get("officer")
    given = given if isinstance(given, dict) else {}
    document["officer"] = {
        **delivering_officer(case).officer_facts(),
        **{k: given[k] for k in CASE_FACTS if k in given},
    }
    return document

"""The groups the figures count by, with the words the page shows for each.

Kept apart from the figures so the summary (which assigns a case to its groups)
and the baseline file (which names the groups) read the same lists.
"""

from __future__ import annotations

from crs.cases.models import ETHNIC_GROUPS, SATISFACTION, SEXES
from crs.policy.ages import AGE_BANDS, AGE_LABELS, NOT_RECORDED, age_band  # noqa: F401

# The age bands and their words are the policy package's: one definition for every figure.
from crs.policy.authorities import RANKS, TITLES

SEX_LABELS = dict(SEXES) | {NOT_RECORDED: "Not recorded"}
ETHNIC_LABELS = {code: label for code, label in ETHNIC_GROUPS.items() if code != "N"}
ETHNIC_LABELS["not_stated"] = "Not stated"
ETHNIC_LABELS[NOT_RECORDED] = "Not recorded"

# The highest authority a case needed (the assessment's authorities_required, Ruling R1).
LEVEL_LABELS = {
    "none": "No authority needed",
    **TITLES,
    "not_assessed": "Not yet assessed",
}
SATISFACTION_LABELS = dict(SATISFACTION)

DIMENSIONS = {
    "age_band": ("Age band", AGE_LABELS),
    "sex": ("Sex", SEX_LABELS),
    "ethnic_group": ("Ethnic group", ETHNIC_LABELS),
}


def sex_group(sex: str) -> str:
    return sex or NOT_RECORDED


def ethnic_group(code: str) -> str:
    """The 2021 Census high-level group: the first letter of the self-defined code."""
    if not code:
        return NOT_RECORDED
    if code == "NS":
        return "not_stated"
    return code[0]


def level(authorities: list[str] | None) -> str:
    if authorities is None:
        return "not_assessed"
    ranks = [r for r in RANKS if r in authorities]
    if ranks:
        return ranks[-1]
    if "youth_justice_supervisor" in authorities:
        return "youth_justice_supervisor"
    return "none"

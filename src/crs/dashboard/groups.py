"""The groups the figures count by, with the words the page shows for each.

Kept apart from the figures so the summary (which assigns a case to its groups)
and the baseline file (which names the groups) read the same lists.
"""

from __future__ import annotations

from datetime import date

from crs.cases.models import ETHNIC_GROUPS, SATISFACTION, SEXES

NOT_RECORDED = "not_recorded"

# 10-17 split at 15, as youth justice figures are; then the census's adult bands.
AGE_BANDS = [
    ("10-14", 10, 14),
    ("15-17", 15, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65+", 65, None),
]
AGE_LABELS = {
    key: ("65 and over" if key == "65+" else key.replace("-", " to ")) for key, *_ in AGE_BANDS
}
AGE_LABELS["under_10"] = "Under 10"
AGE_LABELS[NOT_RECORDED] = "Not recorded"

SEX_LABELS = dict(SEXES) | {NOT_RECORDED: "Not recorded"}
ETHNIC_LABELS = {code: label for code, label in ETHNIC_GROUPS.items() if code != "N"}
ETHNIC_LABELS["not_stated"] = "Not stated"
ETHNIC_LABELS[NOT_RECORDED] = "Not recorded"

# The highest authority a case needed (the assessment's authorities_required, Ruling R1).
RANKS = ("sergeant", "inspector", "substantive_inspector", "superintendent")
LEVEL_LABELS = {
    "none": "No authority needed",
    "sergeant": "Sergeant",
    "inspector": "Inspector",
    "substantive_inspector": "Substantive Inspector",
    "superintendent": "Superintendent",
    "youth_justice_supervisor": "Youth Justice Team Supervisor",
    "not_assessed": "Not yet assessed",
}
SATISFACTION_LABELS = dict(SATISFACTION)

DIMENSIONS = {
    "age_band": ("Age band", AGE_LABELS),
    "sex": ("Sex", SEX_LABELS),
    "ethnic_group": ("Ethnic group", ETHNIC_LABELS),
}


def age_band(born: date | None, on: date | None) -> str:
    if born is None or on is None:
        return NOT_RECORDED
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return "under_10"


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

"""Age in whole years, and the age bands every figure counts by: one definition for all.

The engine, the record, the dashboard, retention, the scrutiny pack and the
outcome export all ask these functions, so no two of them can disagree about
whether someone was 17 or 18 on a day (docs/decisions/0011-one-offender-record.md).
"""

from __future__ import annotations

from datetime import date

# The one count of whole years lives with the facts, the lowest layer of the engine, whose
# own check of the gravity matrix (R29) counts them; the pack reads the facts.
from .facts import years_between
from .pack import pack_for

# 10-17 split at 15, as youth justice figures are; then the census's adult bands.
# The dashboard's population baselines name these keys, so they are the one definition.
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
UNDER_10 = "under_10"
NOT_RECORDED = "not_recorded"
AGE_LABELS = {
    key: ("65 and over" if key == "65+" else key.replace("-", " to ")) for key, *_ in AGE_BANDS
}
AGE_LABELS[UNDER_10] = "Under 10"
AGE_LABELS[NOT_RECORDED] = "Not recorded"


def age_on(born: date | None, on: date | None) -> int | None:
    """Whole years on a day, or None when either date is unknown or the day is before birth."""
    if born is None or on is None or born > on:
        return None
    return years_between(born, on)


def is_child(born: date | None, on: date | None, adult: int | None = None) -> bool:
    """Under the adult age on the day (the pack's `ages.adult`, 4.2.2: the pack in force on
    that day unless given); False when not known (an unknown age is not a child's)."""
    age = age_on(born, on)
    if age is None:
        return False
    if adult is None:
        adult = pack_for(on).age_adult
    return age < adult


def age_band(born: date | None, on: date | None) -> str:
    """The key of the band the age on `on` falls in (AGE_LABELS has its words)."""
    age = age_on(born, on)
    if age is None:
        return NOT_RECORDED
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return UNDER_10


def age_band_label(born: date | None, on: date | None) -> str:
    """The age band in words ("15 to 17", "Not recorded"), as the dashboard names it."""
    return AGE_LABELS[age_band(born, on)]

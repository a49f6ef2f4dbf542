"""A case as the rules see it: the facts, the pack, and facts derived from both.

Derived facts are None when what they derive from is unknown, so a rule can
tell "no" from "not known yet".
"""

from __future__ import annotations

from datetime import date, timedelta

from .facts import Record
from .pack import Pack


def years_between(born: date, on: date) -> int:
    """Whole years of age on a date (a birthday on 29 February counts on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's end)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


class Case:
    __slots__ = (
        "age_at_offence",
        "age_now",
        "facts",
        "identifiable_victim",
        "juvenile",
        "knife",
        "offence",
        "offender",
        "officer",
        "outcomes_complete_by",
        "pack",
        "sexual",
        "substituted",
        "traffic",
        "victim",
        "window_start",
    )

    def __init__(self, facts: Record, pack: Pack):
        self.facts, self.pack = facts, pack
        o = self.offence = facts.offence
        p = self.offender = facts.offender
        self.victim, self.officer = facts.victim, facts.officer
        born = p.date_of_birth
        # Ruling R14: responsibility on the offence date, "juvenile" on the assessment date.
        self.age_at_offence = (
            years_between(born, o.date) if born is not None and o.date is not None else None
        )
        self.age_now = years_between(born, facts.assessed_on) if born is not None else None
        self.juvenile = None if self.age_now is None else self.age_now < pack.age_adult
        category = o.category
        # A flag is true when given or implied by the category; unknown (None) when
        # not given and the category is unknown too.
        unknown = None if category is None else False
        self.knife = o.knife_or_weapon or category == "weapon_possession" or unknown
        self.sexual = o.sexual or category == "sexual" or unknown
        self.traffic = o.traffic or category == "traffic" or unknown
        kind = facts.victim.kind
        self.identifiable_victim = None if kind is None else kind in ("person", "organisation")
        self.substituted: list[str] = []  # codes whose Sergeant authority went to the YJS (R2)
        # Only previous outcomes are compared with the window, so it is worked out only then.
        self.window_start = (
            months_before(o.date, pack.window_months)
            if o.date is not None and p.previous_outcomes
            else None
        )
        self.outcomes_complete_by = (
            None if o.date is None else o.date + timedelta(days=pack.outcomes_days)
        )

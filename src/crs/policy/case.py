"""A case as the rules see it: the facts, the pack, and facts derived from both.

Derived facts are None when what they derive from is unknown, so a rule can
tell "no" from "not known yet".
"""

from __future__ import annotations

from calendar import isleap
from datetime import date, timedelta

from .ages import years_between
from .facts import Record
from .pack import Pack


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
        "noted",
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
        born, day = p.date_of_birth, o.date
        # Rulings applied only where they decide something, noted as found (R30, R35, R36).
        self.noted: tuple[str, ...] = ()  # a tuple: most cases note none (`note`)
        # Ruling R14: responsibility on the offence date, "juvenile" on the assessment date.
        if born is None:
            self.age_at_offence = self.age_now = self.juvenile = None
        else:
            age = self.age_now = years_between(born, facts.assessed_on)
            self.juvenile = age < pack.age_adult
            self.age_at_offence = None if day is None else years_between(born, day)
            if (born.month, born.day) == (2, 29) and (
                _leap_birthday_decides(facts.assessed_on) or _leap_birthday_decides(day)
            ):
                self.noted = ("R36",)
        category = o.category
        # A flag is true when given or implied by the category; unknown (None) when
        # not given and the category is unknown too.
        unknown = None if category is None else False
        self.knife = o.knife_or_weapon or category == "weapon_possession" or unknown
        self.sexual = o.sexual or category == "sexual" or unknown
        self.traffic = o.traffic or category == "traffic" or unknown
        kind = facts.victim.kind
        self.identifiable_victim = None if kind is None else kind in _IDENTIFIABLE
        self.substituted: list[str] = []  # paragraphs whose Sergeant authority went to the YJS (R2)
        if day is None:
            self.window_start = self.outcomes_complete_by = None
            return
        # Only previous outcomes are compared with the window, so it is worked out only then.
        self.window_start = months_before(day, pack.window_months) if p.previous_outcomes else None
        kept = _OUTCOMES_DAYS.get(id(pack))
        if kept is None or kept[0] is not pack:
            kept = _OUTCOMES_DAYS[id(pack)] = (pack, timedelta(days=pack.outcomes_days))
        self.outcomes_complete_by = day + kept[1]

    def note(self, ruling: str) -> None:
        """Note a ruling that decided something on this case (named in `interpretations`)."""
        if ruling not in self.noted:
            self.noted += (ruling,)


_IDENTIFIABLE = frozenset(("person", "organisation"))


def _leap_birthday_decides(day: date | None) -> bool:
    """Whether Ruling R36 decides an age judged on `day` for someone born on 29 February:
    on 28 February of a year without a 29th, the one day on which reading the birthday
    as 1 March (the ruling) and as 28 February give different ages."""
    return day is not None and day.month == 2 and day.day == 28 and not isleap(day.year)


# Each pack's time for outcomes, by id (a Pack holds dicts, so it cannot be a key).
_OUTCOMES_DAYS: dict = {}

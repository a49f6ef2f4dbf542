"""crs.policy.ages: the one age and the one set of age bands every part of crs reads."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from crs.policy.ages import AGE_BANDS, AGE_LABELS, age_band, age_on, is_child, years_between


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        (date(2006, 3, 1), date(2024, 2, 29), 17),  # the day before the 18th birthday
        (date(2006, 3, 1), date(2024, 3, 1), 18),  # the 18th birthday
        (date(2006, 12, 31), date(2024, 12, 30), 17),
        (date(2006, 12, 31), date(2024, 12, 31), 18),
    ],
)
def test_an_age_turns_on_the_birthday_itself(born, on, years):
    assert years_between(born, on) == years


LEAP_BORN = date(2004, 2, 29)


@pytest.mark.parametrize(
    ("on", "years"),
    [
        (date(2022, 2, 28), 17),  # no 29 February in 2022: not yet 18 ...
        (date(2022, 3, 1), 18),  # ... 18 on 1 March (Ruling R36)
        (date(2024, 2, 28), 19),  # a leap year: the birthday is 29 February itself
        (date(2024, 2, 29), 20),
    ],
)
def test_r36_born_29_february_turns_a_year_older_on_1_march_in_other_years(on, years):
    assert years_between(LEAP_BORN, on) == years


def test_a_child_is_under_18_on_the_day_and_an_unknown_age_is_not_a_childs():
    assert is_child(LEAP_BORN, date(2022, 2, 28))
    assert not is_child(LEAP_BORN, date(2022, 3, 1))
    assert not is_child(None, date(2022, 3, 1))
    assert not is_child(LEAP_BORN, None)
    assert age_on(date(2024, 1, 2), date(2024, 1, 1)) is None  # a day before birth


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2014, 2, 21), "under_10"),
        (date(2014, 2, 20), "10-14"),
        (date(2009, 2, 21), "10-14"),
        (date(2009, 2, 20), "15-17"),
        (date(2006, 2, 21), "15-17"),  # 18 the day after
        (date(2006, 2, 20), "18-24"),  # 18 that day
        (date(1959, 2, 20), "65+"),
        (None, "not_recorded"),
    ],
)
def test_an_age_falls_in_one_band_and_every_band_has_words(born, band):
    assert age_band(born, date(2024, 2, 20)) == band
    assert band in AGE_LABELS


def test_the_bands_follow_on_without_gap_or_overlap():
    for (_, _, high), (_, low, _) in pairwise(AGE_BANDS):
        assert low == high + 1

"""The search box reads a date of birth written the usual UK ways (crs.cases.search)."""

from datetime import date

import pytest

from crs.cases.search import as_date_of_birth

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        ("14 March 1992", date(1992, 3, 14)),
        ("14th Mar 1992", date(1992, 3, 14)),
        ("14 Sept 1992", date(1992, 9, 14)),
        ("1 may, 2001", date(2001, 5, 1)),
        ("14/3/92", date(1992, 3, 14)),
        ("14.03.1992", date(1992, 3, 14)),
        ("1992-03-14", date(1992, 3, 14)),
    ],
)
def test_a_date_of_birth_is_read_as_officers_write_it(typed, born):
    assert as_date_of_birth(typed, today=TODAY) == born


@pytest.mark.parametrize(
    ("typed", "year"), [("1/1/26", 2026), ("1/1/27", 1927), ("1/1/09", 2009), ("1/1/00", 2000)]
)
def test_a_two_digit_year_is_the_latest_such_year_not_in_the_future(typed, year):
    assert as_date_of_birth(typed, today=TODAY).year == year


@pytest.mark.parametrize("typed", ["31 February 1992", "14 Marchember 1992", "32/1/1990", "Smith"])
def test_text_that_is_no_date_is_not_a_date_of_birth(typed):
    assert as_date_of_birth(typed, today=TODAY) is None

"""The rate limits' counts (crs.accounts.rate_counts): in the database by default, over any window
ending now, and pruned so the table holds only counts a window can still reach."""

from __future__ import annotations

import pytest

from crs.accounts import rate_counts
from crs.accounts.models import RateCount

START = 1_900_000_020.0
MINUTE = rate_counts.Rate.parse("3/m")


@pytest.fixture(autouse=True)
def in_the_database(settings, db):
    settings.CRS_CACHE_URL = ""


def test_a_count_covers_the_window_ending_now_and_then_lets_go():
    rate_counts.add("k", MINUTE, START)
    rate_counts.add("k", MINUTE, START + 30)
    assert rate_counts.count("k", MINUTE, START + 59).total == 2
    assert rate_counts.count("k", MINUTE, START + 61.5).total == 1
    assert rate_counts.count("k", MINUTE, START + 91.5).total == 0


def test_counts_of_one_key_are_not_counts_of_another():
    rate_counts.add("k", MINUTE, START)
    assert rate_counts.count("other", MINUTE, START).total == 0


def test_slices_no_window_can_reach_are_deleted_when_a_new_one_starts():
    for second in range(0, 50, 10):
        rate_counts.add("old", MINUTE, START + second)
    assert RateCount.objects.count() == 5
    rate_counts.add("new", MINUTE, START + 100.5)  # the slices before :40 have left
    assert sorted(RateCount.objects.values_list("key", "bucket")) == [
        ("new", int(START) + 100),
        ("old", int(START) + 40),
    ]


def test_take_refuses_past_the_limit_and_says_when_there_is_room():
    assert [rate_counts.take("k", MINUTE, START + s) for s in (0, 1, 2)] == [None] * 3
    refused = rate_counts.take("k", MINUTE, START + 10)
    assert (refused.total, refused.retry_after) == (3, 51)
    assert rate_counts.count("k", MINUTE, START + 10).total == 3  # the refusal was not kept


def test_a_long_window_is_cut_in_at_most_900_slices():
    day = rate_counts.Rate.parse("1000/d")
    assert day.slice == 96
    assert len(day.slices(START)) <= 901
    assert rate_counts.Rate.parse("50/15m").slice == 1

"""The 95% interval of a disproportionality ratio: the exact conditional interval of two
Poisson rates (crs.dashboard.intervals), checked against the beta quantiles it stands on."""

import math

import pytest
from scipy.stats import beta

from crs.dashboard.intervals import rate_ratio


def by_beta(a, n1, c, n2):
    """Clopper-Pearson for a of a + c by its beta quantiles, turned into a rate ratio."""
    low = 0.0 if a == 0 else beta.ppf(0.025, a, c + 1)
    high = 1.0 if c == 0 else beta.ppf(0.975, a + 1, c)
    return tuple(math.inf if p == 1 else p / (1 - p) * n2 / n1 for p in (low, high))


@pytest.mark.parametrize(
    ("a", "n1", "c", "n2"), [(30, 2000, 10, 1000), (7, 250, 40, 3000), (0, 500, 12, 3000)]
)
def test_the_interval_is_the_exact_conditional_one(a, n1, c, n2):
    assert tuple(rate_ratio(a, n1, c, n2)) == pytest.approx(by_beta(a, n1, c, n2))


def test_equal_counts_on_equal_populations_give_an_interval_even_about_one_on_the_log_scale():
    low, high = rate_ratio(20, 1000, 20, 1000)
    assert low < 1 < high
    assert low * high == pytest.approx(1)


def test_the_interval_narrows_as_the_counts_grow():
    small, large = rate_ratio(6, 100, 5, 100), rate_ratio(600, 10000, 500, 10000)
    assert large.high - large.low < small.high - small.low


def test_more_crs_than_people_still_have_an_interval():
    # An out-of-date or illustrative baseline can give a group more CRs than people.
    low, high = rate_ratio(30, 10, 10, 1000)
    assert 0 < low < 300 < high


def test_no_crs_in_either_group_have_no_interval():
    assert rate_ratio(0, 100, 0, 100) is None

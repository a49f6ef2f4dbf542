"""Every figure of the dashboard against values worked out by hand from tests/dashboard/data.py.

The cases, once more: C1, C2, C3, C7 given; C4 refused and C5 withdrawn before
agreement (not given); C6 and C8 open.
"""

from datetime import UTC, date, datetime

import pytest

from crs.cases import services as s
from crs.cases.models import Case
from crs.cases.workflow import State
from crs.dashboard import figures, summary
from crs.dashboard.baseline import load_baseline
from crs.dashboard.models import CaseFigures

from .data import BASELINE

pytestmark = pytest.mark.django_db


def all_rows():
    return figures.filtered()


def test_headline_counts_and_shares(dataset):
    head = figures.headline(all_rows())
    assert head["cases"] == 8
    assert head["given"] == 4  # C1, C2, C3, C7
    assert head["not_given"] == 2  # C4 refused, C5 withdrawn
    assert head["open"] == 2  # C6 assessed, C8 draft
    # Restorative: C1 (level 1) and C7 (referred), of the 4 given: 2/4.
    assert (head["restorative"], head["restorative_share"]) == (2, 0.5)
    # Not complied with: C3, of the 4 given: 1/4.
    assert (head["non_compliant"], head["non_compliant_share"]) == (1, 0.25)
    # Due by 1 Aug 24 (offence + 16 weeks passed): all four given, the latest deadline being
    # C2's 25 Jun. C1 (1 Apr) and C7 (20 Mar) completed in time, C2 (1 Jul) late, C3 not
    # complied with: 2 of 4.
    assert (head["due_within"], head["due"]) == (2, 4)
    assert (head["due_late"], head["due_not_complied"], head["due_open"]) == (1, 1, 0)
    assert head["due_within_share"] == pytest.approx(2 / 4)
    # IMU returns: C1 twice, C2 once.
    assert (head["returns"], head["returned_cases"]) == (3, 2)


def test_volumes_by_month_district_category_and_level(dataset):
    rows = all_rows()
    # February: C1, C3, C5, C7, C8; March: C2, C4, C6.
    assert figures.counts_by(rows, "month") == [(date(2024, 2, 1), 5), (date(2024, 3, 1), 3)]
    # North: C1, C2, C5, C6, C7; South: C3, C4, C8.
    assert figures.counts_by(rows, "district") == [("Testshire North", 5), ("Testshire South", 3)]
    assert figures.counts_by(rows, "category") == [("criminal_damage", 1), ("theft", 7)]
    # none: C1, C5, C6 (a child, first offence), C7; sergeant: C2, C4; inspector: C3;
    # C8 was never assessed.
    assert dict(figures.counts_by(rows, "level")) == {
        "none": 4,
        "sergeant": 2,
        "inspector": 1,
        "not_assessed": 1,
    }


def test_time_to_authorise_median_and_90th_percentile_by_nearest_rank(dataset):
    timing = figures.time_to_authorise(all_rows())
    # C2 6 h, C4 26 h (refused), C3 48 h. In order [6, 26, 48]: the median is the value at
    # rank ceil(0.5 x 3) = 2, 26; the 90th percentile at rank ceil(0.9 x 3) = 3, 48. Each
    # is the start of its bucket: 26 by the hour, 48 the first six-hour bucket.
    assert timing["n"] == 3
    assert timing["median"] == pytest.approx(26)
    assert timing["p90"] == pytest.approx(48)
    assert timing["bands"] == [
        ("Under 24 hours", 1),
        ("1 to 3 days", 2),
        ("3 to 7 days", 0),
        ("7 days or more", 0),
    ]


def test_imu_return_reasons_most_frequent_first_as_written_without_spaces_around(dataset):
    assert figures.returns(all_rows()) == [
        ("Victim not told of the outcome", 2),  # C1's first return and C2's
        ("Signature missing", 1),  # C1's second, written with spaces around
    ]


def test_victim_satisfaction_counts_each_victims_latest_answer(dataset):
    # C1 said "neither", then "satisfied": only the latest counts.
    assert dict(figures.counts_by(all_rows(), "satisfaction")) == {
        "satisfied": 1,
        "dissatisfied": 1,
        "very_dissatisfied": 1,
    }


def by_group(out):
    return {r.group: r for r in out}


def test_outcomes_by_sex_with_rates_and_ratios_against_the_baseline(dataset, baseline_file):
    out = by_group(figures.outcomes_by(all_rows(), "sex", load_baseline(), suppress=1))
    # male: C1, C3, C7 given, C4 refused; female: C2 given, C5 withdrawn.
    assert (out["male"].cases, out["male"].given, out["male"].not_given) == (4, 3, 1)
    assert (out["female"].cases, out["female"].given, out["female"].not_given) == (2, 1, 1)
    assert (out["not_stated"].cases, out["not_recorded"].cases) == (1, 1)  # C6, C8
    # Per 1,000: male 3 / 2,000 x 1,000 = 1.5; female (reference) 1 / 1,000 x 1,000 = 1.0.
    assert out["male"].rate == pytest.approx(1.5)
    assert out["female"].rate == pytest.approx(1.0)
    assert out["male"].ratio == pytest.approx(1.5)
    assert out["female"].reference and out["female"].ratio == pytest.approx(1.0)
    assert out["male"].given_share == pytest.approx(0.75)  # 3 of the 4 decided
    assert out["not_stated"].population is None and out["not_stated"].ratio is None


def test_outcomes_by_age_band_on_the_date_of_the_offence(dataset, baseline_file):
    out = by_group(figures.outcomes_by(all_rows(), "age_band", load_baseline(), suppress=1))
    # C6 was 14 on 15 Mar 24; C3 23 and C5 24 (18-24); C1, C2, C7 34; C4 38; C8 unknown.
    counts = {g: (r.cases, r.given, r.not_given) for g, r in out.items()}
    assert counts == {
        "10-14": (1, 0, 0),
        "18-24": (2, 1, 1),
        "25-34": (3, 3, 0),
        "35-44": (1, 0, 1),
        "not_recorded": (1, 0, 0),
    }
    # 18-24: 1 / 250 x 1,000 = 4.0; 25-34 (reference): 3 / 1,500 x 1,000 = 2.0; ratio 2.0.
    assert out["18-24"].ratio == pytest.approx(2.0)
    assert out["35-44"].ratio == pytest.approx(0.0)
    assert out["10-14"].population is None  # the test's baseline has no 10-14 row


def test_outcomes_by_ethnic_group_use_the_census_high_level_groups(dataset, baseline_file):
    out = by_group(figures.outcomes_by(all_rows(), "ethnic_group", load_baseline(), suppress=1))
    counts = {g: (r.cases, r.given, r.not_given) for g, r in out.items()}
    # W: C1, C2 (W1), C7 (W5); B: C3 (B1); A: C4 (A3), C5 (A1); NS: C6; C8 not recorded.
    assert counts == {
        "A": (2, 0, 2),
        "B": (1, 1, 0),
        "W": (3, 3, 0),
        "not_stated": (1, 0, 0),
        "not_recorded": (1, 0, 0),
    }
    # B: 1 / 200 x 1,000 = 5.0; W (reference): 3 / 3,000 x 1,000 = 1.0; ratio 5.0.
    assert out["B"].ratio == pytest.approx(5.0)
    assert out["A"].ratio == pytest.approx(0.0)


def test_a_ratio_resting_on_fewer_than_five_crs_given_is_suppressed(dataset, baseline_file):
    rows, baseline = all_rows(), load_baseline()
    suppressed = by_group(figures.outcomes_by(rows, "sex", baseline))
    assert suppressed["male"].suppressed  # 3 given, reference 1: both from 1 to 4
    relaxed = by_group(figures.outcomes_by(rows, "sex", baseline, suppress=1))
    assert not relaxed["male"].suppressed  # 3 and 1 are not under 1


def test_each_ratio_but_the_reference_has_a_95_percent_interval_around_it(dataset, baseline_file):
    out = by_group(figures.outcomes_by(all_rows(), "sex", load_baseline(), suppress=1))
    male = out["male"]
    assert male.interval.low < male.ratio < male.interval.high
    assert out["female"].interval is None  # the reference: 1 by definition


def test_a_group_with_no_cases_has_no_rate_or_ratio(dataset, tmp_path, settings):
    path = tmp_path / "population.csv"
    path.write_text(BASELINE + "age_band,45-54,800,\n")
    settings.CRS_POPULATION_BASELINE = str(path)
    out = by_group(figures.outcomes_by(all_rows(), "age_band", load_baseline(), suppress=1))
    assert out["45-54"].no_cases
    assert (out["45-54"].ratio, out["45-54"].interval) == (None, None)


def test_the_16_week_measure_counts_a_cr_not_complied_with_as_not_completed_in_time(dataset):
    # C3 only: the CRs given in the criminal damage category.
    head = figures.headline(figures.filtered(category="criminal_damage"))
    assert (head["due"], head["due_within"], head["due_not_complied"]) == (1, 0, 1)
    assert head["due_within_share"] == 0


def test_a_cr_is_due_once_16_weeks_from_the_offence_have_passed_without_any_change(dataset, clock):
    # On 5 Jun 24 only C3 (offence 10 Feb, due 1 Jun) had reached its 16 weeks; C1 and C7
    # (20 Feb) were due on 11 Jun, C2 (5 Mar) on 25 Jun.
    summary.rebuild_tally(date(2024, 6, 5))
    assert figures.headline(all_rows())["due"] == 1
    clock.at(2024, 6, 12, 9)
    summary.rebuild_tally(date(2024, 6, 12))
    head = figures.headline(all_rows())
    assert (head["due"], head["due_within"]) == (3, 2)
    # A refresh on a new day counts them again though no case changed.
    clock.at(2024, 8, 2, 9)
    assert summary.refresh() == 0
    assert figures.headline(all_rows())["due"] == 4
    assert summary.due_on() == date(2024, 8, 2)


def test_filters_by_district_category_and_offence_dates(dataset):
    assert figures.headline(figures.filtered(district="Testshire South"))["cases"] == 3
    assert figures.headline(figures.filtered(category="criminal_damage"))["given"] == 1
    # By whole months: from March 24: C2, C4, C6; to February 24: C1, C3, C5, C7, C8.
    assert figures.headline(figures.filtered(start=date(2024, 3, 1)))["cases"] == 3
    assert figures.headline(figures.filtered(end=date(2024, 2, 1)))["cases"] == 5
    south_returns = figures.returns(figures.filtered(district="Testshire South"))
    assert south_returns == []  # the returned cases, C1 and C2, are in the North


def test_a_refresh_reads_again_only_the_cases_changed_since_the_last(dataset, clock, pc_ali):
    clock.at(2024, 8, 2, 9)
    assert summary.refresh() == 0
    clock.at(2024, 8, 3, 9)
    s.withdraw(dataset["C6"], pc_ali, reason="No longer in the public interest.")
    assert summary.refresh() == 1
    assert CaseFigures.objects.get(case=dataset["C6"]).outcome == "not_given"
    assert figures.headline(all_rows())["not_given"] == 3  # the tally was counted again


def test_a_change_committed_after_a_refresh_read_is_read_by_the_next(dataset, clock):
    clock.at(2024, 8, 2, 9)
    summary.refresh()
    # Saved (stamped) a minute before that refresh started, committed only after it read.
    Case.objects.filter(pk=dataset["C6"].pk).update(
        state=State.WITHDRAWN, updated_at=datetime(2024, 8, 2, 8, 59, tzinfo=UTC)
    )
    clock.at(2024, 8, 2, 9, 10)
    assert summary.refresh() >= 1
    assert CaseFigures.objects.get(case=dataset["C6"]).outcome == "not_given"


def test_time_buckets_by_the_hour_then_six_hours_then_the_day():
    from crs.dashboard.summary import bucket

    assert [bucket(h) for h in (None, 0.5, 26.9, 47.99, 48, 53.9, 54, 167.9, 168, 200)] == [
        None, 0.0, 26.0, 47.0, 48.0, 48.0, 54.0, 162.0, 168.0, 192.0,
    ]  # fmt: skip


@pytest.fixture
def twenty_weeks(tmp_path, monkeypatch):
    """A force whose deferred outcomes are due within 20 weeks (4.4.4 as its pack says)."""
    from crs.policy.pack import PACKS_DIR

    default = PACKS_DIR / "o32g-2023-07.toml"
    (tmp_path / "force.toml").write_text(
        f'extends = "{default}"\nversion = "2023-07-force"\n[deadlines]\noutcomes_weeks = 20\n'
    )
    monkeypatch.setenv("CRS_POLICY_PACKS", str(tmp_path))


def test_the_measure_counts_each_cr_against_its_own_packs_limit(twenty_weeks, dataset):
    # Under 20 weeks C2 (offence 5 Mar, completed 1 Jul) is due on 23 Jul, so in time; C1
    # and C7 (20 Feb) are due on 9 Jul and C3 (10 Feb) on 29 Jun. On 1 Jul only C3 is due.
    assert CaseFigures.objects.get(case=dataset["C2"]).due_by == date(2024, 7, 23)
    summary.rebuild_tally(date(2024, 7, 1))
    assert figures.headline(all_rows())["due"] == 1
    summary.rebuild_tally(date(2024, 8, 2))
    head = figures.headline(all_rows())
    assert (head["due"], head["due_within"], head["due_late"]) == (4, 3, 0)


def test_the_measure_is_named_for_the_packs_limit(twenty_weeks, dataset):
    from crs.dashboard import tables

    built = tables.build(all_rows(), None, due_on=date(2024, 8, 2))
    shares = next(t for t in built if t.key == "shares")
    assert shares.rows[1][0] == "Completed within 20 weeks of the offence"
    assert "plus 20 weeks" in shares.intro

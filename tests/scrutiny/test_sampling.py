"""Drawing a sample: the same seed draws the same cases; categories in proportion."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from crs.cases.errors import Invalid, NotPermitted
from crs.cases.workflow import State
from crs.scrutiny import sampling, services

from .conftest import CLOSED_ON, make_closed

START, END = date(2024, 5, 1), date(2024, 5, 31)


def chosen(sample) -> list[int]:
    return list(sample.cases.order_by("position").values_list("case_id", flat=True))


def test_quotas_follow_the_largest_remainder():
    # 10 of 60: shares 5.0, 3.333, 1.667 -> 5, 3, 1 and the one left goes to 1.667.
    assert sampling.quotas({"theft": 30, "assault": 20, "public_order": 10}, 10) == {
        "theft": 5,
        "assault": 3,
        "public_order": 2,
    }


def test_quotas_sum_to_the_size_and_never_exceed_a_stratum():
    sizes = {"a": 7, "b": 1, "c": 13, "d": 2}
    for size in range(0, 30):
        q = sampling.quotas(sizes, size)
        assert sum(q.values()) == min(size, sum(sizes.values()))
        assert all(q[k] <= sizes[k] for k in sizes)


def test_quotas_ties_go_to_the_larger_stratum_then_by_name():
    # 2 of 4: shares a 0.5, b 0.5, c 1.0; the place left goes to a (a tie, by name).
    assert sampling.quotas({"b": 1, "a": 1, "c": 2}, 2) == {"a": 1, "b": 0, "c": 1}
    # 3 of 7: shares 1.29 and 1.71 -> 1 and 1, and the last place to the larger remainder.
    # 2 of 6 over 3, 2, 1: shares 1.0, 0.67, 0.33 -> the one left goes to the 2.
    assert sampling.quotas({"x": 3, "y": 4}, 3) == {"x": 1, "y": 2}
    assert sampling.quotas({"x": 3, "y": 2, "z": 1}, 2) == {"x": 1, "y": 1, "z": 0}
    # 2 of 4 over 3 and 1: shares 1.5 and 0.5, equal remainders: the larger stratum first.
    assert sampling.quotas({"big": 3, "small": 1}, 2) == {"big": 2, "small": 0}


def test_the_draw_does_not_depend_on_the_order_the_cases_are_read():
    cases = [(pk, "theft" if pk % 3 else "assault") for pk in range(1, 40)]
    forward = sampling.draw(cases, 9, seed=7)
    backward = sampling.draw(list(reversed(cases)), 9, seed=7)
    assert forward == backward


def test_the_same_seed_draws_the_same_sample(pc_ali, insp_carr):
    make_closed(pc_ali, {"theft": 20, "assault": 12, "criminal_damage": 8})
    first = services.draw_sample(insp_carr, start=START, end=END, size=10, seed=1234)
    again = services.draw_sample(insp_carr, start=START, end=END, size=10, seed=1234)
    assert chosen(first) == chosen(again)
    assert len(chosen(first)) == 10


def test_a_different_seed_draws_a_different_sample(pc_ali, insp_carr):
    make_closed(pc_ali, {"theft": 20, "assault": 12, "criminal_damage": 8})
    one = services.draw_sample(insp_carr, start=START, end=END, size=10, seed=1)
    two = services.draw_sample(insp_carr, start=START, end=END, size=10, seed=2)
    assert chosen(one) != chosen(two)


def test_the_sample_is_stratified_by_offence_category_in_proportion(pc_ali, vja_hughes):
    make_closed(pc_ali, {"theft": 30, "assault": 20, "public_order": 10})
    sample = services.draw_sample(vja_hughes, start=START, end=END, size=10, seed=99)
    drawn = Counter(sample.cases.values_list("case__offence_category", flat=True))
    assert drawn == {"theft": 5, "assault": 3, "public_order": 2}
    assert sample.strata == {"assault": [20, 3], "public_order": [10, 2], "theft": [30, 5]}
    assert sample.population == 60


def test_only_cases_closed_in_the_period_are_drawn(pc_ali, insp_carr):
    inside = make_closed(pc_ali, {"theft": 3})
    make_closed(pc_ali, {"theft": 3}, on=date(2024, 6, 1))  # closed after the period
    make_closed(pc_ali, {"theft": 3}, state=State.WITHDRAWN)  # not closed
    sample = services.draw_sample(insp_carr, start=START, end=END, size=50, seed=5)
    assert sorted(chosen(sample)) == [c.pk for c in inside]
    assert sample.population == 3


def test_a_sample_larger_than_the_period_takes_every_closed_case(pc_ali, insp_carr):
    made = make_closed(pc_ali, {"theft": 2, "assault": 1})
    sample = services.draw_sample(insp_carr, start=CLOSED_ON, end=CLOSED_ON, size=10, seed=3)
    assert sorted(chosen(sample)) == [c.pk for c in made]


def test_pseudonyms_name_the_sample_and_the_position(pc_ali, insp_carr):
    make_closed(pc_ali, {"theft": 3})
    sample = services.draw_sample(insp_carr, start=START, end=END, size=3, seed=3)
    names = [sc.pseudonym for sc in sample.cases.order_by("position")]
    assert names == [f"S{sample.pk}-01", f"S{sample.pk}-02", f"S{sample.pk}-03"]


def test_a_seed_is_chosen_and_kept_when_none_is_given(pc_ali, insp_carr):
    make_closed(pc_ali, {"theft": 5})
    sample = services.draw_sample(insp_carr, start=START, end=END, size=2)
    again = services.draw_sample(insp_carr, start=START, end=END, size=2, seed=sample.seed)
    assert chosen(sample) == chosen(again)


def test_a_period_without_closed_cases_is_refused(insp_carr):
    with pytest.raises(Invalid, match="No cases were closed"):
        services.draw_sample(insp_carr, start=START, end=END, size=5, seed=1)


def test_a_period_that_ends_before_it_starts_is_refused(insp_carr):
    with pytest.raises(Invalid, match="end of the period"):
        services.draw_sample(insp_carr, start=END, end=START, size=5, seed=1)


@pytest.mark.parametrize("who", ["pc_ali", "sgt_brown", "imu_fisher"])
def test_only_panel_members_draw_samples(who, request, pc_ali):
    make_closed(pc_ali, {"theft": 3})
    user = request.getfixturevalue(who)
    with pytest.raises(NotPermitted):
        services.draw_sample(user, start=START, end=END, size=2, seed=1)


@pytest.mark.parametrize("who", ["insp_carr", "acting_insp_carr", "supt_dale", "vja_hughes"])
def test_inspectors_and_above_and_victim_justice_analysts_sit_on_the_panel(who, request):
    assert services.can_scrutinise(request.getfixturevalue(who)) is None

"""The kept case counts (crs.cases.counts): moved by every service in the change's own
transaction, so the home pages' figures equal a recount of the cases; a change made
outside the services is what `crs counts check` finds, and `rebuild` mends."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crs.cases import counts
from crs.cases import services as s
from crs.cases.demo import load_demo
from crs.cases.errors import CaseError
from crs.cases.models import Case, CaseCount
from crs.cases.permissions import counted_filter, visible_cases
from crs.cases.seed import seed
from crs.cases.workflow import State
from crs.cli import main
from crs.web.pages.worklists import work_lists

from . import facts as f
from . import walk

pytestmark = pytest.mark.django_db


def kept(**where) -> int:
    return counts.total(Q(**where))


def test_opening_a_case_counts_it_in_its_state_team_and_owner(pc_ali):
    walk.opened(pc_ali)
    assert kept(state=State.DRAFT, owner=pc_ali, team=pc_ali.team, juvenile=False) == 1
    assert counts.differences() == []


def test_each_step_of_the_road_moves_the_case_to_its_new_state(pc_ali, sgt_brown, imu_fisher):
    case = walk.closed(pc_ali, sgt_brown, imu_fisher)
    assert counts.by_state(Q()) == {State.CLOSED: 1}
    assert case.state == State.CLOSED
    assert counts.differences() == []


def test_an_assessment_that_finds_a_child_moves_the_case_to_the_under_18s(pc_ali):
    case = walk.assessed(pc_ali, f.child())
    assert case.juvenile
    assert kept(juvenile=True) == 1 and kept(juvenile=False) == 0


def test_a_refused_change_leaves_the_counts_as_they_were(pc_ali, sgt_brown):
    case = walk.opened(pc_ali)
    with pytest.raises(CaseError):
        s.agree(case, pc_ali)  # a draft cannot be agreed
    assert counts.by_state(Q()) == {State.DRAFT: 1}


def test_a_change_that_fails_after_moving_the_case_leaves_no_move_behind(pc_ali, monkeypatch):
    case = walk.assessed(pc_ali)

    def broken(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr("crs.cases.services._base.record", broken)
    with pytest.raises(RuntimeError):
        s.withdraw(case, pc_ali, reason="Offender moved away.")
    assert counts.by_state(Q()) == {State.ASSESSED: 1}
    assert counts.differences() == []


def test_a_change_made_outside_the_services_is_found_by_the_check(pc_ali):
    """The drift a forgotten update would cause: the case moved, its count did not."""
    case = walk.assessed(pc_ali)
    Case.objects.filter(pk=case.pk).update(state=State.WITHDRAWN)
    drift = counts.differences()
    key = (State.ASSESSED, pc_ali.team_id, pc_ali.pk, False, "")
    moved = (State.WITHDRAWN, pc_ali.team_id, pc_ali.pk, False, "")
    assert (key, 1, 0) in drift and (moved, 0, 1) in drift
    assert main(["counts", "check"]) == 1


def test_rebuild_mends_what_the_check_found(pc_ali, capsys):
    case = walk.assessed(pc_ali)
    Case.objects.filter(pk=case.pk).update(state=State.WITHDRAWN)
    assert main(["counts", "rebuild"]) == 0
    assert counts.differences() == []
    assert main(["counts", "check"]) == 0
    assert "agree with the cases" in capsys.readouterr().out
    assert counts.by_state(Q()) == {State.WITHDRAWN: 1}


def test_a_count_emptied_is_kept_at_zero_and_shown_nowhere(pc_ali):
    walk.assessed(pc_ali)
    assert CaseCount.objects.get(state=State.DRAFT).cases == 0
    assert State.DRAFT not in counts.by_state(Q())


# --- the home page's figures after any sequence of changes --------------------------------

STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "open",
                "open_child",
                "open_other_team",
                "assess",
                "assess_by_sergeant",
                "change_facts_by_sergeant",
                "request",
                "authorise",
                "refuse",
                "change_facts",
                "agree",
                "withdraw",
            ]
        ),
        st.integers(min_value=0, max_value=5),
    ),
    min_size=1,
    max_size=14,
)
PERSONAS = ("pc_ali", "sgt_brown", "insp_carr", "yjt_supervisor", "imu_fisher", "rev_evans")


def _apply(step: str, pick: int, cases: list, people: dict) -> None:
    ali, brown, outsider = people["pc_ali"], people["sgt_brown"], people["outsider"]
    n = len(cases)
    if step.startswith("open"):
        owner = outsider if step == "open_other_team" else ali
        document = f.child() if step == "open_child" else f.needs_sergeant()
        cases.append(walk.opened(owner, document, ref=f"CR/{n:04d}/24"))
        return
    if not cases:
        return
    case = walk.fresh(cases[pick % n])
    owner = case.owner
    if step.endswith("_by_sergeant"):
        # Work that bars the Sergeant from authorising the case (R38): their list leaves
        # it out though the kept counts hold it.
        step, owner = step.removesuffix("_by_sergeant"), brown
    if step == "assess":
        s.assess(case, owner)
    elif step == "request":
        s.request_authorisation(case, owner)
    elif step == "authorise":
        s.authorise(case, people["insp_carr"], rationale="First offence of its kind.")
    elif step == "refuse":
        s.refuse_authorisation(case, people["insp_carr"], rationale="Too serious.")
    elif step == "change_facts":
        facts = dict(case.facts, offence={**case.facts["offence"], "description": f"Took {n}."})
        s.update_facts(case, owner, facts, reason="The value was wrong.")
    elif step == "agree":
        s.agree(case, owner)
    elif step == "withdraw":
        s.withdraw(case, brown, reason="The victim withdrew.")


def _recounted(user) -> tuple[dict, dict]:
    """The figures as the pages showed them before the counts were kept: counted."""
    by_state = dict(visible_cases(user).order_by().values_list("state").annotate(n=Count("id")))
    lists = {wl.key: wl.cases.count() for wl in work_lists(user)}
    return by_state, lists


def _shown(user) -> tuple[dict, dict]:
    by_state = counts.by_state(counted_filter(user))
    lists = {wl.key: wl.count() for wl in work_lists(user)}
    return by_state, lists


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_the_home_pages_figures_equal_a_recount_after_any_sequence_of_changes(
    steps, request, pc_ali, sgt_brown, insp_carr, yjt_supervisor, imu_fisher, rev_evans, outsider
):
    people = {name: request.getfixturevalue(name) for name in (*PERSONAS, "outsider")}
    with transaction.atomic():
        cases: list = []
        for step, pick in steps:
            # A refused step: the counts must not have moved either.
            with contextlib.suppress(CaseError):
                _apply(step, pick, cases, people)
        for name in PERSONAS:
            user = people[name]
            assert _shown(user) == _recounted(user), name
        assert counts.differences() == []
        transaction.set_rollback(True)


def _awaiting_me(user):
    return next(wl for wl in work_lists(user) if wl.key == "awaiting_me")


@pytest.mark.parametrize("work", ["assessed", "recorded_facts"])
def test_the_awaiting_count_leaves_out_cases_the_persons_own_work_bars(
    pc_ali, sgt_brown, insp_carr, work
):
    """R38: the kept counts hold the case as awaiting a Sergeant; the Sergeant who did its
    work is not offered it, and their count says so, as a recount does."""
    case = walk.opened(pc_ali, f.needs_sergeant())
    if work == "recorded_facts":
        facts = dict(case.facts, offence={**case.facts["offence"], "description": "Took two."})
        case = s.update_facts(case, sgt_brown, facts)
        case = s.assess(case, pc_ali).case
    else:
        case = s.assess(case, sgt_brown).case
    s.request_authorisation(walk.fresh(case), pc_ali)
    assert _awaiting_me(sgt_brown).count() == _awaiting_me(sgt_brown).cases.count() == 0
    assert _awaiting_me(insp_carr).count() == _awaiting_me(insp_carr).cases.count() == 1


def test_the_demo_force_and_a_seeded_load_leave_counts_that_agree_with_their_cases(db):
    """Both ways cases arrive other than one at a time: the demo walks them through the
    services; `crs seed` writes them in bulk and recounts."""
    load_demo(len(State), today=date(2024, 3, 1))
    assert counts.differences() == []
    seed(40, seed=3)
    assert counts.differences() == []
    assert counts.total(Q()) == Case.objects.count()

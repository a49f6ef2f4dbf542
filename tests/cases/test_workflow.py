"""The workflow graph: every state is reachable by the services, and only by its transitions."""

import pytest
from django_fsm import can_proceed

from crs.cases import services as s
from crs.cases.models import Case
from crs.cases.workflow import FINAL, OPEN, State

from . import walk
from .walk import assessed


def test_a_new_case_starts_in_draft(pc_ali):
    assert walk.opened(pc_ali).state == State.DRAFT


@pytest.mark.parametrize(
    ("road", "state"),
    [
        (lambda p: walk.assessed(p["pc_ali"]), "assessed"),
        (lambda p: walk.awaiting(p["pc_ali"]), "awaiting_authorisation"),
        (lambda p: walk.authorised(p["pc_ali"], p["sgt_brown"]), "authorised"),
        (lambda p: walk.agreed(p["pc_ali"]), "agreed"),
        (lambda p: walk.in_progress(p["pc_ali"]), "actions_in_progress"),
        (lambda p: walk.completed(p["pc_ali"]), "completed"),
        (lambda p: walk.non_compliant(p["pc_ali"]), "non_compliant"),
        (lambda p: walk.in_review(p["pc_ali"]), "supervisor_review"),
        (lambda p: walk.in_qa(p["pc_ali"], p["rev_evans"]), "imu_qa"),
        (lambda p: walk.closed(p["pc_ali"], p["rev_evans"], p["imu_fisher"]), "closed"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_each_state_is_reached_through_the_services(road, state, pc_ali, sgt_brown, rev_evans,
                                                    imu_fisher):  # fmt: skip
    people = {"pc_ali": pc_ali, "sgt_brown": sgt_brown, "rev_evans": rev_evans,
              "imu_fisher": imu_fisher}  # fmt: skip
    assert road(people).state == state


@pytest.mark.parametrize("state", [s.value for s in OPEN])
def test_every_open_state_can_be_withdrawn(state):
    assert can_proceed(Case(state=state).withdraw)


@pytest.mark.parametrize("state", [s.value for s in FINAL])
def test_no_final_state_can_be_left(state):
    case = Case(state=state)
    transitions = [t.name for t in case.get_available_state_transitions()]
    assert transitions == []


def test_a_draft_case_cannot_jump_to_agreed(pc_ali):
    case = walk.opened(pc_ali)
    assert not can_proceed(case.agree, check_conditions=False)


def test_the_available_transitions_follow_the_guards(pc_ali):
    case = assessed(pc_ali)
    # Eligible, but no action yet: nothing can be agreed, and no authority is needed.
    assert [t.name for t in case.get_available_state_transitions()] == [
        "reopen_for_reassessment",
        "withdraw",
    ]
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    case = walk.fresh(case)
    assert "agree" in [t.name for t in case.get_available_state_transitions()]

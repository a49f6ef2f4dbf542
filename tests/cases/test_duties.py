"""What is due after delivery: the parent or guardian within 24 hours (3.4.3, Ruling R26),
the victim immediately after delivery (4.3.5), each deferred action by its date (4.4.5)."""

from datetime import timedelta

from crs.cases import services as s
from crs.cases.duties import duties

from . import facts as f
from .walk import agreed, fresh, planned


def _child_agreed_after_a_missed_call(owner):
    case = planned(owner, f.child())
    s.log_contact(
        case,
        owner,
        party="parent_guardian",
        purpose="before_delivery",
        method="phone",
        outcome="no_answer",
    )
    return s.agree(fresh(case), owner)


def test_a_parent_not_reached_before_delivery_is_due_within_24_hours(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    duty = next(d for d in duties(case, now=case.agreed_at) if d.paragraph == "3.4.3")
    assert (duty.due, duty.overdue) == (case.agreed_at + timedelta(hours=24), False)


def test_the_parent_duty_is_overdue_after_24_hours(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    later = case.agreed_at + timedelta(hours=25)
    assert [d.overdue for d in duties(case, now=later) if d.paragraph == "3.4.3"] == [True]


def test_the_parent_duty_ends_when_a_parent_is_reached(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    case = s.log_contact(
        case,
        pc_ali,
        party="parent_guardian",
        purpose="inform_of_resolution",
        method="in person",
        outcome="spoke",
    ).case
    assert [d for d in duties(case, now=case.agreed_at) if d.paragraph == "3.4.3"] == []


def test_the_victim_is_due_a_contact_immediately_after_delivery(pc_ali):
    case = s.agree(planned(pc_ali), pc_ali)
    codes = [d.code for d in duties(case, now=case.agreed_at)]
    assert "victim_contact_after_delivery" in codes


def test_the_victim_duty_ends_when_the_contact_is_logged(pc_ali):
    case = agreed(pc_ali)
    codes = [d.code for d in duties(case, now=case.agreed_at)]
    assert "victim_contact_after_delivery" not in codes


def test_a_deferred_action_is_due_on_its_date(pc_ali):
    case = agreed(pc_ali)
    (duty,) = [d for d in duties(case, now=case.agreed_at) if d.code == "action_due"]
    assert duty.due.date().isoformat() == "2024-05-01"


def test_nothing_is_due_before_the_resolution_is_delivered(pc_ali):
    case = planned(pc_ali, f.child())
    assert duties(case, now=case.created_at) == []

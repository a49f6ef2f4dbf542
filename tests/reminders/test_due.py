"""Each reminder fires from its moment on and not a second before (a controllable clock)."""

from datetime import date, timedelta

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.reminders.models import Kind, Reminder
from tests.cases import facts as f
from tests.cases.personas import person
from tests.cases.walk import DUE, agreed, awaiting, fresh, in_progress, planned

from .helpers import SECOND, end_of, kinds_due


def test_an_action_is_reminded_from_7_days_before_its_due_date(pc_ali):
    agreed(pc_ali)
    due = end_of(DUE)
    assert Kind.ACTION_DUE_SOON not in kinds_due(due - timedelta(days=7) - SECOND)
    assert Kind.ACTION_DUE_SOON in kinds_due(due - timedelta(days=7))


def test_an_action_is_overdue_only_after_the_end_of_its_due_date(pc_ali):
    agreed(pc_ali)
    due = end_of(DUE)
    assert Kind.ACTION_OVERDUE not in kinds_due(due)
    assert Kind.ACTION_OVERDUE in kinds_due(due + SECOND)


def test_an_action_first_seen_overdue_is_reminded_as_overdue_only(pc_ali):
    agreed(pc_ali)
    assert kinds_due(end_of(DUE) + timedelta(days=3)) & {
        Kind.ACTION_DUE_SOON,
        Kind.ACTION_OVERDUE,
    } == {Kind.ACTION_OVERDUE}


def test_a_completed_action_is_not_reminded(pc_ali):
    case = agreed(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="financial_compensation"))
    assert not kinds_due(end_of(DUE) + SECOND) & {Kind.ACTION_DUE_SOON, Kind.ACTION_OVERDUE}


def test_the_16_week_limit_is_reminded_two_weeks_before(pc_ali):
    agreed(pc_ali)
    limit = end_of(date.fromisoformat(f.OUTCOMES_DUE_BY))
    assert Kind.OUTCOMES_DEADLINE not in kinds_due(limit - timedelta(days=14) - SECOND)
    assert Kind.OUTCOMES_DEADLINE in kinds_due(limit - timedelta(days=14))


def test_the_16_week_limit_is_not_reminded_once_the_outcomes_are_complete(pc_ali):
    case = in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="financial_compensation"))
    s.complete(fresh(case), pc_ali)
    limit = end_of(date.fromisoformat(f.OUTCOMES_DUE_BY))
    assert Kind.OUTCOMES_DEADLINE not in kinds_due(limit)


def _child_agreed_after_a_missed_call(owner):
    case = planned(owner, f.child())
    s.log_contact(
        case, owner, party="parent_guardian", purpose="before_delivery", method="phone",
        outcome="no_answer",
    )  # fmt: skip
    return s.agree(fresh(case), owner)


def test_a_parent_to_tell_is_reminded_from_delivery_for_24_hours(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    assert Kind.PARENT_GUARDIAN_DUE not in kinds_due(case.agreed_at - SECOND)
    assert Kind.PARENT_GUARDIAN_DUE in kinds_due(case.agreed_at)
    reminder = Reminder.objects.get(kind=Kind.PARENT_GUARDIAN_DUE)
    assert (reminder.due, reminder.recipient) == (case.agreed_at + timedelta(hours=24), pc_ali)


def test_a_parent_not_told_after_24_hours_is_reminded_as_overdue(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    assert Kind.PARENT_GUARDIAN_OVERDUE not in kinds_due(case.agreed_at + timedelta(hours=24))
    assert Kind.PARENT_GUARDIAN_OVERDUE in kinds_due(case.agreed_at + timedelta(hours=24) + SECOND)


def test_a_parent_already_told_is_not_reminded(pc_ali):
    case = _child_agreed_after_a_missed_call(pc_ali)
    s.log_contact(
        case, pc_ali, party="parent_guardian", purpose="inform_of_resolution",
        method="in person", outcome="spoke",
    )  # fmt: skip
    assert not kinds_due(case.agreed_at + timedelta(hours=30)) & {
        Kind.PARENT_GUARDIAN_DUE,
        Kind.PARENT_GUARDIAN_OVERDUE,
    }


def test_the_victim_update_after_delivery_is_reminded_until_logged(pc_ali):
    case = s.agree(planned(pc_ali), pc_ali)
    assert Kind.VICTIM_UPDATE_DUE not in kinds_due(case.agreed_at - SECOND)
    assert Kind.VICTIM_UPDATE_DUE in kinds_due(case.agreed_at)


def test_a_victim_already_updated_after_delivery_is_not_reminded(pc_ali):
    case = agreed(pc_ali)  # the contact after delivery is logged
    assert Kind.VICTIM_UPDATE_DUE not in kinds_due(case.agreed_at + timedelta(days=1))


def test_the_victim_update_on_conclusion_is_reminded_when_the_actions_are_complete(pc_ali):
    case = in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="financial_compensation"))
    s.complete(fresh(case), pc_ali)
    completed_at = AuditEntry.objects.filter(action="complete").get().at
    assert kinds_due(completed_at - SECOND, subject="completed") == set()
    assert kinds_due(completed_at, subject="completed") == {Kind.VICTIM_UPDATE_DUE}


def _asked_at():
    return AuditEntry.objects.filter(action="request_authorisation").get().at


def test_authorisation_waiting_more_than_a_day_goes_to_those_who_can_give_it(
    pc_ali, sgt_brown, insp_carr, outsider
):
    awaiting(pc_ali, f.needs_sergeant())
    person("sgt_south", team=outsider.team, rank="sergeant")
    asked = _asked_at()
    assert kinds_due(asked + timedelta(days=1)) == set()
    kinds_due(asked + timedelta(days=1) + SECOND)
    recipients = set(
        Reminder.objects.filter(kind=Kind.AUTHORISATION_WAITING).values_list(
            "recipient__username", flat=True
        )
    )
    # The owner never authorises their own case (4.2.3); a constable cannot; a Sergeant of
    # another team is not troubled while the case's own team has someone able.
    assert recipients == {"sgt_brown", "insp_carr"}


def test_authorisation_is_reminded_to_another_team_when_none_in_the_case_team_can(pc_ali, outsider):
    awaiting(pc_ali, f.needs_sergeant())
    person("sgt_south", team=outsider.team, rank="sergeant")
    kinds_due(_asked_at() + timedelta(days=2))
    assert list(Reminder.objects.values_list("recipient__username", flat=True)) == ["sgt_south"]


def test_an_authorised_case_is_not_reminded(pc_ali, sgt_brown):
    case = awaiting(pc_ali, f.needs_sergeant())
    asked = _asked_at()
    s.authorise(case, sgt_brown, rationale="Proportionate.")
    assert Kind.AUTHORISATION_WAITING not in kinds_due(asked + timedelta(days=2))


def test_the_limits_reminder_says_16_week_under_the_default_pack(pc_ali):
    agreed(pc_ali)
    kinds_due(end_of(date.fromisoformat(f.OUTCOMES_DUE_BY)))
    reminder = Reminder.objects.get(kind=Kind.OUTCOMES_DEADLINE)
    assert "the 16-week limit for the agreed outcomes is 11 June 2024" in reminder.text


def test_the_limits_reminder_names_a_forces_20_week_limit(pc_ali, tmp_path, monkeypatch):
    """Issue 15: the reminder said 16 weeks whatever the pack the case was assessed under."""
    from crs.policy.pack import PACKS_DIR

    (tmp_path / "force.toml").write_text(
        f'extends = "{PACKS_DIR / "o32g-2023-07.toml"}"\nversion = "2023-07-force"\n'
        "[deadlines]\noutcomes_weeks = 20\n"
    )
    monkeypatch.setenv("CRS_POLICY_PACKS", str(tmp_path))
    agreed(pc_ali)
    kinds_due(end_of(date(2024, 7, 9)))
    reminder = Reminder.objects.get(kind=Kind.OUTCOMES_DEADLINE)
    assert "the 20-week limit for the agreed outcomes is 9 July 2024" in reminder.text

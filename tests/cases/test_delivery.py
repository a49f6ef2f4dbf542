"""Agreeing the resolution and following its actions (3.4.2, 4.3.5, 4.4.4, 4.6.1; R25, R26)."""

from datetime import date

import pytest

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted

from . import facts as f
from .walk import DUE, agreed, assessed, authorised, fresh, in_progress, planned


def test_an_eligible_case_with_its_actions_can_be_agreed(pc_ali):
    assert s.agree(planned(pc_ali), pc_ali).state == "agreed"


def test_agreeing_records_when_the_resolution_was_delivered(pc_ali):
    assert s.agree(planned(pc_ali), pc_ali).agreed_at is not None


def test_an_authorised_case_can_be_agreed(pc_ali, sgt_brown):
    case = authorised(pc_ali, sgt_brown)
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    assert s.agree(fresh(case), pc_ali).state == "agreed"


def test_a_case_awaiting_authority_cannot_be_agreed(pc_ali):
    case = s.request_authorisation(assessed(pc_ali, f.needs_sergeant()), pc_ali)
    with pytest.raises(NotAllowed, match="awaiting authorisation cannot be agreed"):
        s.agree(case, pc_ali)


def test_a_case_that_needs_authority_cannot_be_agreed_without_it(pc_ali):
    case = assessed(pc_ali, f.needs_sergeant())
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    with pytest.raises(NotAllowed, match="Authority is still needed from: sergeant"):
        s.agree(fresh(case), pc_ali)


def test_a_case_that_is_not_eligible_cannot_be_agreed(pc_ali):
    case = assessed(pc_ali, f.not_eligible())
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    with pytest.raises(NotAllowed, match="not eligible"):
        s.agree(fresh(case), pc_ali)


def test_a_case_without_an_action_cannot_be_agreed(pc_ali):
    with pytest.raises(NotAllowed, match="at least one Community Remedy action"):
        s.agree(assessed(pc_ali), pc_ali)


def test_an_action_due_on_the_last_day_of_the_sixteen_weeks_is_accepted(pc_ali):
    action = s.add_action(
        assessed(pc_ali),
        pc_ali,
        kind="financial_compensation",
        description="Pay 9 pounds.",
        due_date=date(2024, 6, 11),
    )
    assert action.due_date == date(2024, 6, 11)


def test_an_action_due_after_the_sixteen_weeks_is_refused(pc_ali):
    with pytest.raises(NotAllowed, match="cannot be due after 11 June 2024, 16 weeks"):
        s.add_action(
            assessed(pc_ali),
            pc_ali,
            kind="financial_compensation",
            description="Pay 9 pounds.",
            due_date=date(2024, 6, 12),
        )


def test_a_deferred_action_without_a_due_date_is_refused(pc_ali):
    with pytest.raises(Invalid, match="needs a due date"):
        s.add_action(assessed(pc_ali), pc_ali, kind="reparation", description="Repaint.")


def test_after_sixteen_weeks_only_an_instant_outcome_can_be_added(pc_ali):
    late = f.facts(assessed_on="2024-06-20")
    with pytest.raises(NotAllowed, match="only an instant outcome"):
        s.add_action(
            assessed(pc_ali, late),
            pc_ali,
            kind="reparation",
            description="Repaint.",
            due_date=date(2024, 6, 1),
        )


def test_an_action_outside_the_community_remedy_is_refused(pc_ali):
    with pytest.raises(NotAllowed, match="not an action in the Community Remedy"):
        s.add_action(assessed(pc_ali), pc_ali, kind="stocks", description="An hour.")


def test_a_childs_case_cannot_be_agreed_before_a_parent_or_guardian_contact_is_logged(pc_ali):
    with pytest.raises(NotAllowed, match="under 18: log the contact"):
        s.agree(planned(pc_ali, f.child()), pc_ali)


def test_a_childs_case_can_be_agreed_once_a_parent_contact_attempt_is_logged(pc_ali):
    case = planned(pc_ali, f.child())
    s.log_contact(
        case,
        pc_ali,
        party="parent_guardian",
        purpose="before_delivery",
        method="phone",
        outcome="no_answer",
    )
    assert s.agree(fresh(case), pc_ali).state == "agreed"


def test_an_officer_of_another_team_cannot_agree_the_case(pc_ali, outsider):
    with pytest.raises(NotPermitted):
        s.agree(planned(pc_ali), outsider)


def test_actions_in_progress_need_a_deferred_action_pending(pc_ali):
    case = assessed(pc_ali)
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    case = s.agree(fresh(case), pc_ali)
    with pytest.raises(NotAllowed, match="no deferred action"):
        s.start_actions(case, pc_ali)


def test_an_agreed_case_with_a_deferred_action_moves_to_actions_in_progress(pc_ali):
    assert in_progress(pc_ali).state == "actions_in_progress"


def _audited(case) -> list[str]:
    return list(
        AuditEntry.objects.filter(case_id=case.pk).order_by("seq").values_list("action", flat=True)
    )


def test_marking_the_first_deferred_action_done_starts_monitoring_in_the_audit_trail(pc_ali):
    case = assessed(pc_ali)
    for description in ("Pay 9 pounds.", "Pay 5 pounds more."):
        s.add_action(
            fresh(case), pc_ali, kind="financial_compensation", description=description,
            due_date=DUE,
        )  # fmt: skip
    case = s.agree(fresh(case), pc_ali)
    s.complete_action(case, pc_ali, case.actions.order_by("id").first())
    assert fresh(case).state == "actions_in_progress"
    assert _audited(case)[-2:] == ["start_actions", "action_completed"]


def test_marking_the_instant_action_done_starts_monitoring_the_deferred_one(pc_ali):
    case = agreed(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="verbal_apology"))
    assert fresh(case).state == "actions_in_progress"
    assert _audited(case)[-2:] == ["start_actions", "action_completed"]


def test_marking_the_last_action_of_an_agreed_case_done_does_not_start_monitoring(pc_ali):
    case = assessed(pc_ali)
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    case = s.agree(fresh(case), pc_ali)
    s.complete_action(case, pc_ali, case.actions.get())
    assert fresh(case).state == "agreed"
    assert "start_actions" not in _audited(case)
    assert s.complete(fresh(case), pc_ali).state == "completed"


def test_a_refused_mark_does_not_start_monitoring(pc_ali):
    case = agreed(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    s.fail_action(case, pc_ali, apology, reason="Would not say sorry.")
    with pytest.raises(NotAllowed, match="already been marked"):
        s.complete_action(fresh(case), pc_ali, apology)
    assert fresh(case).state == "agreed"
    assert "start_actions" not in _audited(case)


def test_a_case_cannot_be_completed_while_an_action_is_outstanding(pc_ali):
    with pytest.raises(NotAllowed, match="Every action must be completed"):
        s.complete(in_progress(pc_ali), pc_ali)


def test_a_case_is_completed_when_every_action_is_done(pc_ali):
    case = in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(due_date=DUE))
    assert s.complete(fresh(case), pc_ali).state == "completed"


def test_actions_cannot_be_added_once_the_resolution_is_agreed(pc_ali):
    with pytest.raises(NotAllowed, match="before the agreement"):
        s.add_action(agreed(pc_ali), pc_ali, kind="verbal_apology", description="Again.")


def test_the_facts_cannot_change_once_the_resolution_is_agreed(pc_ali):
    with pytest.raises(NotAllowed, match="once the resolution has been agreed"):
        s.update_facts(
            agreed(pc_ali), pc_ali, f.case_facts(f.needs_sergeant()), reason="Found a caution."
        )


def test_non_compliance_is_recorded_with_its_reason(pc_ali):
    case = s.record_non_compliance(in_progress(pc_ali), pc_ali, reason="Did not pay.")
    assert (case.state, case.outcome_reason) == ("non_compliant", "Did not pay.")


def test_non_compliance_bars_a_later_caution_for_the_offence(pc_ali):
    case = s.record_non_compliance(in_progress(pc_ali), pc_ali, reason="Did not pay.")
    assert case.no_alternative_sanction is True


def test_non_compliance_marks_the_outstanding_actions_not_completed(pc_ali):
    case = s.record_non_compliance(in_progress(pc_ali), pc_ali, reason="Did not pay.")
    assert case.actions.get(due_date=DUE).status == "failed"


def test_non_compliance_needs_a_reason(pc_ali):
    with pytest.raises(Invalid, match="how the offender failed"):
        s.record_non_compliance(in_progress(pc_ali), pc_ali, reason="")


def test_non_compliance_cannot_be_recorded_when_every_action_was_done(pc_ali):
    case = in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(due_date=DUE))
    with pytest.raises(NotAllowed, match="no non-compliance"):
        s.record_non_compliance(fresh(case), pc_ali, reason="Late.")


def test_an_action_already_marked_cannot_be_marked_again(pc_ali):
    case = in_progress(pc_ali)
    action = case.actions.get(due_date=DUE)
    s.complete_action(case, pc_ali, action)
    with pytest.raises(NotAllowed, match="already been marked"):
        s.fail_action(fresh(case), pc_ali, action, reason="Changed my mind.")


@pytest.fixture
def twenty_weeks(tmp_path, monkeypatch):
    """A force whose deferred outcomes are due within 20 weeks: 9 July 2024 here."""
    from crs.policy.pack import PACKS_DIR

    default = PACKS_DIR / "o32g-2023-07.toml"
    (tmp_path / "force.toml").write_text(
        f'extends = "{default}"\nversion = "2023-07-force"\n[deadlines]\noutcomes_weeks = 20\n'
    )
    monkeypatch.setenv("CRS_POLICY_PACKS", str(tmp_path))


def test_an_action_after_the_forces_20_weeks_is_refused_naming_20_weeks(pc_ali, twenty_weeks):
    case = assessed(pc_ali)
    s.add_action(case, pc_ali, kind="reparation", description="Repaint.", due_date=date(2024, 7, 9))
    with pytest.raises(NotAllowed, match="cannot be due after 9 July 2024, 20 weeks from"):
        s.add_action(
            fresh(case),
            pc_ali,
            kind="financial_compensation",
            description="Pay 9 pounds.",
            due_date=date(2024, 7, 10),
        )


def test_after_the_forces_20_weeks_the_refusal_says_20_weeks(pc_ali, twenty_weeks):
    late = f.facts(assessed_on="2024-07-20")
    with pytest.raises(NotAllowed, match="The 20 weeks from the offence have passed"):
        s.add_action(
            assessed(pc_ali, late),
            pc_ali,
            kind="reparation",
            description="Repaint.",
            due_date=date(2024, 7, 1),
        )

"""Review and quality assurance (4.3.5, 4.5.1, 4.5.4) and withdrawal."""

import pytest

from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted

from .walk import DUE, assessed, completed, fresh, in_progress, in_qa, in_review, non_compliant


def test_a_completed_case_goes_to_supervisor_review(pc_ali):
    assert s.submit_for_review(completed(pc_ali), pc_ali).state == "supervisor_review"


def test_a_non_compliant_case_goes_to_supervisor_review_once_the_victim_is_told(pc_ali):
    assert s.submit_for_review(non_compliant(pc_ali), pc_ali).state == "supervisor_review"


def test_review_waits_for_the_victim_contact_after_delivery(pc_ali):
    case = assessed(pc_ali)
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    case = s.agree(fresh(case), pc_ali)
    s.complete_action(case, pc_ali, case.actions.get())
    case = s.complete(fresh(case), pc_ali)
    with pytest.raises(NotAllowed, match="after the resolution was delivered"):
        s.submit_for_review(case, pc_ali)


def test_review_waits_for_the_victim_contact_when_the_outcomes_conclude(pc_ali):
    case = in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(due_date=DUE))
    case = s.complete(fresh(case), pc_ali)
    with pytest.raises(NotAllowed, match="when the agreed outcomes concluded"):
        s.submit_for_review(case, pc_ali)


def test_review_of_non_compliance_waits_until_the_victim_is_told(pc_ali):
    case = s.record_non_compliance(in_progress(pc_ali), pc_ali, reason="Did not pay.")
    with pytest.raises(NotAllowed, match="victim was told the offender did not complete"):
        s.submit_for_review(case, pc_ali)


def test_the_officers_sergeant_approves_the_review(pc_ali, sgt_brown):
    assert s.approve_review(in_review(pc_ali), sgt_brown).state == "imu_qa"


def test_the_supervisor_signs_the_1912_when_approving(pc_ali, rev_evans):
    case = s.approve_review(in_review(pc_ali), rev_evans)
    # The others signed before review (walk.record_in_full): approval adds the supervisor's.
    signed = case.signatures.filter(party="supervisor").values_list("party", "name")
    assert list(signed) == [("supervisor", "rev_evans")]


def test_an_officer_cannot_review_their_own_case(sgt_brown):
    with pytest.raises(NotPermitted, match="review your own case"):
        s.approve_review(in_review(sgt_brown), sgt_brown)


def test_a_constable_of_another_team_cannot_review(pc_ali, outsider):
    with pytest.raises(NotPermitted, match="Only a supervisor"):
        s.approve_review(in_review(pc_ali), outsider)


def test_the_imu_accepts_and_closes_the_case(pc_ali, rev_evans, imu_fisher):
    case = s.imu_accept(in_qa(pc_ali, rev_evans), imu_fisher)
    assert (case.state, case.closed_at is not None) == ("closed", True)


def test_the_imu_returns_a_case_to_review_with_reasons(pc_ali, rev_evans, imu_fisher):
    case = s.imu_return(in_qa(pc_ali, rev_evans), imu_fisher, reasons="Victim views missing.")
    assert case.state == "supervisor_review"


def test_the_imu_cannot_return_a_case_without_reasons(pc_ali, rev_evans, imu_fisher):
    with pytest.raises(Invalid, match="why the case is returned"):
        s.imu_return(in_qa(pc_ali, rev_evans), imu_fisher, reasons="")


def test_only_the_imu_can_accept_a_case(pc_ali, rev_evans, sgt_brown):
    with pytest.raises(NotPermitted, match="Only the IMU"):
        s.imu_accept(in_qa(pc_ali, rev_evans), sgt_brown)


def test_an_open_case_can_be_withdrawn_with_a_reason(pc_ali):
    case = s.withdraw(assessed(pc_ali), pc_ali, reason="Charged with a linked offence.")
    assert (case.state, case.outcome_reason) == ("withdrawn", "Charged with a linked offence.")


def test_a_case_cannot_be_withdrawn_without_a_reason(pc_ali):
    with pytest.raises(Invalid, match="why the case is withdrawn"):
        s.withdraw(assessed(pc_ali), pc_ali, reason=" ")


def test_a_closed_case_cannot_be_withdrawn(pc_ali, rev_evans, imu_fisher):
    case = s.imu_accept(in_qa(pc_ali, rev_evans), imu_fisher)
    with pytest.raises(NotAllowed, match="closed cannot be withdrawn"):
        s.withdraw(case, pc_ali, reason="Too late.")


def test_an_officer_of_another_team_cannot_withdraw_the_case(pc_ali, outsider):
    with pytest.raises(NotPermitted):
        s.withdraw(assessed(pc_ali), outsider, reason="Not mine.")

"""Nothing incomplete is signed (4.5.1): the 1912's checklist (crs.cases.checklist), the
refusals of review and approval while it is not done, and returns with reasons."""

from datetime import UTC, datetime

import pytest

from crs.audit.models import AuditEntry
from crs.cases import checklist
from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted
from crs.cases.models import ReviewReturn

from . import facts as f
from .walk import (
    completed,
    concluded,
    fresh,
    in_qa,
    in_review,
    in_review_without_a_victim,
    non_compliant,
    record_in_full,
)


def statuses(case) -> dict[str, str]:
    return {line.key: line.status for line in checklist.lines(fresh(case))}


def test_review_is_refused_while_the_record_is_incomplete_naming_what_is_missing(pc_ali):
    case = concluded(pc_ali)
    with pytest.raises(NotAllowed) as refused:
        s.submit_for_review(case, pc_ali)
    message = str(refused.value)
    for missing in (
        "how the gravity score was arrived at",
        "the victim's views",
        "that the victim was told the actions are voluntary",
        "the victim's signature",
        "the signature of the officer in the case",
    ):
        assert missing in message
    assert "_" not in message  # words, never the records' keys
    assert fresh(case).state == "completed"


def test_review_waits_for_the_last_record_then_goes_ahead(pc_ali):
    case = record_in_full(concluded(pc_ali), pc_ali)
    assert checklist.outstanding(case) == []
    assert s.submit_for_review(case, pc_ali).state == "supervisor_review"


def test_the_officers_own_signature_is_the_last_thing_missing(pc_ali):
    case = concluded(pc_ali)
    s.record_gravity_rationale(case, pc_ali, text="Score 1.")
    for kind in ("acceptance_of_responsibility", "offender_consent", *checklist.TOLD):
        s.add_statement(fresh(case), pc_ali, kind=kind, text="Recorded.")
    s.record_victim_view(
        fresh(case), pc_ali, asked_at=datetime(2024, 2, 21, 10, tzinfo=UTC), method="phone",
        views="Wants the money back.", consents=True, told_voluntary=True,
        told_no_alternative_sanction=True,
    )  # fmt: skip
    for party, name in (("offender", "Avery Ashdown"), ("victim", "Morgan Lee")):
        s.sign(fresh(case), pc_ali, party=party, name=name)
    with pytest.raises(NotAllowed) as refused:
        s.submit_for_review(fresh(case), pc_ali)
    assert str(refused.value) == (
        "The record is not complete. Still to record: the signature of the officer in the case."
    )
    s.sign(fresh(case), pc_ali, party="officer", name="Amir Ali")
    assert s.submit_for_review(fresh(case), pc_ali).state == "supervisor_review"


def test_the_gravity_rationale_is_required_and_recorded_with_what_it_said_before(pc_ali):
    case = concluded(pc_ali)
    assert statuses(case)["gravity_score_rationale"] == checklist.NOT_DONE
    with pytest.raises(Invalid, match="how the gravity score was arrived at"):
        s.record_gravity_rationale(case, pc_ali, text="  ")
    case = s.record_gravity_rationale(case, pc_ali, text="Score 1 from the adult matrix.")
    case = s.record_gravity_rationale(case, pc_ali, text="Score 1; no aggravating factor.")
    assert statuses(case)["gravity_score_rationale"] == checklist.DONE
    entry = AuditEntry.objects.filter(case=case, action="record_gravity_rationale").last()
    assert entry.before == {"gravity_rationale": "Score 1 from the adult matrix."}
    assert entry.after == {"gravity_rationale": "Score 1; no aggravating factor."}


def test_a_gravity_rationale_recorded_as_a_statement_counts_too(pc_ali):
    case = concluded(pc_ali)
    s.add_statement(case, pc_ali, kind="gravity_score_rationale", text="Matrix score 1.")
    assert statuses(case)["gravity_score_rationale"] == checklist.DONE


def test_an_adult_case_without_restorative_justice_shows_what_it_does_not_need(pc_ali):
    got = {line.key: line for line in checklist.lines(concluded(pc_ali))}
    assert got["parent_guardian_contact"].status == checklist.NOT_NEEDED
    assert got["parent_guardian_contact"].note == "The offender is 18 or over."
    assert got["rationale"].status == checklist.NOT_NEEDED
    assert got["restorative_checklist"].status == checklist.NOT_NEEDED
    assert "signature_parent_guardian" not in got


def test_a_claimed_restorative_process_is_a_line_done(pc_ali):
    case = concluded(pc_ali)
    s.record_restorative(case, pc_ali, delivery="level1", victim_shared_views=True)
    assert statuses(case)["restorative_checklist"] == checklist.DONE


def test_a_child_needs_a_parent_or_guardian_contact_and_signature(pc_ali):
    from .walk import assessed

    case = assessed(pc_ali, f.child())
    got = statuses(case)
    assert got["parent_guardian_contact"] == checklist.NOT_DONE
    assert got["signature_parent_guardian"] == checklist.NOT_DONE
    s.log_contact(
        case, pc_ali, party="parent_guardian", purpose="before_delivery", method="phone",
        outcome="spoke",
    )  # fmt: skip
    assert statuses(case)["parent_guardian_contact"] == checklist.DONE


def test_a_victim_who_declined_to_take_part_need_not_sign(pc_ali):
    case = concluded(pc_ali)
    assert statuses(case)["signature_victim"] == checklist.NOT_DONE
    s.log_contact(
        fresh(case), pc_ali, party="victim", purpose="other", method="phone", outcome="declined"
    )
    assert statuses(case)["signature_victim"] == checklist.NOT_NEEDED


def test_a_case_without_an_identifiable_victim_needs_no_victim_lines(pc_ali):
    from .walk import assessed

    case = assessed(pc_ali, f.facts(victim={"kind": "state"}))
    got = statuses(case)
    assert got["victim_views"] == checklist.NOT_NEEDED
    assert not {"victim_told_voluntary", "signature_victim", "victim_contact_after_delivery"} & (
        set(got)
    )


def test_a_supervisor_cannot_approve_a_record_that_became_incomplete(pc_ali, sgt_brown, rev_evans):
    case = in_review_without_a_victim(pc_ali, sgt_brown)
    # A victim is named after submission: the 1912 must now be offered to them too.
    s.add_person(case, pc_ali, role="victim", given_name="Drew", family_name="Lamb")
    with pytest.raises(NotAllowed, match="Still to record: the victim's signature"):
        s.approve_review(fresh(case), rev_evans)
    assert fresh(case).state == "supervisor_review"
    assert not fresh(case).signatures.filter(party="supervisor").exists()


def test_the_supervisor_returns_a_case_to_the_officer_with_reasons(pc_ali, sgt_brown):
    case = s.return_to_officer(in_review(pc_ali), sgt_brown, reasons="Victim's wishes missing.")
    assert case.state == "completed"
    assert case.returned_at is not None
    kept = ReviewReturn.objects.get(case=case)
    assert (kept.by, kept.reasons, kept.returned_by, kept.returned_by_title) == (
        "supervisor",
        "Victim's wishes missing.",
        sgt_brown,
        sgt_brown.title,
    )
    entry = AuditEntry.objects.filter(case=case).last()
    assert (entry.action, entry.why, entry.after["state"]) == (
        "return_from_review",
        "Victim's wishes missing.",
        "completed",
    )


def test_a_case_not_complied_with_is_returned_to_non_compliance(pc_ali, sgt_brown):
    case = s.submit_for_review(non_compliant(pc_ali), pc_ali)
    case = s.return_to_officer(case, sgt_brown, reasons="Say how the victim was told.")
    assert case.state == "non_compliant"


def test_a_return_without_reasons_is_refused(pc_ali, sgt_brown):
    case = in_review(pc_ali)
    with pytest.raises(Invalid, match="Enter what the officer must put right"):
        s.return_to_officer(case, sgt_brown, reasons="  ")
    assert fresh(case).state == "supervisor_review"


def test_the_officer_cannot_return_their_own_case(pc_ali):
    with pytest.raises(NotPermitted, match="review your own case"):
        s.return_to_officer(in_review(pc_ali), pc_ali, reasons="Nothing.")


def test_a_returned_case_resubmitted_is_no_longer_marked_returned(pc_ali, sgt_brown):
    case = s.return_to_officer(in_review(pc_ali), sgt_brown, reasons="Sign it again.")
    case = s.submit_for_review(case, pc_ali)
    assert (case.state, case.returned_at) == ("supervisor_review", None)
    assert ReviewReturn.objects.filter(case=case).count() == 1  # kept, as written


def test_an_imu_return_marks_the_case_returned_until_a_supervisor_approves(
    pc_ali, rev_evans, imu_fisher
):
    case = s.imu_return(in_qa(pc_ali, rev_evans), imu_fisher, reasons="No victim signature.")
    assert case.state == "supervisor_review"
    assert case.returned_at is not None
    assert ReviewReturn.objects.get(case=case).by == "imu"
    case = s.approve_review(case, rev_evans, note="Signed again.")
    assert (case.state, case.returned_at) == ("imu_qa", None)


def test_the_walked_case_leaves_nothing_outstanding(pc_ali):
    assert checklist.refusal(completed(pc_ali)) is None

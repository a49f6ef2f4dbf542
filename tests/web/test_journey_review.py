"""Restorative justice and the 4.5.3 checklist, supervisor review (4.5.1), IMU quality
assurance (4.5.4) and withdrawal, in the browser."""

from __future__ import annotations

from django.urls import reverse

from crs.cases.models import RestorativeJustice

from ..cases import walk


def url(name, case):
    return reverse(f"journeys:{name}", args=[case.pk])


def test_level_1_restorative_justice_with_the_whole_checklist_counts(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    response = client.post(
        url("restorative", case),
        {
            "delivery": "level1",
            "checklist": [
                "offender_accepted_responsibility",
                "offender_understood_effect",
                "victim_shared_views",
                "victim_questions_answered",
            ],
            "version": case.version,
        },
    )
    assert response.status_code == 302
    rj = RestorativeJustice.objects.get(case=case)
    assert (rj.delivery, rj.restorative_process_used) == ("level1", True)


def test_part_of_the_checklist_does_not_count_as_a_restorative_process(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    client.post(
        url("restorative", case),
        {"delivery": "level1", "checklist": ["victim_shared_views"], "version": case.version},
    )
    assert RestorativeJustice.objects.get(case=case).restorative_process_used is False


def test_a_referral_to_the_rj_officer_needs_a_reason(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    page = client.post(
        url("restorative", case), {"delivery": "referred", "version": case.version}
    ).content.decode()
    assert (
        '<a href="#id_referral_note">Enter why the case was referred to the RJ officer.</a>' in page
    )


def test_an_officer_not_trained_cannot_record_level_1(client, pc_ali, insp_carr):
    case = walk.agreed(pc_ali)
    client.force_login(insp_carr)  # supervises the team; not trained to RJ level 1
    page = client.post(
        url("restorative", case), {"delivery": "level1", "version": case.version}
    ).content.decode()
    assert (
        '<a href="#id_delivery">Only an officer trained to Restorative Justice level 1 can '
        "deliver it.</a>" in page
    )


def test_submitting_for_review_before_the_victim_is_told_is_refused(client, pc_ali):
    case = walk.in_progress(pc_ali)
    client.force_login(pc_ali)
    for action in case.actions.filter(status="pending"):
        client.post(
            reverse("journeys:action_done", args=[case.pk, action.pk]),
            {"version": walk.fresh(case).version},
        )
    client.post(url("complete", case), {"version": walk.fresh(case).version})
    case = walk.fresh(case)
    page = client.post(url("submit_review", case), {"version": case.version}).content.decode()
    assert "Log the contact with the victim when the agreed outcomes concluded." in page
    assert walk.fresh(case).state == "completed"


def test_the_officer_submits_and_a_supervisor_approves_and_signs(client, pc_ali, rev_evans):
    case = walk.completed(pc_ali)
    client.force_login(pc_ali)
    client.post(url("submit_review", case), {"version": case.version, "note": "All done."})
    case = walk.fresh(case)
    assert case.state == "supervisor_review"
    client.force_login(rev_evans)
    client.post(url("review", case), {"version": case.version, "note": "1912 complete."})
    case = walk.fresh(case)
    assert case.state == "imu_qa"
    assert case.signatures.filter(party="supervisor").exists()


def test_the_officer_cannot_review_their_own_case(client, pc_ali):
    case = walk.in_review(pc_ali)
    client.force_login(pc_ali)
    response = client.post(url("review", case), {"version": case.version})
    assert response.status_code == 403
    assert "You cannot review your own case." in response.content.decode()


def test_the_imu_accepts_and_the_case_closes(client, pc_ali, rev_evans, imu_fisher):
    case = walk.in_qa(pc_ali, rev_evans)
    client.force_login(imu_fisher)
    client.post(url("quality", case), {"decision": "accept", "version": case.version})
    assert walk.fresh(case).state == "closed"


def test_the_imu_returns_a_case_only_with_reasons(client, pc_ali, rev_evans, imu_fisher):
    case = walk.in_qa(pc_ali, rev_evans)
    client.force_login(imu_fisher)
    page = client.post(
        url("quality", case), {"decision": "return", "version": case.version}
    ).content.decode()
    assert '<a href="#id_reasons">Enter why the case is returned.</a>' in page
    client.post(
        url("quality", case),
        {"decision": "return", "reasons": "Victim views missing.", "version": case.version},
    )
    assert walk.fresh(case).state == "supervisor_review"


def test_only_the_imu_can_quality_assure(client, pc_ali, rev_evans, sgt_brown):
    case = walk.in_qa(pc_ali, rev_evans)
    client.force_login(sgt_brown)
    page = client.get(url("quality", case)).content.decode()
    assert "Only the IMU quality assurers can accept or return a case." in page
    assert 'name="decision"' not in page


def test_withdrawal_needs_a_reason(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = client.post(url("withdraw", case), {"version": case.version}).content.decode()
    assert '<a href="#id_reason">Enter why the case is withdrawn.</a>' in page
    client.post(url("withdraw", case), {"version": case.version, "reason": "Victim withdrew."})
    case = walk.fresh(case)
    assert (case.state, case.outcome_reason) == ("withdrawn", "Victim withdrew.")


def test_a_closed_case_cannot_be_withdrawn(client, pc_ali, rev_evans, imu_fisher):
    case = walk.closed(pc_ali, rev_evans, imu_fisher)
    client.force_login(pc_ali)
    page = client.get(url("withdraw", case)).content.decode()
    assert "This case is already closed." in page

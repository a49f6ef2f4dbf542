"""Restorative justice and the 4.5.3 checklist, supervisor review (4.5.1), IMU quality
assurance (4.5.4) and withdrawal, in the browser."""

from __future__ import annotations

from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.cases import services as s
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


def actions_done(owner, *, unsigned=("officer",)):
    """Every action done and the case completed, the 1912 written but for how the victim was
    told the outcomes concluded and the `unsigned` signatures."""
    case = walk.in_progress(owner)
    s.complete_action(case, owner, case.actions.get(kind="financial_compensation"))
    return walk.record_in_full(s.complete(walk.fresh(case), owner), owner, unsigned=unsigned)


def audited(case) -> int:
    return AuditEntry.objects.filter(case_id=case.pk).count()


def test_send_for_review_asks_how_the_victim_was_told_when_it_is_not_logged(client, pc_ali):
    case = actions_done(pc_ali)
    client.force_login(pc_ali)
    page = client.post(url("submit_review", case), {"version": case.version}).content.decode()
    assert "How did you tell the victim the actions are complete?" in page
    assert '<a href="#id_told_victim_by">Select how you told the victim</a>' in page
    assert walk.fresh(case).state == "completed"


def test_send_for_review_logs_how_the_victim_was_told_and_signs_as_the_officer(client, pc_ali):
    case = actions_done(pc_ali)
    client.force_login(pc_ali)
    page = client.get(url("submit_review", case)).content.decode()
    assert "Sign and send for review" in page
    assert "signs the 1912 as Amir Ali, the officer in the case." in page
    response = client.post(
        url("submit_review", case),
        {"version": case.version, "told_victim_by": "email", "note": ""},
    )
    assert response.status_code == 302
    case = walk.fresh(case)
    assert case.state == "supervisor_review"
    told = case.contacts.get(party="victim", purpose="on_conclusion")
    assert (told.method, told.outcome, told.made_by) == ("email", "spoke", pc_ali)
    assert case.signatures.get(party="officer").name == "Amir Ali"
    entries = AuditEntry.objects.filter(case_id=case.pk).order_by("seq")
    assert list(entries.values_list("action", flat=True))[-3:] == [
        "log_contact",
        "sign",
        "submit_for_review",
    ]


def test_send_for_review_refused_writes_nothing_and_keeps_the_answer(client, pc_ali):
    case = walk.in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="financial_compensation"))
    case = s.complete(walk.fresh(case), pc_ali)  # the victim's views are not recorded
    before = audited(case)
    client.force_login(pc_ali)
    response = client.post(
        url("submit_review", case), {"version": case.version, "told_victim_by": "letter"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "The record is not complete. Still to record:" in page
    assert 'value="letter" checked' in page.replace('checked=""', "checked")
    case = walk.fresh(case)
    assert case.state == "completed"
    assert not case.contacts.filter(purpose="on_conclusion").exists()
    assert not case.signatures.filter(party="officer").exists()
    assert audited(case) == before


def test_the_checklist_counts_what_sending_records_as_not_blocking(client, pc_ali):
    case = actions_done(pc_ali)
    client.force_login(pc_ali)
    page = client.get(url("submit_review", case)).content.decode()
    assert "this page records the rest as you send the case" in page
    assert page.count("Recorded when you send the case for review.") == 2
    # Shown, and not as a link to another page to record them there.
    for line in ("Telling the victim the outcomes concluded", "Your signature, as the officer"):
        assert f"<div>{line}" in page
        assert f">{line}" not in page.replace(f"<div>{line}", "")


def test_nothing_is_asked_or_signed_once_the_victim_is_told_and_the_officer_signed(client, pc_ali):
    case = walk.completed(pc_ali)
    client.force_login(pc_ali)
    page = client.get(url("submit_review", case)).content.decode()
    assert "How did you tell the victim" not in page
    assert "Sign and send for review" not in page
    assert "Everything the record needs is done." in page


def test_another_officer_sending_the_case_does_not_sign_for_the_officer_in_it(
    client, pc_ali, sgt_brown
):
    case = actions_done(pc_ali)
    client.force_login(sgt_brown)
    page = client.get(url("submit_review", case)).content.decode()
    assert "Sign and send for review" not in page
    assert "How did you tell the victim the actions are complete?" in page


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

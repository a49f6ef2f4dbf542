"""The agreement and its Community Remedy actions in the browser (4.3.5, 4.4, 4.6.1).

The offence was on 20 February 2024, so deferred actions are due by 11 June 2024.
"""

from __future__ import annotations

from django.urls import reverse

from crs.cases import services as s
from crs.cases.models import RemedyAction, Signature, Statement

from ..cases import facts as f
from ..cases import walk


def actions_url(case):
    return reverse("journeys:actions", args=[case.pk])


def add(client, case, kind="financial_compensation", description="Pay 9 pounds.", due=None):
    data = {"kind": kind, "description": description, "version": case.version}
    if due:
        data.update({"due_date-day": due[0], "due_date-month": due[1], "due_date-year": due[2]})
    return client.post(actions_url(case), data)


AGREEMENT = {
    "acceptance": "Said: I took it and I'm sorry.",
    "consent": "Agreed to pay and apologise.",
    "offender_signature": "Sam Smith",
}


def agree(client, case, **extra):
    return client.post(
        reverse("journeys:agree", args=[case.pk]),
        {**AGREEMENT, "version": case.version, **extra},
    )


def test_the_actions_page_lists_the_community_remedy_and_the_deadline(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = client.get(actions_url(case)).content.decode()
    assert "Verbal apology to the victim" in page
    assert "must be complete by <strong>11 June 2024</strong>" in page


def test_an_action_due_within_16_weeks_is_added(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    response = add(client, case, due=("1", "5", "2024"))
    assert response.status_code == 302
    action = case.actions.get()
    assert (action.kind, str(action.due_date), action.instant) == (
        "financial_compensation",
        "2024-05-01",
        False,
    )


def test_an_action_due_after_the_16_weeks_is_refused_naming_the_date(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = add(client, case, due=("12", "6", "2024")).content.decode()
    assert "<title>Error: " in page
    assert (
        '<a href="#id_due_date-day">An action cannot be due after 11 June 2024, 16 weeks from '
        "the date of the offence (4.4.4).</a>" in page
    )
    assert not case.actions.exists()


def test_a_deferred_action_without_a_due_date_is_refused(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = add(client, case).content.decode()
    assert '<a href="#id_due_date-day">A deferred action needs a due date (4.4.4).</a>' in page


def test_an_action_without_a_description_is_refused(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = add(client, case, kind="verbal_apology", description="").content.decode()
    assert '<a href="#id_description">Enter what the offender will do.</a>' in page


def test_agreeing_records_acceptance_consent_and_the_offenders_signature(client, pc_ali):
    case = walk.planned(pc_ali)
    client.force_login(pc_ali)
    response = agree(client, case)
    assert response.status_code == 302
    case = walk.fresh(case)
    assert case.state == "agreed"
    kinds = dict(case.statements.values_list("kind", "text"))
    assert kinds == {
        "acceptance_of_responsibility": AGREEMENT["acceptance"],
        "offender_consent": AGREEMENT["consent"],
    }
    signature = case.signatures.get()
    assert (signature.party, signature.name) == (Signature.Party.OFFENDER, "Sam Smith")


def test_agreeing_without_the_offenders_consent_recorded_is_refused(client, pc_ali):
    case = walk.planned(pc_ali)
    client.force_login(pc_ali)
    page = agree(client, case, consent="").content.decode()
    assert '<a href="#id_consent">Enter the offender&#x27;s consent</a>' in page
    assert walk.fresh(case).state == "assessed"


def test_a_child_cannot_agree_before_a_parent_or_guardian_contact_is_logged(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    client.force_login(pc_ali)
    response = agree(client, case)
    page = response.content.decode()
    assert "<title>Error: " in page
    assert (
        "The offender is under 18: log the contact (or attempts to contact) a parent or "
        "guardian before agreeing the resolution (3.4.2)." in page
    )
    case = walk.fresh(case)
    assert case.state == "assessed"
    assert not Statement.objects.filter(case=case).exists()
    assert not Signature.objects.filter(case=case).exists()


def test_a_child_agrees_once_a_parent_or_guardian_contact_is_logged(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    case = s.log_contact(
        case,
        pc_ali,
        party="parent_guardian",
        purpose="before_delivery",
        method="phone",
        outcome="spoke",
    ).case
    client.force_login(pc_ali)
    agree(client, case, parent_signature="Pat Smith")
    case = walk.fresh(case)
    assert case.state == "agreed"
    assert set(case.signatures.values_list("party", flat=True)) == {"offender", "parent_guardian"}


def test_an_action_is_marked_done(client, pc_ali):
    case = walk.agreed(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    client.force_login(pc_ali)
    response = client.post(
        reverse("journeys:action_done", args=[case.pk, apology.pk]), {"version": case.version}
    )
    assert response.status_code == 302
    assert RemedyAction.objects.get(pk=apology.pk).status == "completed"


def done(client, case, action):
    return client.post(
        reverse("journeys:action_done", args=[case.pk, action.pk]),
        {"version": walk.fresh(case).version},
    )


def test_marking_an_action_done_with_another_to_follow_starts_monitoring(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    response = done(client, case, case.actions.get(instant=True))
    assert response["Location"] == actions_url(case)
    assert walk.fresh(case).state == "actions_in_progress"


def test_marking_the_last_action_done_completes_the_case_and_goes_to_send_for_review(
    client, pc_ali
):
    case = walk.in_progress(pc_ali)
    client.force_login(pc_ali)
    response = done(client, case, case.actions.get(instant=False))
    assert response["Location"] == reverse("journeys:submit_review", args=[case.pk])
    assert walk.fresh(case).state == "completed"
    page = client.get(response["Location"]).content.decode()
    assert "Every action is done and the case is completed." in page


def test_the_case_completed_by_the_last_action_says_what_is_still_to_record(client, pc_ali):
    case = walk.in_progress(pc_ali)
    client.force_login(pc_ali)
    response = done(client, case, case.actions.get(instant=False))
    page = client.get(response["Location"]).content.decode()
    assert (
        "Still to record before you send it for review: how the gravity score was arrived "
        "at; the victim&#x27;s views; that the victim was told the actions are voluntary; "
        "and 7 more in the checklist below." in page
    )
    # What the send for review page records itself is not sent elsewhere.
    message = page[page.index("Still to record before") :].split("</", 1)[0]
    assert "telling the victim" not in message
    assert "signature of the officer" not in message


def test_the_last_action_of_an_agreed_case_done_completes_it(client, pc_ali):
    case = walk.assessed(pc_ali)
    s.add_action(case, pc_ali, kind="verbal_apology", description="Apologise.")
    case = s.agree(walk.fresh(case), pc_ali)
    client.force_login(pc_ali)
    response = done(client, case, case.actions.get())
    assert response["Location"] == reverse("journeys:submit_review", args=[case.pk])
    assert walk.fresh(case).state == "completed"


def test_start_monitoring_is_offered_only_while_there_is_nothing_to_mark(client, pc_ali):
    client.force_login(pc_ali)
    with_apology = walk.agreed(pc_ali)
    assert (
        "Start monitoring the actions" not in client.get(actions_url(with_apology)).content.decode()
    )
    case = walk.assessed(pc_ali, ref="CR/0002/24")
    s.add_action(
        case, pc_ali, kind="financial_compensation", description="Pay 9 pounds.", due_date=walk.DUE
    )
    case = s.agree(walk.fresh(case), pc_ali)
    assert "Start monitoring the actions" in client.get(actions_url(case)).content.decode()
    client.post(reverse("journeys:start_actions", args=[case.pk]), {"version": case.version})
    assert walk.fresh(case).state == "actions_in_progress"


def test_the_complete_button_still_completes_a_case_every_action_of_which_is_done(client, pc_ali):
    case = walk.in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(instant=False))
    client.force_login(pc_ali)
    client.post(reverse("journeys:complete", args=[case.pk]), {"version": walk.fresh(case).version})
    assert walk.fresh(case).state == "completed"


def test_completing_with_an_action_still_pending_is_refused(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    response = client.post(reverse("journeys:complete", args=[case.pk]), {"version": case.version})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Every action must be completed first." in page


def test_an_action_not_done_needs_what_failed(client, pc_ali):
    case = walk.in_progress(pc_ali)
    deferred = case.actions.get(instant=False)
    client.force_login(pc_ali)
    url = reverse("journeys:action_failed", args=[case.pk, deferred.pk])
    page = client.post(url, {"version": case.version, "reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter what failed.</a>' in page
    client.post(url, {"version": case.version, "reason": "Did not pay."})
    assert RemedyAction.objects.get(pk=deferred.pk).status == "failed"


def test_non_compliance_is_recorded_and_no_caution_can_follow(client, pc_ali):
    case = walk.in_progress(pc_ali)
    client.force_login(pc_ali)
    url = reverse("journeys:non_compliance", args=[case.pk])
    assert "No alternative sanction, such as a caution" in client.get(url).content.decode()
    response = client.post(url, {"version": case.version, "reason": "Did not pay by 1 May."})
    assert response["Location"] == reverse("journeys:contacts", args=[case.pk])
    case = walk.fresh(case)
    assert (case.state, case.no_alternative_sanction) == ("non_compliant", True)


def test_non_compliance_without_a_reason_is_refused(client, pc_ali):
    case = walk.in_progress(pc_ali)
    client.force_login(pc_ali)
    url = reverse("journeys:non_compliance", args=[case.pk])
    page = client.post(url, {"version": case.version}).content.decode()
    assert "Enter how the offender failed to comply." in page


def test_an_officer_of_another_team_cannot_see_the_actions(client, pc_ali, outsider):
    case = walk.assessed(pc_ali)
    client.force_login(outsider)
    assert client.get(actions_url(case)).status_code == 404


def test_a_description_with_markup_is_shown_escaped(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    add(client, case, kind="verbal_apology", description="<b>Say sorry</b>")
    page = client.get(actions_url(case)).content.decode()
    assert "&lt;b&gt;Say sorry&lt;/b&gt;" in page


def test_a_link_to_a_buttons_address_leads_to_the_actions_page(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    for name in ("start_actions", "complete"):
        response = client.get(reverse(f"journeys:{name}", args=[case.pk]))
        assert response["Location"] == actions_url(case)
    assert walk.fresh(case).state == "agreed"


def force_pack(tmp_path, monkeypatch, deadlines: str) -> None:
    """The force's own packs in place of the shipped ones: the SOP's, with other deadlines."""
    from crs.policy.pack import PACKS_DIR

    (tmp_path / "force.toml").write_text(
        f'extends = "{PACKS_DIR / "o32g-2023-07.toml"}"\nversion = "2023-07-force"\n'
        f"[deadlines]\n{deadlines}\n"
    )
    monkeypatch.setenv("CRS_POLICY_PACKS", str(tmp_path))


def test_under_a_force_pack_of_20_weeks_the_actions_page_says_20_weeks(
    client, pc_ali, tmp_path, monkeypatch
):
    """Issue 15: the page said 16 weeks whatever the pack; this force's limit is 20 weeks."""
    force_pack(tmp_path, monkeypatch, "outcomes_weeks = 20")
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = client.get(actions_url(case)).content.decode()
    assert "must be complete by <strong>9 July 2024</strong>, 20 weeks from the date" in page
    assert "No later than 9 July 2024, 20 weeks from the date of the offence" in page
    refused = add(client, case, due=("10", "7", "2024")).content.decode()
    assert "An action cannot be due after 9 July 2024, 20 weeks from the date" in refused
    assert "16 weeks" not in page + refused


def test_the_agree_page_for_a_child_says_a_parent_is_informed_within_24_hours(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    client.force_login(pc_ali)
    page = client.get(reverse("journeys:agree", args=[case.pk])).content.decode()
    assert "they must be informed within 24 hours (3.4.3)." in page


def test_under_a_force_pack_of_48_hours_the_agree_page_says_48_hours(
    client, pc_ali, tmp_path, monkeypatch
):
    force_pack(tmp_path, monkeypatch, "parent_guardian_hours = 48")
    case = walk.planned(pc_ali, f.child())
    client.force_login(pc_ali)
    page = client.get(reverse("journeys:agree", args=[case.pk])).content.decode()
    assert "they must be informed within 48 hours (3.4.3)." in page

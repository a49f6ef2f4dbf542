"""The 1912 as a checklist on the case page, the page that records what it lacks, the
refusal to send an incomplete case for review, and the supervisor's review that approves or
returns (4.5.1), in the browser's pages."""

from __future__ import annotations

import re

from django.urls import reverse

from crs.cases import services as s

from ..cases import walk


def url(name, case):
    return reverse(f"journeys:{name}", args=[case.pk])


def case_page(client, case) -> str:
    return client.get(reverse("case_detail", args=[case.pk])).content.decode()


def checklist_of(page: str) -> dict[str, str]:
    """{line: status} of the page's checklist, as a person reads them."""
    found = {}
    for item in re.findall(r'<li class="govuk-task-list__item.*?</li>', page, re.S):
        name = re.search(r'(?:govuk-task-list__link"[^>]*>|<div>)(.*?)</', item, re.S).group(1)
        status = re.search(r'govuk-task-list__status[^"]*"[^>]*>(.*?)</div>', item, re.S).group(1)
        found[name.strip().replace("&#x27;", "'")] = re.sub(r"<[^>]+>", "", status).strip()
    return found


def test_the_case_page_shows_the_1912_as_a_checklist_linking_where_each_is_recorded(client, pc_ali):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    page = case_page(client, case)
    lines = checklist_of(page)
    assert lines["How the gravity score was arrived at"] == "Not done"
    assert lines["The victim's views"] == "Not done"
    assert lines["Your signature, as the officer in the case"] == "Not done"
    assert lines["Contact with the victim after the delivery"] == "Done"
    assert lines["The actions and their timescales"] == "Done"
    assert lines["Contact with a parent or guardian"] == "Not needed"
    assert "The offender is 18 or over." in page
    assert f'href="{url("records", case)}#id_gravity_rationale"' in page
    assert f'href="{url("victim", case)}"' in page
    assert f'href="{url("signatures", case)}"' in page
    assert "What the 1912 must record" not in page  # the collapsed list it replaces


def test_the_checklist_says_no_key_code_or_dotted_path(client, pc_ali):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    section = case_page(client, case).split('id="the-checklist"')[1].split('id="assessment"')[0]
    text = re.sub(r"<[^>]+>", " ", section)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b", text)


def test_someone_who_cannot_work_on_the_case_sees_the_checklist_without_links(
    client, pc_ali, imu_fisher
):
    case = walk.concluded(pc_ali)
    client.force_login(imu_fisher)
    page = case_page(client, case)
    assert checklist_of(page)["The victim's views"] == "Not done"
    assert "govuk-task-list__link" not in page


def test_sending_an_incomplete_case_for_review_is_refused_naming_what_is_missing(client, pc_ali):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    page = client.post(url("submit_review", case), {"version": case.version}).content.decode()
    assert "The record is not complete. Still to record: how the gravity score was" in page
    assert "govuk-task-list" in page  # the checklist is on the page
    assert walk.fresh(case).state == "completed"


def test_the_records_page_records_the_gravity_rationale_and_what_the_offender_was_told(
    client, pc_ali
):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    form = client.get(url("records", case)).content.decode()
    assert "How was the gravity score arrived at?" in form
    assert "They will be named on the crime report (4.3.4)" in form
    response = client.post(
        url("records", case),
        {
            "version": case.version,
            "gravity_rationale": "Adult matrix, score 1.",
            "acceptance_of_responsibility": "I took it, I am sorry.",
            "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        },
    )
    assert response.status_code == 302
    case = walk.fresh(case)
    assert case.gravity_rationale == "Adult matrix, score 1."
    assert set(case.statements.values_list("kind", flat=True)) == {
        "acceptance_of_responsibility",
        "dbs_disclosure_explained",
        "offender_told_named_on_crime_report",
    }
    lines = checklist_of(case_page(client, case))
    assert lines["How the gravity score was arrived at"] == "Done"
    assert lines["That the offender was told of enhanced DBS disclosure"] == "Done"
    assert lines["The offender's consent"] == "Not done"


def test_the_records_page_keeps_what_is_recorded_and_writes_only_a_change(client, pc_ali):
    case = s.record_gravity_rationale(walk.concluded(pc_ali), pc_ali, text="Score 1.")
    client.force_login(pc_ali)
    assert "Score 1.</textarea>" in client.get(url("records", case)).content.decode()
    client.post(
        url("records", case),
        {"version": case.version, "gravity_rationale": "Score 1.", "offender_consent": "Agreed."},
    )
    actions = list(walk.fresh(case).audit_entries.values_list("action", flat=True))
    assert actions.count("record_gravity_rationale") == 1
    assert actions.count("add_statement") == 1


def test_saving_the_records_page_with_nothing_new_is_refused(client, pc_ali):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    response = client.post(url("records", case), {"version": case.version})
    assert response.status_code == 200
    assert "Enter at least one record, or go back to the case" in response.content.decode()


def test_the_review_page_shows_the_record_and_its_checklist(client, pc_ali, sgt_brown):
    case = walk.in_review(pc_ali)
    client.force_login(sgt_brown)
    page = client.get(url("review", case)).content.decode()
    assert 'id="review-record"' in page
    assert "Wants an apology and the money back." in page  # the victim's views
    assert "Avery Ashdown" in page  # who signed
    assert checklist_of(page)["The victim's views"] == "Done"
    assert "Approve and sign" in page and "Return to the officer" in page


def test_a_blank_review_is_refused(client, pc_ali, sgt_brown):
    case = walk.in_review(pc_ali)
    client.force_login(sgt_brown)
    page = client.post(
        url("review", case), {"version": case.version, "decision": "approve"}
    ).content.decode()
    assert '<a href="#id_note">Enter your review</a>' in page
    assert walk.fresh(case).state == "supervisor_review"


def test_a_return_without_reasons_is_refused_on_the_review_page(client, pc_ali, sgt_brown):
    case = walk.in_review(pc_ali)
    client.force_login(sgt_brown)
    page = client.post(
        url("review", case), {"version": case.version, "decision": "return", "note": " "}
    ).content.decode()
    assert '<a href="#id_note">Enter what the officer must put right</a>' in page
    assert walk.fresh(case).state == "supervisor_review"


def test_the_supervisor_returns_the_case_and_the_officer_sees_why(client, pc_ali, sgt_brown):
    case = walk.in_review(pc_ali)
    client.force_login(sgt_brown)
    response = client.post(
        url("review", case),
        {"version": case.version, "decision": "return", "note": "Add the victim's wishes."},
    )
    assert response.status_code == 302
    assert walk.fresh(case).state == "completed"
    client.force_login(pc_ali)
    page = case_page(client, case)
    assert "The supervisor returned this case" in page
    assert "Add the victim&#x27;s wishes." in page
    home = client.get("/").content.decode()
    assert home.index('id="returned-to-you"') < home.index("My open cases")
    assert case.crime_reference in home.split('id="returned-cases"')[1].split("</ul>")[0]


def test_an_incomplete_record_cannot_be_approved_and_offers_only_a_return(
    client, pc_ali, sgt_brown, rev_evans
):
    case = walk.in_review_without_a_victim(pc_ali, sgt_brown)
    s.add_person(case, pc_ali, role="victim", given_name="Drew", family_name="Lamb")
    case = walk.fresh(case)
    client.force_login(rev_evans)
    page = client.get(url("review", case)).content.decode()
    assert "The record is not complete, so you cannot approve it." in page
    assert "Approve and sign" not in page
    page = client.post(
        url("review", case), {"version": case.version, "note": "Looks fine."}
    ).content.decode()
    assert "Still to record:" in page
    assert walk.fresh(case).state == "supervisor_review"


def test_an_imu_return_shows_its_reasons_to_the_supervisor_reviewing_again(
    client, pc_ali, rev_evans, imu_fisher
):
    case = s.imu_return(walk.in_qa(pc_ali, rev_evans), imu_fisher, reasons="No victim contact.")
    client.force_login(rev_evans)
    page = client.get(url("review", case)).content.decode()
    assert "The IMU returned this case" in page
    assert "No victim contact." in page


def test_what_the_offender_was_told_is_ticked_when_the_resolution_is_agreed(client, pc_ali):
    case = walk.planned(pc_ali)
    client.force_login(pc_ali)
    response = client.post(
        url("agree", case),
        {
            "version": case.version,
            "acceptance": "I took it.",
            "consent": "Agrees to apologise and pay.",
            "offender_signature": "Avery Ashdown",
            "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        },
    )
    assert response.status_code == 302
    lines = checklist_of(case_page(client, case))
    assert lines["That the offender was told of enhanced DBS disclosure"] == "Done"
    assert lines["That the offender was told they will be named on the crime report"] == "Done"
    assert lines["How the offender accepted responsibility"] == "Done"
    assert lines["The offender's signature"] == "Done"


def test_the_imu_sees_the_checklist_it_quality_assures(client, pc_ali, rev_evans, imu_fisher):
    case = walk.in_qa(pc_ali, rev_evans)
    client.force_login(imu_fisher)
    lines = checklist_of(client.get(url("quality", case)).content.decode())
    assert lines["The supervisor's review and signature"] == "Done"
    assert lines["The victim's views"] == "Done"


def test_what_the_offender_was_told_is_listed_once_recorded_and_not_offered_again(client, pc_ali):
    case = walk.concluded(pc_ali)
    s.add_statement(case, pc_ali, kind="dbs_disclosure_explained", text="Told.")
    client.force_login(pc_ali)
    page = client.get(url("records", case)).content.decode()
    told = page.split('id="told-already"')[1].split("</ul>")[0]
    assert "enhanced DBS check" in told
    assert 'value="dbs_disclosure_explained"' not in page
    assert 'value="offender_told_named_on_crime_report"' in page

"""The guided assessment in the browser: start a case, one question a page, check, save.

Today is frozen at 1 March 2024 for the assessment (the door decides what today
is); the offence was on 20 February 2024. Each test builds its answers
explicitly, from one adult shop theft.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from crs.cases.models import AssessmentDraft, Case, Person
from crs.policy.pages import STATUS
from crs.web.journeys import assessment
from tests.answers import adult_shop_theft

TODAY = date(2024, 3, 1)

# An eligible adult shop theft, every question answered (the officer's facts come from pc_ali).
THEFT = {**adult_shop_theft(offence_date="2024-02-20"), "offender.previous_outcomes": "none"}


@pytest.fixture(autouse=True)
def on_1_march_2024(monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: TODAY)


def form_data(field: str, value: str) -> dict:
    """What a page posts for one answer written as apply_answer reads it (each question's
    inputs are named after its fact)."""
    name = f"{field}-answer"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = value.split("-")
        return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}
    if field == "offender.previous_outcomes":
        if value == "none":
            return {name: "no"}
        counts: dict[str, int] = {}
        for kind in value.split(","):
            counts[kind] = counts.get(kind, 0) + 1
        return {name: "yes", **{f"{field}-count-{k}": str(n) for k, n in counts.items()}}
    return {name: value}


def on_page(html: str) -> list[tuple[str, str]]:
    """The questions a page asks, in order: (fact, "") for a question, (fact, choices) for
    each box of a "Select all that apply" (but "None of these")."""
    asked = []
    for name, value in re.findall(r'name="([^"]+)"(?: type="checkbox" value="([^"]+)")?', html):
        if name.endswith("-checks"):
            if value != "none":
                asked.append((value, name))
        elif name.endswith("-answer") or name.endswith("-answer-day"):
            asked.append((name.split("-answer")[0], ""))
    return list(dict.fromkeys(asked))  # a radio per option


def page_data(html: str, answers: dict) -> tuple[list[str], dict]:
    """The facts a page asks and what it posts for `answers` (fact -> typed answer)."""
    fields, data = [], {}
    for field, choices in on_page(html):
        assert field in answers, f"asked {field}, which the test does not answer"
        fields.append(field)
        if choices:
            ticked = data.setdefault(choices, [])
            if answers[field] == "yes":
                ticked.append(field)
        else:
            data.update(form_data(field, answers[field]))
    for key, value in data.items():
        if isinstance(value, list) and not value:
            data[key] = ["none"]
    return fields, data


def start(client, ref="CR/100/24", dob=("31", "1", "1990"), description="Theft of a charger"):
    response = client.post(
        reverse("journeys:open_case"),
        {
            "crime_reference": ref,
            "given_name": "Sam",
            "family_name": "Smith",
            "date_of_birth-day": dob[0],
            "date_of_birth-month": dob[1],
            "date_of_birth-year": dob[2],
            "description": description,
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Case.objects.get(crime_reference=ref)


def answer_all(client, case, answers: dict) -> list[str]:
    """Follow the pages of questions until check your answers; return the facts asked, in
    order."""
    asked = []
    url = reverse("journeys:assessment", args=[case.pk])
    check = reverse("journeys:check_answers", args=[case.pk])
    for _ in range(30):
        response = client.get(url)
        assert response.status_code == 302
        url = response["Location"]
        if url == check:
            return asked
        fields, data = page_data(client.get(url).content.decode(), answers)
        asked += fields
        posted = client.post(url, data)
        assert posted.status_code == 302, posted.content.decode()
        url = posted["Location"]
    raise AssertionError("the questions never ended")


def save(client, case, **extra):
    return client.post(reverse("journeys:check_answers", args=[case.pk]), extra)


@pytest.fixture
def ali(client, pc_ali):
    client.force_login(pc_ali)
    return client


def test_starting_a_case_opens_it_in_draft_with_the_offender(ali, pc_ali):
    case = start(ali)
    assert (case.state, case.owner) == ("draft", pc_ali)
    assert "offender" not in case.facts  # the date of birth is the offender's alone (0011)
    offender = case.people.get()
    assert (offender.role, offender.given_name, offender.family_name) == (
        Person.Role.OFFENDER,
        "Sam",
        "Smith",
    )
    assert offender.date_of_birth == date(1990, 1, 31)


def test_a_crime_reference_already_used_is_refused_by_name(ali):
    start(ali, ref="CR/1/24")
    response = ali.post(
        reverse("journeys:open_case"),
        {
            "crime_reference": "CR/1/24",
            "given_name": "A",
            "family_name": "B",
            "date_of_birth-day": "1",
            "date_of_birth-month": "1",
            "date_of_birth-year": "1990",
        },
    )
    assert "A case with crime reference CR/1/24 already exists." in response.content.decode()


def test_the_first_question_is_the_kind_of_offence(ali):
    case = start(ali)
    response = ali.get(reverse("journeys:assessment", args=[case.pk]))
    assert response["Location"] == reverse("journeys:question", args=[case.pk, "offence.category"])
    page = ali.get(response["Location"]).content.decode()
    assert "What kind of offence is it?" in page
    assert 'type="radio" value="theft"' in page


def test_answers_wait_in_a_draft_until_the_assessment_is_saved(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    case.refresh_from_db()
    assert (case.state, "category" in case.facts.get("offence", {})) == ("draft", False)


def test_an_eligible_theft_is_saved_with_its_facts_result_and_policy_version(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    response = save(ali, case)
    assert response["Location"] == reverse("journeys:assessment_result", args=[case.pk])
    case.refresh_from_db()
    stored = case.current_assessment
    assert (case.state, stored.decision, stored.policy_version) == (
        "assessed",
        "eligible",
        "2023-07",
    )
    assert stored.facts["offence"]["category"] == "theft"
    assert stored.facts["assessed_on"] == "2024-03-01"
    assert stored.facts["officer"] == {"role": "constable", "rj_level1_trained": True}


def test_a_previous_penalty_notice_needs_a_sergeant(ali):
    case = start(ali)
    answers = {
        **THEFT,
        "offender.previous_outcomes": "penalty_notice",
        "offender.previous_outcomes.0.date": "2022-05-01",
        "offender.previous_outcomes.0.category": "theft",
    }
    asked = answer_all(ali, case, answers)
    assert "offender.previous_outcomes.0.date" in asked
    save(ali, case)
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert stored.decision == "authorisation_required"
    assert stored.result["authorities_required"] == ["sergeant"]


def test_a_case_wanted_on_warrant_stops_early_as_not_eligible(ali):
    case = start(ali)
    asked = answer_all(ali, case, {**THEFT, "offender.wanted_on_warrant": "yes"})
    assert [field for field in asked if field in STATUS.paths] == list(STATUS.paths)
    assert asked[-1] in ("offender.vulnerable", "offender.capacity_confirmed")  # its page, last
    assert "victim.consulted" not in asked
    page = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert "The case is not eligible: no further questions are needed." in page
    save(ali, case)
    assert Case.objects.get(pk=case.pk).current_assessment.decision == "not_eligible"


def test_an_assessment_saved_before_every_answer_is_incomplete(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.category"])
    ali.post(url, page_data(ali.get(url).content.decode(), THEFT)[1])
    page = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert "are not answered. An assessment saved now may be incomplete." in page
    save(ali, case)
    assert Case.objects.get(pk=case.pk).current_assessment.decision == "incomplete"


def test_check_your_answers_lists_each_answer_with_a_change_link(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    page = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    change = reverse("journeys:question", args=[case.pk, "offence.date"])
    assert f'href="{change}"' in page
    assert "20 February 2024" in page
    assert "Kind of offence" in page


def test_a_change_link_shows_the_answer_given_and_returns_to_check_your_answers(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    url = reverse("journeys:question", args=[case.pk, "offence.date"])
    page = ali.get(url).content.decode()
    assert 'name="offence.date-answer-day" type="text" value="20"' in page
    ali.post(url, page_data(page, {**THEFT, "offence.date": "2024-02-21"})[1])
    assert answer_all(ali, case, THEFT) == []
    save(ali, case)
    assert Case.objects.get(pk=case.pk).facts["offence"]["date"] == "2024-02-21"


def test_changing_the_facts_after_assessment_asks_why(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    save(ali, case)
    ali.get(reverse("journeys:assessment", args=[case.pk]) + "?restart=1")
    url = reverse("journeys:question", args=[case.pk, "offence.hate_crime"])
    ali.post(
        url, page_data(ali.get(url).content.decode(), {**THEFT, "offence.hate_crime": "yes"})[1]
    )
    response = save(ali, case)
    assert "Enter why the facts changed." in response.content.decode()
    response = save(ali, case, reason="The victim reported it as a hate crime.")
    assert response.status_code == 302
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert stored.facts["offence"]["hate_crime"] is True


def test_a_bad_date_is_refused_in_the_design_systems_words(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.date"])
    data = page_data(ali.get(url).content.decode(), {**THEFT, "offence.date": "2024-02-30"})[1]
    response = ali.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: The offence" in page
    assert (
        '<a href="#id_offence.date-answer-day">Date of the offence must be a real date</a>' in page
    )


def test_an_offence_date_after_today_is_refused_in_the_engines_words(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.date"])
    response = ali.post(url, form_data("offence.date", "2024-03-02"))
    assert (
        "Date of the offence is after the assessment date (1 March 2024)"
        in response.content.decode()
    )


def test_a_missing_answer_is_refused_naming_the_question(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.category"])
    page = ali.post(url, {}).content.decode()
    assert "<title>Error: The offence" in page
    assert '<a href="#id_offence.category-answer">Kind of offence: an answer is needed</a>' in page


def test_a_yes_no_question_with_a_default_still_needs_a_choice(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.hate_crime"])
    page = ali.post(url, {}).content.decode()
    assert "Hate crime: an answer is needed" in page


def test_a_final_score_more_than_one_from_the_base_is_refused(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offence.gravity.final_score"])
    scores = {**FIRST_PAGE_THEFT, "offence.gravity.final_score": "3"}
    page = ali.post(url, page_data(ali.get(url).content.decode(), scores)[1]).content.decode()
    assert "Final gravity score must be within 1 of base score (Ruling R21)" in page


def test_the_decision_panel_shows_reasons_with_the_sops_words(ali):
    case = start(ali)
    answer_all(ali, case, {**THEFT, "offender.wanted_on_warrant": "yes"})
    url = reverse("journeys:question", args=[case.pk, "offender.wanted_on_warrant"])
    page = ali.get(url).content.decode()
    assert 'id="decision-panel"' in page
    assert "Not eligible" in page
    assert "SOP 2.3.4" in page
    assert "The SOP says: “" in page


def test_the_htmx_partial_returns_just_the_panel_for_the_answer_on_the_page(ali):
    case = start(ali)
    response = ali.post(
        reverse("journeys:panel", args=[case.pk]),
        {"field": "offender.wanted_on_warrant", "answer": "yes"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div class="crs-panel">')
    assert "<html" not in body
    assert "Not eligible" in body


FIRST_PAGE_THEFT = {
    "offence.category": "theft",
    "offence.date": "2024-02-20",
    "victim.kind": "organisation",
    "offence.gravity.base_score": "1",
    "offence.gravity.final_score": "1",
}


def test_the_htmx_partial_stores_nothing(ali):
    case = start(ali)
    category = reverse("journeys:question", args=[case.pk, "offence.category"])
    _, data = page_data(ali.get(category).content.decode(), FIRST_PAGE_THEFT)
    ali.post(category, data)
    ali.post(
        reverse("journeys:panel", args=[case.pk]),
        {"field": "offender.wanted_on_warrant", "answer": "yes"},
    )
    # The answers so far are the case's draft on the server (crs.cases.services.drafts).
    answers = AssessmentDraft.objects.get(case=case).facts
    assert answers["offence"]["category"] == "theft"
    assert "wanted_on_warrant" not in answers.get("offender", {})


def test_the_question_form_asks_htmx_to_refresh_the_panel(ali):
    case = start(ali)
    page = ali.get(reverse("journeys:question", args=[case.pk, "offence.category"]))
    assert f'hx-post="{reverse("journeys:panel", args=[case.pk])}"' in page.content.decode()


def test_free_text_is_shown_escaped(ali):
    case = start(ali, description="<script>alert(1)</script>")
    page = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_an_officer_of_another_team_cannot_answer_the_questions(client, pc_ali, outsider):
    client.force_login(pc_ali)
    case = start(client)
    client.force_login(outsider)
    response = client.get(reverse("journeys:question", args=[case.pk, "offence.category"]))
    assert response.status_code in (403, 404)


def test_a_post_without_the_csrf_token_is_refused(pc_ali):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(pc_ali)
    response = client.post(
        reverse("journeys:open_case"),
        {
            "crime_reference": "CR/9/24",
            "given_name": "A",
            "family_name": "B",
            "date_of_birth-day": "1",
            "date_of_birth-month": "1",
            "date_of_birth-year": "1990",
        },
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_signing_in_is_needed(client, db):
    response = client.get(reverse("journeys:open_case"))
    assert response.status_code == 302


def test_every_question_names_its_field_in_plain_english():
    from crs.policy.labels import FIELD_LABELS
    from crs.policy.questions import QUESTIONS

    assert [path for path in QUESTIONS if path not in FIELD_LABELS] == []


def test_the_result_page_shows_the_stored_decision_and_what_comes_next(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    page = ali.get(save(ali, case)["Location"]).content.decode()
    assert "The assessment is saved." in page
    assert "Eligible" in page
    assert reverse("journeys:actions", args=[case.pk]) in page


def test_a_question_about_a_previous_outcome_not_given_leads_back_to_the_questions(ali):
    case = start(ali)
    url = reverse("journeys:question", args=[case.pk, "offender.previous_outcomes.3.date"])
    assert ali.get(url)["Location"] == reverse("journeys:assessment", args=[case.pk])


def test_once_not_eligible_the_panel_lists_nothing_still_to_find_out(ali):
    case = start(ali)
    body = ali.post(
        reverse("journeys:panel", args=[case.pk]),
        {"field": "offender.wanted_on_warrant", "answer": "yes"},
    ).content.decode()
    assert "Still to find out" not in body


def test_previous_outcomes_are_kept_as_rows_of_the_record_too(ali):
    case = start(ali)
    answer_all(
        ali,
        case,
        {
            **THEFT,
            "offender.previous_outcomes": "penalty_notice",
            "offender.previous_outcomes.0.date": "2022-05-01",
            "offender.previous_outcomes.0.category": "theft",
        },
    )
    save(ali, case)
    row = case.previous_outcomes.get()
    assert (row.outcome, str(row.date), row.category) == ("penalty_notice", "2022-05-01", "theft")
    assert Case.objects.get(pk=case.pk).facts["offender"]["previous_outcomes"] == [
        {"outcome": "penalty_notice", "date": "2022-05-01", "category": "theft"}
    ]


def test_a_date_of_birth_after_today_is_refused_on_the_first_page(ali):
    response = ali.post(
        reverse("journeys:open_case"),
        {
            "crime_reference": "CR/5/24",
            "given_name": "A",
            "family_name": "B",
            "date_of_birth-day": "2",
            "date_of_birth-month": "3",
            "date_of_birth-year": "2024",
        },
    )
    page = response.content.decode()
    assert (
        '<a href="#id_date_of_birth-day">Offender&#x27;s date of birth is after the assessment '
        "date</a>" in page
    )
    assert not Case.objects.exists()


def test_found_outcomes_are_named_for_what_they_were(pc_ali, monkeypatch):
    from datetime import date

    from crs.web.journeys import assessment

    monkeypatch.setattr(
        assessment.services,
        "find_previous_outcomes",
        lambda case: [
            {"outcome": "caution", "date": date(2024, 1, 2), "source": "records system"},
            {"outcome": "community_resolution", "date": date(2023, 5, 6), "source": "case X"},
        ],
    )
    assert assessment._found_outcomes(None) == [
        "Caution on 02 January 2024 (records system)",
        "Community resolution on 06 May 2023 (case X)",
    ]


def test_the_live_panel_offers_no_authority_on_a_not_eligible_case():
    # Ruling R37: the assessment keeps the Sergeant of 4.2.1; the panel does not offer it.
    from crs.policy import assess_document
    from crs.web.journeys.panel import panel
    from tests.cases import facts as f

    result = assess_document(
        f.facts(offender={"court_order": True}, officer={"rj_level1_trained": False})
    )
    assert result["decision"] == "not_eligible" and result["authorisations"]
    shown = panel(result)
    assert shown["authorities"] == []
    assert shown["exceptional_route"] == ""


def test_the_live_panel_gives_the_exceptional_circumstances_route_of_a_knife_offence():
    from crs.policy import assess_document
    from crs.web.journeys.panel import panel
    from tests.cases import facts as f

    constable = {"role": "constable", "rj_level1_trained": True}
    facts = f.facts(offence={"category": "weapon_possession"}, officer=constable)
    shown = panel(assess_document(facts))
    assert (
        "with exceptional circumstances recorded, an Inspector may authorise it (2.3.2)"
        in (shown["exceptional_route"])
    )

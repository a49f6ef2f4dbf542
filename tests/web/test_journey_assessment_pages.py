"""The guided assessment asks a page of related questions at a time (crs.policy.pages): each
question its own fieldset and errors, all answered or none, the status checks of 2.3.4 one
"Select all that apply" with an exclusive "None of these". Today is 1 March 2024."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from crs.cases import services
from crs.cases.models import AssessmentDraft, Case
from crs.policy.pages import STATUS
from crs.web.journeys import assessment

from .test_journey_assessment import THEFT, answer_all, form_data, page_data, save, start


@pytest.fixture(autouse=True)
def on_1_march_2024(monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: date(2024, 3, 1))


@pytest.fixture
def ali(client, pc_ali):
    client.force_login(pc_ali)
    return client


def url_of(case, field):
    return reverse("journeys:question", args=[case.pk, field])


def working_facts(client, case) -> dict:
    """The answers given so far: the case's draft on the server (crs.cases.services.drafts)."""
    draft = AssessmentDraft.objects.filter(case=case).first()
    return draft.facts if draft else {}


def error_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="(#[^"]*)">([^<]*)</a>', html.split("govuk-error-summary__list")[1])


def pages_walked(client, case, answers) -> list[str]:
    """The headings of the pages shown on the way to check your answers."""
    headings = []
    url = reverse("journeys:assessment", args=[case.pk])
    for _ in range(20):
        url = client.get(url)["Location"]
        if "/check/" in url:
            return headings
        html = client.get(url).content.decode()
        headings.append(re.search(r"<title>\s*(.*?) – ", html, re.S).group(1))
        url = client.post(url, page_data(html, answers)[1])["Location"]
    raise AssertionError(headings)


def reach_status_page(client, case) -> str:
    for field in ("offence.category", "offence.indictable_only"):
        html = client.get(url_of(case, field)).content.decode()
        client.post(url_of(case, field), page_data(html, THEFT)[1])
    return url_of(case, "offender.court_order")


def test_a_routine_adult_shop_theft_is_assessed_in_four_pages(ali):
    # One question a page took 28 (issue 13); the date of birth is the offender's, and the
    # officer's facts come from their record (R39).
    case = start(ali)
    assert pages_walked(ali, case, THEFT) == [
        "The offence",
        "About the offence",
        "The offender",
        "The victim",
    ]


def test_the_status_checks_are_one_select_all_that_apply_with_an_exclusive_none(ali):
    case = start(ali)
    html = ali.get(reach_status_page(ali, case)).content.decode()
    boxes = re.findall(r'name="status-checks" type="checkbox" value="([^"]+)"', html)
    assert boxes == [*STATUS.paths, "none"]
    assert '<div class="govuk-checkboxes__divider">or</div>' in html
    assert re.search(r'value="none"[^>]*data-behaviour="exclusive"', html)
    assert "Select all that apply." in html


def test_none_of_these_answers_every_status_check_no(ali):
    case = start(ali)
    url = reach_status_page(ali, case)
    data = page_data(ali.get(url).content.decode(), THEFT)[1]
    assert data["status-checks"] == ["none"]
    assert ali.post(url, data).status_code == 302
    offender = working_facts(ali, case)["offender"]
    assert {
        path.split(".")[1]: offender[path.split(".")[1]] for path in STATUS.paths
    } == dict.fromkeys((path.split(".")[1] for path in STATUS.paths), False)


def test_none_of_these_with_another_box_is_refused_naming_the_question(ali):
    case = start(ali)
    url = reach_status_page(ali, case)
    data = page_data(ali.get(url).content.decode(), THEFT)[1]
    data["status-checks"] = ["none", "offender.court_order"]
    response = ali.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    message = "Select if the offender is any of these, or select ‘None of these’"
    assert ("#id_status-checks", message) in error_links(html)
    assert "court_order" not in working_facts(ali, case).get("offender", {})


def test_no_box_ticked_is_refused(ali):
    case = start(ali)
    url = reach_status_page(ali, case)
    data = page_data(ali.get(url).content.decode(), THEFT)[1]
    del data["status-checks"]
    html = ali.post(url, data).content.decode()
    assert "Select if the offender is any of these, or select ‘None of these’" in html


def test_a_box_ticked_answers_yes_and_the_others_no(ali):
    case = start(ali)
    url = reach_status_page(ali, case)
    data = page_data(ali.get(url).content.decode(), THEFT)[1]
    data["status-checks"] = ["offender.released_under_investigation"]
    ali.post(url, data)
    offender = working_facts(ali, case)["offender"]
    assert (offender["released_under_investigation"], offender["wanted_on_warrant"]) == (
        True,
        False,
    )


def test_every_question_left_unanswered_on_a_page_has_its_own_error(ali):
    case = start(ali)
    html = ali.post(url_of(case, "offence.category"), {}).content.decode()
    links = [href for href, _ in error_links(html)]
    assert links == [
        "#id_offence.category-answer",
        "#id_offence.date-answer-day",
        "#id_victim.kind-answer",
        "#id_offence.gravity.base_score-answer",
        "#id_offence.gravity.final_score-answer",
    ]
    assert html.count('class="govuk-error-message"') == 5


def test_answers_typed_are_kept_when_another_on_the_page_is_refused(ali):
    case = start(ali)
    data = {
        **form_data("offence.category", "theft"),
        **form_data("offence.date", "2024-02-30"),
        **form_data("victim.kind", "organisation"),
    }
    html = ali.post(url_of(case, "offence.category"), data).content.decode()
    assert 'value="theft" checked' in html
    assert 'value="organisation" checked' in html
    assert 'name="offence.date-answer-day" type="text" value="30"' in html
    assert "Date of the offence must be a real date" in html
    assert "offence" not in working_facts(ali, case)  # all or nothing


def test_a_change_link_opens_the_page_of_that_fact_with_the_answers_given(ali):
    case = start(ali)
    answer_all(ali, case, {**THEFT, "offender.released_under_investigation": "yes"})
    check = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    change = url_of(case, "offender.wanted_on_warrant")
    assert f'href="{change}"' in check
    html = ali.get(change).content.decode()
    assert re.search(r'value="offender.released_under_investigation" checked', html)
    assert not re.search(r'value="offender.wanted_on_warrant" checked', html)
    data = page_data(html, {**THEFT, "offender.wanted_on_warrant": "yes"})[1]
    assert ali.post(change, data)["Location"] == reverse("journeys:assessment", args=[case.pk])
    assert working_facts(ali, case)["offender"]["wanted_on_warrant"] is True


def test_the_gravity_matrix_is_not_asked_and_is_saved_from_the_date_of_birth(ali):
    case = start(ali)  # born 1990: the adult matrix (Ruling R29)
    asked = answer_all(ali, case, THEFT)
    assert "offence.gravity.matrix" not in asked
    save(ali, case)
    assert Case.objects.get(pk=case.pk).current_assessment.facts["offence"]["gravity"] == {
        "matrix": "adult",
        "base_score": 1,
        "final_score": 1,
    }


def test_a_theft_is_saved_with_the_knife_and_sexual_flags_confirmed_as_no(ali):
    case = start(ali)
    asked = answer_all(ali, case, THEFT)
    assert {"offence.knife_or_weapon", "offence.sexual", "offence.coercive_control"}.isdisjoint(
        asked
    )
    save(ali, case)
    offence = Case.objects.get(pk=case.pk).current_assessment.facts["offence"]
    assert (offence["knife_or_weapon"], offence["sexual"], offence["coercive_control"]) == (
        False,
        False,
        False,
    )


def test_a_fact_the_category_decides_is_changed_on_the_category_page(ali):
    case = start(ali)
    answer_all(ali, case, THEFT)
    check = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    row = check.split("Knife or weapon involved")[1].split("</div>")[1]
    assert url_of(case, "offence.category") in row


def test_domestic_abuse_brings_coercive_control_back_on_its_page(ali):
    case = start(ali)
    answers = {**THEFT, "offence.category": "assault", "offence.domestic_abuse": "sibling"}
    answers |= {
        "offence.knife_or_weapon": "no",
        "offence.sexual": "no",
        "offence.coercive_control": "no",
    }
    asked = answer_all(ali, case, answers)
    assert asked.index("offence.coercive_control") > asked.index("offence.domestic_abuse")


def test_the_prosecution_question_uses_the_words_of_4_2_1_with_a_hint(ali):
    case = start(ali)
    html = ali.get(url_of(case, "offence.suitable_for_prosecution")).content.decode()
    assert (
        "Are the circumstances and severity of the offence such that it should result in a "
        "court prosecution?" in html
    )
    assert "Having evidence enough to charge does not make it so" in html


def test_the_live_panel_reads_the_answers_on_the_page(ali):
    case = start(ali)
    body = ali.post(
        reverse("journeys:panel", args=[case.pk]),
        {"page": "offender.court_order", "status-checks": ["offender.wanted_on_warrant"]},
    ).content.decode()
    assert "Not eligible" in body
    assert "wanted_on_warrant" not in working_facts(ali, case).get("offender", {})


# Sam Smith, born 31 January 1990 as start() opens the case: a caution on the records system.
SAM_CAUTIONED = "RMS-9,Smith,Sam,1990-01-31,,Caution,2023-06-01,theft,"


@pytest.fixture
def cautioned(db):
    from crs.exchange.importer import import_outcomes
    from tests.exchange.extracts import stream

    result = import_outcomes(stream(SAM_CAUTIONED), file_name="x.csv", today=date(2024, 3, 1))
    assert result.report.valid, result.report.lines()


HISTORY = "offender.previous_outcomes"


def test_previous_outcomes_crs_holds_are_prefilled(ali, cautioned):
    case = start(ali)
    html = ali.get(url_of(case, HISTORY)).content.decode()
    assert re.search(rf'name="{HISTORY}-answer" type="radio" value="yes" checked', html)
    assert f'name="{HISTORY}-count-simple_caution" type="text" value="1"' in html
    assert "Simple caution on 01 June 2023 (records system RMS-9)" in html


def test_none_found_is_refused_while_crs_holds_some(ali, cautioned):
    case = start(ali)
    response = ali.post(url_of(case, HISTORY), form_data(HISTORY, "none"))
    assert response.status_code == 200
    message = "Select yes: crs holds 1 previous outcome for this offender, listed below"
    assert (f"#id_{HISTORY}-answer", message) in error_links(response.content.decode())
    assert "previous_outcomes" not in working_facts(ali, case).get("offender", {})


def test_none_found_is_taken_when_crs_holds_none(ali):
    case = start(ali)
    url = url_of(case, HISTORY)  # on the offender's page, answered with the rest of it
    _, data = page_data(ali.get(url).content.decode(), {**THEFT, HISTORY: "none"})
    assert ali.post(url, data).status_code == 302
    assert working_facts(ali, case)["offender"]["previous_outcomes"] == []


def test_a_found_outcome_brings_its_date_and_kind_of_offence_so_neither_is_asked(ali, cautioned):
    case = start(ali)
    asked = answer_all(ali, case, {**THEFT, HISTORY: "simple_caution"})
    assert not [field for field in asked if field.startswith(HISTORY + ".")]
    save(ali, case)
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert stored.facts["offender"]["previous_outcomes"] == [
        {"outcome": "simple_caution", "date": "2023-06-01", "category": "theft"}
    ]
    assert stored.result["authorities_required"] == ["sergeant"]  # a previous sanction (R12)


GRAVITY = "offence.gravity.base_score"


def test_the_gravity_page_looks_the_offence_up_in_the_force_table_without_javascript(ali):
    case = start(ali)  # born 1990: the adult matrix
    html = ali.get(url_of(case, GRAVITY), {"gravity": "shoplifting"}).content.decode()
    results = html.split('id="gravity-results"')[1].split("</table>")[0]
    assert "Shoplifting (goods under £100)" in results
    assert re.search(r"£100\)</td><td[^>]*>1</td>", results)  # its adult base score
    assert "ILLUSTRATIVE SAMPLE" in html  # the shipped table is a sample (Ruling R22)


def test_without_javascript_the_look_up_sends_the_page_and_keeps_every_answer_typed(ali):
    case = start(ali)
    page = url_of(case, GRAVITY)
    _asked, data = page_data(ali.get(page).content.decode(), THEFT)
    data["offence.gravity.final_score-answer"] = ""  # not yet weighed
    html = ali.post(page, {**data, "gravity": "shoplifting", "lookup": "1"}).content.decode()
    assert "Shoplifting (goods under £100)" in html.split('id="gravity-results"')[1]
    assert re.search(r'value="theft"[^>]*checked', html), "the kind of offence typed is lost"
    assert 'value="20"' in html  # the day of the offence
    assert "There is a problem" not in html  # looking up is not answering
    assert "offence" not in working_facts(ali, case), "a look-up keeps nothing"


def test_continue_ignores_the_look_up_box(ali):
    case = start(ali)
    page = url_of(case, GRAVITY)
    _asked, data = page_data(ali.get(page).content.decode(), THEFT)
    response = ali.post(page, {**data, "gravity": ""})
    assert response.status_code == 302
    assert working_facts(ali, case)["offence"]["category"] == "theft"


def test_the_look_up_gives_the_scores_of_the_offenders_own_matrix(ali):
    case = start(ali, dob=("1", "6", "2009"))  # 14: the child matrix
    html = ali.get(url_of(case, GRAVITY), {"gravity": "shoplifting under"}).content.decode()
    results = html.split('id="gravity-results"')[1].split("</table>")[0]
    assert re.search(r"£100\)</td><td[^>]*>2</td>", results)
    assert "child matrix" in html


def test_a_look_up_with_no_words_is_refused_in_the_design_systems_words(ali):
    case = start(ali)
    html = ali.get(url_of(case, GRAVITY), {"gravity": "  "}).content.decode()
    assert "<title>Error: " in html
    message = "Enter the name of the offence, for example shoplifting"
    assert ("#gravity-search", message) in error_links(html)


def test_a_misspelt_offence_lists_the_closest(ali):
    case = start(ali)
    html = ali.get(url_of(case, GRAVITY), {"gravity": "shoplfting"}).content.decode()
    assert "No offence matches every word of “shoplfting”. The closest" in html
    assert "Shoplifting (goods under £100)" in html


def test_a_change_link_of_a_previous_outcome_opens_that_outcomes_page(ali):
    case = start(ali)
    answers = {
        **THEFT,
        HISTORY: "penalty_notice",
        f"{HISTORY}.0.date": "2022-05-01",
        f"{HISTORY}.0.category": "theft",
    }
    answer_all(ali, case, answers)
    change = url_of(case, f"{HISTORY}.0.date")
    check = ali.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert f'href="{change}"' in check
    html = ali.get(change).content.decode()
    assert '<h1 class="govuk-heading-l">Previous outcome 1</h1>' in html
    assert f'name="{HISTORY}.0.date-answer-year" type="text" value="2022"' in html
    changed = {
        **answers,
        f"{HISTORY}.0.outcome": "penalty_notice",
        f"{HISTORY}.0.date": "2022-06-01",
    }
    data = page_data(html, changed)[1]
    assert ali.post(change, data).status_code == 302
    assert working_facts(ali, case)["offender"]["previous_outcomes"][0]["date"] == "2022-06-01"


def test_a_date_of_the_offence_before_the_offender_was_born_is_refused_by_name(ali):
    case = start(ali)  # born 31 January 1990
    url = url_of(case, "offence.category")
    _, data = page_data(ali.get(url).content.decode(), {**THEFT, "offence.date": "1989-05-01"})
    response = ali.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Date of the offence must be on or after the offender&#x27;s date of birth "
        "(31 January 1990)" in page
    )
    assert working_facts(ali, case).get("offence", {}).get("date") is None  # nothing kept


def test_an_answer_the_offenders_corrected_date_of_birth_no_longer_fits_is_asked_again(ali, pc_ali):
    case = start(ali)
    url = url_of(case, "offence.category")
    _, data = page_data(ali.get(url).content.decode(), THEFT)  # the offence on 20 Feb 2024
    assert ali.post(url, data).status_code == 302
    offender = case.people.get(role="offender")
    services.update_person(
        Case.objects.get(pk=case.pk), pc_ali, offender, date_of_birth=date(2024, 2, 25)
    )
    response = ali.get(reverse("journeys:assessment", args=[case.pk]))
    assert response.status_code == 302  # no failure: the journey goes on, to the date first
    assert response["Location"] == url_of(case, "offence.date")
    # ...even though what is left decides the case without it (a baby: not eligible).
    again = ali.get(response["Location"]).content.decode()
    assert "On what date was the offence committed?" in again


def test_a_refused_page_counts_its_usable_answers_in_the_panel_beside_it(ali):
    case = start(ali)
    page = url_of(case, "offence.category")
    asked, data = page_data(ali.get(page).content.decode(), THEFT)
    assert "offence.gravity.final_score" in asked
    data["offence.gravity.final_score-answer"] = "9"  # out of the matrix's range: refused
    html = ali.post(page, data).content.decode()
    assert "There is a problem" in html
    panel = html.split('id="decision-panel"')[1]
    still = panel.split("Still to find out")[1] if "Still to find out" in panel else ""
    assert "Kind of offence" not in still and "Date of the offence" not in still
    assert "Final gravity score" in still  # the answer refused is still to find
    assert "offence" not in working_facts(ali, case), "a refused page keeps nothing"

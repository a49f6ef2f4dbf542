"""Related facts share a page (crs.policy.pages), and pages keep the order that finds a case
not eligible soonest. Every case is assessed on 2024-03-01."""

from datetime import date

from crs.policy.pages import PAGES, STATUS, next_page, page_of, paths_on
from crs.policy.questions import PRIORITY, apply_answer, review

TODAY = date(2024, 3, 1)
START = {"assessed_on": "2024-03-01"}

# An eligible adult shop theft, as typed answers (the matrix follows from the birth date).
THEFT = {
    "offence.category": "theft",
    "offence.date": "2024-02-20",
    "victim.kind": "organisation",
    "offender.date_of_birth": "1990-01-31",
    "offence.indictable_only": "no",
    "offence.traffic": "no",
    "offence.domestic_abuse": "none",
    "offence.hate_crime": "no",
    "offence.suitable_for_prosecution": "no",
    **{path: "no" for path in STATUS.paths},
    "offender.accepts_responsibility": "yes",
    "offender.lawful_defence_or_mitigation_raised": "no",
    "offender.understands_process": "yes",
    "offender.consents": "yes",
    "offender.vulnerable": "no",
    "offence.gravity.base_score": "1",
    "offence.gravity.final_score": "1",
    "offender.previous_outcomes": "none",
    "victim.consulted": "yes",
    "victim.consents": "yes",
    "victim.opportunity_to_express_views": "yes",
    "officer.role": "constable",
    "officer.rj_level1_trained": "yes",
}


def walk(answers: dict, document=START) -> tuple[dict, list[list[str]]]:
    """Answer page after page, every question on it, as a door does; the pages shown."""
    shown = []
    for _ in range(40):
        state = review(document, today=TODAY)
        page = next_page(state.questions, state.assessment)
        if page is None:
            return state.assessment, shown
        shown.append([q.field for q in page.questions])
        for q in page.questions:
            document = apply_answer(document, q.field, answers.get(q.field, ""), today=TODAY)
    raise AssertionError(f"no decision after 40 pages: {shown}")


def test_every_question_asked_is_on_a_page():
    named = {path for page in PAGES for path in page.paths}
    assert [path for path in PRIORITY if path not in named] == []


def test_no_fact_is_on_two_pages():
    paths = [path for page in PAGES for path in page.paths]
    assert len(paths) == len(set(paths))


def test_an_adult_shop_theft_is_assessed_in_six_pages():
    # The offence with its scores, the birth date, about the offence, the offender (status,
    # history, acceptance), the victim, the officer (the web asks neither the birth date nor
    # the officer: the offender's and the officer's records hold them).
    assessment, shown = walk(THEFT)
    assert assessment["decision"] == "eligible"
    assert len(shown) == 6
    assert sum(len(page) for page in shown) == len(THEFT)


def test_the_status_checks_of_2_3_4_are_one_question_on_one_page():
    _, shown = walk(THEFT)
    status = next(page for page in shown if "offender.court_order" in page)
    assert status[: len(STATUS.paths)] == list(STATUS.paths)
    state = review({**START, "offence": {"category": "theft"}}, today=TODAY)
    page = next_page([q for q in state.questions if q.field in STATUS.paths], state.assessment)
    assert [part.choices for part in page.parts] == [STATUS]


def test_an_excluded_category_is_found_on_the_second_page_by_one_more_answer():
    answers = {**THEFT, "offence.category": "weapon_possession"}
    answers["offence.exceptional_circumstances"] = "no"
    assessment, shown = walk(answers)
    assert assessment["decision"] == "not_eligible"
    assert shown[1:] == [["offence.exceptional_circumstances"]]


def test_a_case_wanted_on_warrant_stops_after_the_status_page():
    assessment, shown = walk({**THEFT, "offender.wanted_on_warrant": "yes"})
    assert assessment["decision"] == "not_eligible"
    assert "offender.wanted_on_warrant" in shown[-1]


def test_a_question_that_an_answer_makes_relevant_comes_back_on_its_page():
    answers = {**THEFT, "offender.vulnerable": "yes", "offender.capacity_confirmed": "yes"}
    _, shown = walk(answers)
    assert ["offender.capacity_confirmed"] in shown


def test_each_previous_outcome_has_a_page_of_its_own():
    answers = {
        **THEFT,
        "offender.previous_outcomes": "penalty_notice,conviction",
        "offender.previous_outcomes.0.date": "2022-05-01",
        "offender.previous_outcomes.0.category": "theft",
        "offender.previous_outcomes.1.date": "2021-05-01",
        "offender.previous_outcomes.1.category": "theft",
    }
    _, shown = walk(answers)
    assert ["offender.previous_outcomes.0.date", "offender.previous_outcomes.0.category"] in shown
    assert paths_on("offender.previous_outcomes.1.date")[1] == "offender.previous_outcomes.1.date"


def test_a_fact_no_page_names_is_asked_on_a_page_of_its_own():
    assert page_of("offence.description").paths == ("offence.description",)

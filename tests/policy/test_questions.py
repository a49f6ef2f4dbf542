"""Guided questions (crs.policy.questions): what is asked, in what order, and how
answers are read. Time is frozen: every case is assessed on 2024-03-01."""

import copy
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crs.policy import FactsError, assess_document
from crs.policy.labels import error_message
from crs.policy.questions import (
    LABELS,
    NOT_ASKED,
    PRIORITY,
    QUESTIONS,
    SPECS,
    AnswerError,
    apply_answer,
    next_questions,
    options,
    review,
)

TODAY = date(2024, 3, 1)
START = {"assessed_on": "2024-03-01"}


def fields(document):
    return [q.field for q in next_questions(document, today=TODAY)]


def adult_theft():
    """An eligible adult shop theft with every defaulted fact confirmed."""
    return {
        "assessed_on": "2024-03-01",
        "offence": {
            "date": "2024-02-20",
            "category": "theft",
            "indictable_only": False,
            "knife_or_weapon": False,
            "sexual": False,
            "traffic": False,
            "hate_crime": False,
            "domestic_abuse": "none",
            "coercive_control": False,
            "suitable_for_prosecution": False,
            "gravity": {"matrix": "adult", "base_score": 1, "final_score": 1},
        },
        "offender": {
            "date_of_birth": "1990-01-31",
            "accepts_responsibility": True,
            "lawful_defence_or_mitigation_raised": False,
            "understands_process": True,
            "consents": True,
            "vulnerable": False,
            "court_order": False,
            "bail_post_charge": False,
            "suspended_sentence": False,
            "wanted_on_warrant": False,
            "pre_charge_bail": False,
            "released_under_investigation": False,
            "previous_outcomes": [],
        },
        "victim": {
            "kind": "organisation",
            "consulted": True,
            "consents": True,
            "opportunity_to_express_views": True,
        },
        "officer": {"role": "constable", "rj_level1_trained": True},
    }


def without(document, *paths):
    out = copy.deepcopy(document)
    for path in paths:
        *parents, last = path.split(".")
        here = out
        for part in parents:
            here = here[part]
        del here[last]
    return out


# -- the table -------------------------------------------------------------------------


def test_every_fact_has_a_question_except_the_assessment_date():
    leaves = {p for p, spec in SPECS.items() if spec.kind != "object"} - {"assessed_on"}
    assert leaves == set(QUESTIONS)


def test_every_fact_declares_its_label_and_every_answerable_fact_its_question():
    # FACTS is the one place a fact's page name and question are written (issue 12).
    unlabelled = [path for path, spec in SPECS.items() if not spec.label.strip()]
    answerable = {p: s for p, s in SPECS.items() if s.kind != "object" and p != "assessed_on"}
    unasked = [p for p, s in answerable.items() if not (s.question.strip() and s.paragraph)]
    assert unlabelled == []
    assert unasked == []


def test_every_question_a_fact_declares_is_asked():
    declared = {path for path, spec in SPECS.items() if spec.question}
    assert declared == set(PRIORITY) | set(NOT_ASKED)


def test_the_description_is_the_only_question_never_returned():
    assert NOT_ASKED == ("offence.description",)
    assert set(PRIORITY) == set(QUESTIONS) - {"offence.description"}


def test_every_enum_option_has_a_label():
    for path, spec in SPECS.items():
        if spec.kind == "enum" or spec.kind == "list":
            values = [v for v, _ in options(path)]
            assert set(values) <= set(LABELS[path]), path


def test_every_paragraph_a_question_cites_is_in_the_sop(sop_text):
    sop = sop_text
    for path, ask in QUESTIONS.items():
        for paragraph in ask.paragraph.split(", "):
            assert re.search(rf"^{re.escape(paragraph)}\.? ", sop, re.M), (path, paragraph)


# -- order -----------------------------------------------------------------------------


def test_an_empty_case_asks_the_category_then_the_dates_first():
    assert fields(START)[:3] == ["offence.category", "offence.date", "offender.date_of_birth"]


def test_a_theft_asks_the_excluded_offences_and_status_checks_before_anything_else():
    asked = fields({**START, "offence": {"category": "theft"}})
    assert asked[:9] == [
        "offence.date",
        "offender.date_of_birth",
        "offence.indictable_only",
        "offence.traffic",
        "offence.domestic_abuse",
        "offender.court_order",
        "offender.bail_post_charge",
        "offender.suspended_sentence",
        "offender.wanted_on_warrant",
    ]


def test_facts_that_only_change_the_authority_are_asked_last():
    asked = fields({**START, "offence": {"category": "theft"}})
    assert asked[-2:] == ["offender.pre_charge_bail", "offender.released_under_investigation"]


def test_the_officer_is_asked_after_the_victim():
    asked = fields({**START, "offence": {"category": "theft"}})
    assert asked.index("victim.kind") < asked.index("officer.role")


# -- relevance -------------------------------------------------------------------------


def test_a_knife_case_asks_exceptional_circumstances_first():
    asked = fields({**START, "offence": {"category": "weapon_possession"}})
    assert asked[0] == "offence.exceptional_circumstances"


def test_a_knife_case_does_not_ask_whether_a_knife_was_involved():
    assert "offence.knife_or_weapon" not in fields(
        {**START, "offence": {"category": "weapon_possession"}}
    )


def test_a_theft_case_does_not_ask_exceptional_circumstances():
    assert "offence.exceptional_circumstances" not in fields(
        {**START, "offence": {"category": "theft"}}
    )


def test_a_theft_with_a_knife_asks_exceptional_circumstances_next():
    document = {**START, "offence": {"category": "theft", "knife_or_weapon": True}}
    assert fields(document)[0] == "offence.exceptional_circumstances"


def test_drug_questions_are_asked_for_drug_possession():
    asked = fields({**START, "offence": {"category": "drugs_possession"}})
    assert {"offence.drug.class", "offence.drug.substance", "offence.drug.personal_use"} <= set(
        asked
    )


def test_drug_questions_are_not_asked_for_a_theft():
    asked = fields({**START, "offence": {"category": "theft"}})
    assert not [f for f in asked if f.startswith("offence.drug")]


def test_capacity_is_asked_only_for_a_vulnerable_offender():
    theft = adult_theft()
    assert "offender.capacity_confirmed" not in fields(theft)
    theft["offender"]["vulnerable"] = True
    assert fields(theft) == ["offender.capacity_confirmed"]


def test_victim_consent_questions_are_not_asked_when_the_victim_is_the_state():
    document = without(adult_theft(), "victim")
    document["victim"] = {"kind": "state"}
    assert not [f for f in fields(document) if f.startswith("victim.")]


def test_victim_consent_questions_are_asked_for_a_person():
    document = without(adult_theft(), "victim")
    document["victim"] = {"kind": "person"}
    assert fields(document) == [
        "victim.consulted",
        "victim.consents",
        "victim.opportunity_to_express_views",
    ]


def test_pcso_questions_are_not_asked_for_a_constable():
    document = without(adult_theft(), "officer.rj_level1_trained")
    assert fields(document) == ["officer.rj_level1_trained"]


def test_a_pcso_is_asked_about_the_designated_power_and_who_investigated():
    # Either answer could still change the decision (Ruling R34): both are missing.
    document = adult_theft()
    document["officer"]["role"] = "pcso"
    assert fields(document) == [
        "officer.pcso_designated_power",
        "officer.investigated_by_warranted_officer",
    ]


def test_a_pcso_whose_crime_a_warranted_officer_investigated_is_not_asked_the_power():
    # Ruling R34: no answer about the designated power could change the decision then.
    document = adult_theft()
    document["officer"].update(role="pcso", investigated_by_warranted_officer=True)
    assert fields(document) == []


def test_police_staff_are_asked_who_investigated():
    # Ruling R33: required for police staff, whatever else is known.
    document = adult_theft()
    document["officer"]["role"] = "police_staff"
    assert fields(document) == ["officer.investigated_by_warranted_officer"]


def test_a_pcso_without_the_power_is_asked_who_investigated():
    document = adult_theft()
    document["officer"].update(role="pcso", pcso_designated_power=False)
    assert fields(document) == ["officer.investigated_by_warranted_officer"]


def test_a_pcso_with_the_power_is_not_asked_who_investigated():
    document = adult_theft()
    document["officer"].update(role="pcso", pcso_designated_power=True)
    assert fields(document) == []


# -- defaults, needs, stopping ---------------------------------------------------------


def test_a_fact_with_a_contract_default_is_asked_and_marked_with_its_default():
    document = without(adult_theft(), "offence.domestic_abuse")
    [question] = next_questions(document, today=TODAY)
    assert (question.field, question.has_default, question.default) == (
        "offence.domestic_abuse",
        True,
        "none",
    )
    assert not question.needed


def test_a_fact_the_engine_lists_as_missing_is_marked_needed_without_a_default():
    document = without(adult_theft(), "offender.consents")
    [question] = next_questions(document, today=TODAY)
    assert (question.field, question.needed, question.has_default) == (
        "offender.consents",
        True,
        False,
    )


def test_a_case_already_not_eligible_gets_no_questions():
    document = {**START, "offender": {"court_order": True}}
    assert next_questions(document, today=TODAY) == []


def test_an_exclusion_resting_on_an_unconfirmed_default_is_not_settled():
    document = {**START, "offence": {"category": "weapon_possession"}}
    state = review(document, today=TODAY)
    assert state.assessment["decision"] == "not_eligible"  # the default is "no"
    assert not state.settled


def test_a_confirmed_knife_exclusion_gets_no_questions():
    document = {
        **START,
        "offence": {"category": "weapon_possession", "exceptional_circumstances": False},
    }
    assert next_questions(document, today=TODAY) == []


def test_a_complete_case_gets_no_questions():
    assert next_questions(adult_theft(), today=TODAY) == []


def test_invalid_facts_are_refused():
    with pytest.raises(FactsError, match=r"^offence\.colour: unknown key"):
        next_questions({**START, "offence": {"colour": "red"}}, today=TODAY)


# -- previous outcomes -----------------------------------------------------------------


def test_previous_outcomes_are_asked_as_one_list():
    [question] = next_questions(without(adult_theft(), "offender.previous_outcomes"), today=TODAY)
    assert (question.field, question.answer_type, question.multiple) == (
        "offender.previous_outcomes",
        "enum",
        True,
    )
    assert question.options[0] == ("none", "None found")


def test_each_previous_outcome_is_asked_about_item_by_item():
    document = adult_theft()
    document["offender"]["previous_outcomes"] = [
        {"outcome": "conviction"},
        {"outcome": "community_resolution"},
    ]
    assert fields(document) == [
        "offender.previous_outcomes.0.date",
        "offender.previous_outcomes.0.category",
        "offender.previous_outcomes.1.date",
        "offender.previous_outcomes.1.category",
    ]


def test_a_previous_outcome_question_names_the_item():
    document = adult_theft()
    document["offender"]["previous_outcomes"] = [{"outcome": "conviction"}]
    question = next_questions(document, today=TODAY)[0]
    assert question.text == "Previous outcome 1 (conviction): on what date was it given?"


def test_the_substance_is_asked_only_for_a_previous_drug_offence():
    document = adult_theft()
    document["offender"]["previous_outcomes"] = [
        {"outcome": "conviction", "date": "2020-01-01", "category": "theft"},
        {"outcome": "simple_caution", "date": "2021-01-01", "category": "drugs_possession"},
    ]
    assert fields(document) == ["offender.previous_outcomes.1.substance"]


# -- whole interviews ------------------------------------------------------------------


def run_interview(answers: dict, document=START, limit=80):
    """Answer the first question in turn from `answers` (field -> typed answer)."""
    asked = []
    for _ in range(limit):
        state = review(document, today=TODAY)
        if not state.questions:
            return state.assessment, asked
        field = state.questions[0].field
        asked.append(field)
        document = apply_answer(document, field, answers.get(field, ""), today=TODAY)
    raise AssertionError(f"no decision after {limit} answers: {asked}")


ADULT_THEFT_ANSWERS = {
    "offence.category": "theft",
    "offence.date": "2024-02-20",
    "offender.date_of_birth": "1990-01-31",
    "offender.court_order": "no",
    "offender.bail_post_charge": "no",
    "offender.suspended_sentence": "no",
    "offender.wanted_on_warrant": "no",
    "offender.accepts_responsibility": "yes",
    "offender.understands_process": "yes",
    "offender.consents": "yes",
    "offence.gravity.matrix": "adult",
    "offence.gravity.base_score": "1",
    "offence.gravity.final_score": "1",
    "offender.previous_outcomes": "none",
    "victim.kind": "organisation",
    "victim.consulted": "yes",
    "victim.consents": "yes",
    "victim.opportunity_to_express_views": "yes",
    "officer.role": "constable",
    "officer.rj_level1_trained": "yes",
}


def test_answering_an_adult_shop_theft_in_turn_ends_eligible():
    assessment, asked = run_interview(ADULT_THEFT_ANSWERS)
    assert assessment["decision"] == "eligible"
    assert "offence.exceptional_circumstances" not in asked


def test_answering_a_knife_case_stops_after_exceptional_circumstances():
    answers = {"offence.category": "weapon_possession", "offence.exceptional_circumstances": "no"}
    assessment, asked = run_interview(answers)
    assert assessment["decision"] == "not_eligible"
    assert asked == ["offence.category", "offence.exceptional_circumstances"]


def test_answering_a_youth_class_a_possession_ends_with_the_youth_justice_supervisor():
    answers = {
        **ADULT_THEFT_ANSWERS,
        "offence.category": "drugs_possession",
        "offender.date_of_birth": "2008-06-15",
        "offence.gravity.matrix": "child",
        "offence.gravity.base_score": "2",
        "offence.gravity.final_score": "2",
        "offence.drug.personal_use": "yes",
        "offence.drug.substance": "other",
        "offence.drug.class": "A",
        "victim.kind": "state",
    }
    assessment, asked = run_interview(answers)
    assert assessment["decision"] == "authorisation_required"
    assert "youth_justice_supervisor" in assessment["authorities_required"]
    assert "victim.consulted" not in asked


def test_answering_a_second_cannabis_possession_ends_with_a_conditional_caution():
    answers = {
        **ADULT_THEFT_ANSWERS,
        "offence.category": "drugs_possession",
        "offence.drug.personal_use": "yes",
        "offence.drug.substance": "cannabis",
        "offence.drug.class": "B",
        "offender.previous_outcomes": "community_resolution",
        "offender.previous_outcomes.0.date": "2023-06-01",
        "offender.previous_outcomes.0.category": "drugs_possession",
        "offender.previous_outcomes.0.substance": "cannabis",
        "victim.kind": "state",
    }
    assessment, _ = run_interview(answers)
    assert assessment["decision"] == "not_eligible"
    assert assessment["recommended_disposal"] == "conditional_caution"


def test_a_finished_interview_decides_as_the_engine_does_on_the_facts():
    document = START
    for _ in range(80):
        questions = next_questions(document, today=TODAY)
        if not questions:
            break
        field = questions[0].field
        document = apply_answer(document, field, ADULT_THEFT_ANSWERS.get(field, ""), today=TODAY)
    assert assess_document(document)["decision"] == "eligible"
    assert document["offence"]["knife_or_weapon"] is False  # the default, now confirmed


# -- any answers at all end in a decision ----------------------------------------------

_EARLIEST = date(1930, 1, 1)


@st.composite
def candidate_answers(draw, question):
    """Typed answers for one question, in a drawn order; at least one of them is valid.

    Mostly the answer of an eligible adult theft comes first, so that long
    interviews (victim, officer, authority-only facts) are explored as well as
    early exclusions."""
    if question.multiple:
        kinds = draw(st.lists(st.integers(2, len(question.options)), max_size=3))
        values = [",".join(map(str, kinds)) or "none"]
    elif question.answer_type == "date":
        dates = st.dates(min_value=_EARLIEST, max_value=TODAY).map(date.isoformat)
        # The earliest date is valid for any date asked before the date of birth; today is
        # valid after it (a previous outcome falls between birth and the assessment).
        values = [
            *draw(st.lists(dates, min_size=1, max_size=3)),
            _EARLIEST.isoformat(),
            TODAY.isoformat(),
        ]
    else:
        if question.answer_type == "bool":
            values = ["yes", "no", "y", "n", "true", "false"]
        elif question.answer_type == "enum":
            values = [str(i) for i in range(1, len(question.options) + 1)]
            values += [v for v, _ in question.options]
        elif question.answer_type == "int":
            values = [str(i) for i in range(7)]
        else:
            values = ["text"]
        if question.has_default:
            values.append("")
        values = draw(st.permutations(values))
    usual = ADULT_THEFT_ANSWERS.get(question.field, "" if question.has_default else None)
    if usual is not None and draw(st.sampled_from((True, True, True, True, False))):
        values.insert(0, usual)
    return values


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_answering_the_first_question_with_any_valid_value_ends_in_a_decision(data):
    document = START
    for _ in range(80):
        state = review(document, today=TODAY)
        if not state.questions:
            assert state.assessment["decision"] != "incomplete", state.assessment["missing"]
            return
        question = state.questions[0]
        for raw in data.draw(candidate_answers(question)):
            try:
                document = apply_answer(document, question.field, raw, today=TODAY)
                break
            except AnswerError:
                continue
        else:
            raise AssertionError(f"no valid answer was tried for {question.field}")
    raise AssertionError("no decision after 80 answers")


# -- apply_answer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, value",
    [("yes", True), ("Y", True), ("true", True), ("no", False), (" n ", False), ("FALSE", False)],
)
def test_a_yes_or_no_answer_is_read(raw, value):
    assert apply_answer(START, "offender.consents", raw)["offender"]["consents"] is value


def test_an_answer_that_is_not_yes_or_no_is_refused_naming_the_field():
    with pytest.raises(AnswerError, match=r"^offender\.consents: must be yes or no"):
        apply_answer(START, "offender.consents", "maybe")


def test_a_date_answer_is_kept_as_written():
    assert apply_answer(START, "offence.date", "2024-02-20")["offence"]["date"] == "2024-02-20"


@pytest.mark.parametrize("raw", ["20/02/2024", "2024-02-30", "20240220", "yesterday"])
def test_a_date_not_written_yyyy_mm_dd_is_refused(raw):
    with pytest.raises(AnswerError, match=r"^offence\.date: must be a real date"):
        apply_answer(START, "offence.date", raw)


def test_an_option_is_chosen_by_its_number():
    document = apply_answer(START, "offence.category", "7")
    assert document["offence"]["category"] == "weapon_possession"


def test_an_option_is_chosen_by_its_value_in_any_case():
    document = apply_answer(START, "offence.drug.class", "a")
    assert document["offence"]["drug"] == {"class": "A"}


@pytest.mark.parametrize("raw", ["0", "16", "shoplifting"])
def test_an_option_that_does_not_exist_is_refused(raw):
    with pytest.raises(AnswerError, match=r"^offence\.category: must be a number from 1 to 15"):
        apply_answer(START, "offence.category", raw)


def test_a_whole_number_is_read():
    document = apply_answer(START, "offence.gravity.base_score", "2")
    assert document["offence"]["gravity"] == {"base_score": 2}


def test_a_number_that_is_not_whole_is_refused():
    with pytest.raises(AnswerError, match=r"^offence\.gravity\.base_score: must be a whole"):
        apply_answer(START, "offence.gravity.base_score", "1.5")


def test_a_score_off_the_matrix_is_refused():
    document = {**START, "offence": {"gravity": {"matrix": "adult"}}}
    with pytest.raises(AnswerError, match=r"^offence\.gravity\.base_score: must be from 1 to 4"):
        apply_answer(document, "offence.gravity.base_score", "5")


def test_an_empty_answer_gives_the_contract_default():
    document = apply_answer(START, "offence.domestic_abuse", "")
    assert document["offence"]["domestic_abuse"] == "none"


def test_an_empty_answer_without_a_default_is_refused():
    with pytest.raises(AnswerError, match=r"^offender\.consents: an answer is needed"):
        apply_answer(START, "offender.consents", "  ")


def test_an_answer_that_contradicts_another_fact_is_refused_naming_both():
    document = {**START, "offence": {"date": "2024-02-20"}}
    with pytest.raises(AnswerError) as caught:
        apply_answer(document, "offender.date_of_birth", "2024-02-21")
    assert str(caught.value).startswith("offender.date_of_birth: ")
    assert "after the offence date" in str(caught.value)


def test_an_offence_date_after_the_assessment_is_refused():
    with pytest.raises(AnswerError, match=r"^offence\.date: is after assessed_on"):
        apply_answer(START, "offence.date", "2024-03-02")


def test_applying_an_answer_leaves_the_given_document_alone():
    document = {**START, "offence": {"category": "theft"}}
    apply_answer(document, "offence.date", "2024-02-20")
    assert document == {**START, "offence": {"category": "theft"}}


def test_no_previous_outcomes_is_an_empty_list():
    document = apply_answer(START, "offender.previous_outcomes", "none")
    assert document["offender"]["previous_outcomes"] == []


def test_previous_outcomes_are_listed_by_number_or_value():
    document = apply_answer(START, "offender.previous_outcomes", "2, 2 conviction")
    assert document["offender"]["previous_outcomes"] == [
        {"outcome": "community_resolution"},
        {"outcome": "community_resolution"},
        {"outcome": "conviction"},
    ]


def test_none_with_other_previous_outcomes_is_refused():
    with pytest.raises(AnswerError, match=r"^offender\.previous_outcomes: none cannot be given"):
        apply_answer(START, "offender.previous_outcomes", "none,2")


def test_a_previous_outcome_item_is_answered_by_index():
    document = apply_answer(START, "offender.previous_outcomes", "conviction")
    document = apply_answer(document, "offender.previous_outcomes.0.category", "theft")
    assert document["offender"]["previous_outcomes"] == [
        {"outcome": "conviction", "category": "theft"}
    ]


def test_an_item_that_does_not_exist_is_refused():
    with pytest.raises(AnswerError, match=r"^offender\.previous_outcomes\.3\.date: there is no"):
        apply_answer(
            {**START, "offender": {"previous_outcomes": []}},
            "offender.previous_outcomes.3.date",
            "2023-01-01",
        )


def test_a_path_that_is_not_a_fact_is_refused():
    with pytest.raises(AnswerError, match=r"^offence\.colour: is not a fact"):
        apply_answer(START, "offence.colour", "red")


def test_an_offence_date_before_the_offenders_birth_says_the_date_of_birth_in_words():
    """Issue 13: not "that answer makes offender.date_of_birth wrong: ..."."""
    document = {"offender": {"date_of_birth": "2000-01-01"}}
    with pytest.raises(AnswerError) as raised:
        apply_answer(document, "offence.date", "1999-01-01", today=date(2024, 3, 1))
    message = error_message(raised.value.path, raised.value.problem)
    assert message == (
        "Date of the offence must be on or after the offender's date of birth (1 January 2000)"
    )
    apply_answer(document, "offence.date", "2000-01-01", today=date(2024, 3, 1))  # born that day

"""crs.policy.questions.question_for: the question for any fact, asked or already answered."""

from datetime import date

import pytest

from crs.policy.questions import AnswerError, apply_answer, next_questions, question_for

TODAY = date(2024, 3, 1)
START = {"assessed_on": "2024-03-01", "offence": {"category": "theft", "date": "2024-02-20"}}


def test_question_for_an_unanswered_fact_is_the_question_next_questions_asks():
    asked = {q.field: q for q in next_questions(START, today=TODAY)}
    field = next(iter(asked))
    assert question_for(field, START, needed=asked[field].needed) == asked[field]


def test_question_for_an_answered_fact_is_still_worded_so_a_change_link_can_ask_it():
    answered = apply_answer(START, "offender.consents", "yes", today=TODAY)
    assert "offender.consents" not in [q.field for q in next_questions(answered, today=TODAY)]
    q = question_for("offender.consents", answered, needed=False)
    assert q.field == "offender.consents"
    assert q.answer_type == "bool"
    assert not q.needed


def test_question_for_a_previous_outcome_names_the_item_by_its_number_and_kind():
    document = apply_answer(START, "offender.previous_outcomes", "simple_caution", today=TODAY)
    q = question_for("offender.previous_outcomes.0.date", document, needed=True)
    assert "1" in q.text and "caution" in q.text.lower()


def test_question_for_a_path_that_is_not_a_fact_raises_key_error():
    with pytest.raises(KeyError):
        question_for("offender.shoe_size", START, needed=False)


def test_the_prosecution_question_uses_4_2_1s_words_and_says_evidence_is_not_enough():
    # Ruling R27: the bare phrase "suitable for prosecution" is not put to the officer.
    q = question_for("offence.suitable_for_prosecution", START, needed=False)
    assert "circumstances and severity of the offence" in q.text
    assert "should result in a court prosecution" in q.text
    assert "suitable for prosecution" not in q.text
    assert "evidence enough to charge does not make it so" in q.help


def test_an_answer_giving_a_matrix_the_age_does_not_allow_names_the_matrix():
    # Ruling R29: a 15-year-old on 2024-03-01 is scored on the child matrix.
    document = {**START, "offender": {"date_of_birth": "2008-06-15"}}
    with pytest.raises(AnswerError) as raised:
        apply_answer(document, "offence.gravity.matrix", "adult", today=TODAY)
    assert raised.value.path == "offence.gravity.matrix"
    assert "must be child" in raised.value.problem

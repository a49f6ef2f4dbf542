"""crs.policy.questions.question_for: the question for any fact, asked or already answered."""

from datetime import date

import pytest

from crs.policy.questions import apply_answer, next_questions, question_for

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

"""Facts that follow from other facts are not asked (crs.policy.derived): the flags a category
decides, coercive control outside domestic abuse, and the gravity matrix (Ruling R29).
Every case is assessed on 2024-03-01."""

from datetime import date

import pytest

from crs.policy.derived import decided_flags, filled, matrix_for
from crs.policy.questions import apply_answer, review

TODAY = date(2024, 3, 1)
START = {"assessed_on": "2024-03-01"}


def asked(document) -> list[str]:
    return [q.field for q in review(document, today=TODAY).questions]


def answered(*pairs, document=START) -> dict:
    for field, raw in pairs:
        document = apply_answer(document, field, raw, today=TODAY)
    return document


def test_a_theft_is_not_asked_about_a_knife_or_a_sexual_offence():
    questions = asked(answered(("offence.category", "theft")))
    assert "offence.knife_or_weapon" not in questions
    assert "offence.sexual" not in questions


def test_what_a_theft_decides_is_written_into_the_facts_as_confirmed():
    offence = answered(("offence.category", "theft"))["offence"]
    assert (offence["knife_or_weapon"], offence["sexual"]) == (False, False)
    assert "traffic" not in offence


def test_a_theft_is_still_asked_whether_it_is_a_traffic_offence():
    # Aggravated vehicle-taking is recorded as theft and carries an endorsement (2.3.1).
    assert "offence.traffic" in asked(answered(("offence.category", "theft")))


@pytest.mark.parametrize("category", ["assault", "robbery", "other"])
def test_an_offence_that_can_involve_a_knife_is_asked_about_one(category):
    assert "offence.knife_or_weapon" in asked(answered(("offence.category", category)))


def test_a_category_that_implies_a_flag_leaves_it_to_the_engine():
    assert "offence.knife_or_weapon" not in decided_flags("weapon_possession")
    assert "offence.sexual" in decided_flags("weapon_possession")


def test_changing_the_category_asks_again_what_the_old_one_decided():
    document = answered(("offence.category", "theft"), ("offence.category", "assault"))
    assert "knife_or_weapon" not in document["offence"]
    assert "offence.knife_or_weapon" in asked(document)


def test_an_excluded_category_still_stops_the_interview_at_once():
    document = answered(("offence.category", "weapon_possession"))
    assert asked(document)[0] == "offence.exceptional_circumstances"
    document = answered(("offence.exceptional_circumstances", "no"), document=document)
    state = review(document, today=TODAY)
    assert (state.settled, state.questions) == (True, [])


def test_coercive_control_is_not_asked_when_the_offence_is_not_domestic_abuse():
    document = answered(("offence.category", "theft"), ("offence.domestic_abuse", "none"))
    assert "offence.coercive_control" not in asked(document)
    assert document["offence"]["coercive_control"] is False


def test_coercive_control_is_asked_once_the_offence_is_domestic_abuse():
    document = answered(("offence.category", "assault"))
    assert "offence.coercive_control" not in asked(document)
    document = answered(("offence.domestic_abuse", "sibling"), document=document)
    assert "offence.coercive_control" in asked(document)


def test_domestic_abuse_found_later_asks_coercive_control_again():
    document = answered(("offence.domestic_abuse", "none"), ("offence.domestic_abuse", "apva"))
    assert "coercive_control" not in document["offence"]
    assert "offence.coercive_control" in asked(document)


def test_the_gravity_matrix_is_never_asked():
    assert "offence.gravity.matrix" not in asked(START)
    assert "offence.gravity.matrix" not in asked(answered(("offender.date_of_birth", "1990-01-01")))


def test_the_date_of_birth_writes_the_matrix_of_the_age_on_the_assessment_date():
    # Ruling R29: 18 on the assessment date is the adult matrix, 17 the child's.
    adult = answered(("offender.date_of_birth", "2006-03-01"))
    child = answered(("offender.date_of_birth", "2006-03-02"))
    assert adult["offence"]["gravity"]["matrix"] == "adult"
    assert child["offence"]["gravity"]["matrix"] == "child"


def test_a_door_that_keeps_the_date_of_birth_elsewhere_fills_the_matrix_from_it():
    document = filled({"offence": {"category": "theft"}}, today=TODAY, born=date(2010, 5, 5))
    assert document["offence"]["gravity"] == {"matrix": "child"}


def test_the_matrix_follows_a_changed_date_of_birth():
    document = answered(("offender.date_of_birth", "2010-01-01"))
    document = answered(("offender.date_of_birth", "1990-01-01"), document=document)
    assert document["offence"]["gravity"]["matrix"] == "adult"


def test_a_case_with_scores_but_no_matrix_is_assessed_with_the_matrix_of_its_age():
    document = {
        **START,
        "offender": {"date_of_birth": "1990-01-01"},
        "offence": {"gravity": {"base_score": 4, "final_score": 4}},
    }
    state = review(document, today=TODAY)
    assert "offence.gravity.matrix" not in state.assessment["missing"]


def test_the_matrix_is_left_alone_when_the_date_of_birth_is_unknown():
    assert filled({"offence": {}}, today=TODAY) == {"offence": {}}
    assert matrix_for(date(2000, 2, 29), date(2018, 2, 28)) == "child"  # Ruling R36

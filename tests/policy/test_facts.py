"""The case facts: what is accepted, what is unknown, and how errors name the field."""

import copy
import json
from datetime import date

import pytest

from crs.policy import FactsError, parse_facts

from ..conftest import EXAMPLES

BASE = json.loads((EXAMPLES / "01-adult-shop-theft.facts.json").read_text())


def with_(path: str, value, *, base=BASE) -> dict:
    doc = copy.deepcopy(base)
    *parents, last = path.split(".")
    target = doc
    for part in parents:
        target = target.setdefault(part, {}) if not part.isdigit() else target[int(part)]
    target[last] = value
    return doc


def error_of(doc) -> FactsError:
    with pytest.raises(FactsError) as raised:
        parse_facts(doc, today=date(2024, 4, 10))
    return raised.value


def test_a_valid_case_is_parsed_with_dates_and_defaults():
    facts = parse_facts(BASE)
    assert facts.offence.date == date(2024, 4, 2)
    assert facts.offence.knife_or_weapon is False  # default
    assert facts.offence.domestic_abuse == "none"  # default
    assert facts.offender.vulnerable is False
    assert facts.victim.kind == "organisation"


def test_a_key_left_out_without_a_default_is_unknown():
    doc = copy.deepcopy(BASE)
    del doc["offender"]["consents"]
    assert parse_facts(doc).offender.consents is None


def test_a_group_left_out_is_a_group_of_unknowns_and_remembered():
    doc = copy.deepcopy(BASE)
    del doc["victim"]
    facts = parse_facts(doc)
    assert facts.victim.kind is None
    assert facts.absent == ("victim",)


def test_assessed_on_defaults_to_the_day_the_door_gives():
    doc = copy.deepcopy(BASE)
    del doc["assessed_on"]
    assert parse_facts(doc, today=date(2024, 5, 1)).assessed_on == date(2024, 5, 1)


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        ("victim.mood", "angry", "victim.mood", "unknown key"),
        ("offence.severity", 3, "offence.severity", "unknown key"),
        ("offender.consents", "yes", "offender.consents", "true or false"),
        ("offender.consents", 1, "offender.consents", "true or false"),
        ("offence.category", "arson", "offence.category", "one of"),
        ("offence.date", "2024-02-30", "offence.date", "real date"),
        ("offence.date", "20240220", "offence.date", "real date"),
        ("offence.date", 20240220, "offence.date", "real date"),
        ("offence.gravity.base_score", 1.5, "offence.gravity.base_score", "whole number"),
        ("offence.gravity.base_score", True, "offence.gravity.base_score", "whole number"),
        ("offence.gravity.final_score", 5, "offence.gravity.final_score", "from 1 to 4"),
        ("offence.gravity.final_score", 0, "offence.gravity.final_score", "from 1 to 4"),
        ("offence.gravity.final_score", 3, "offence.gravity.final_score", "within 1"),
        ("offence.knife_or_weapon", None, "offence.knife_or_weapon", "not be null"),
        ("offender.previous_outcomes", {}, "offender.previous_outcomes", "list"),
        (
            "offender.previous_outcomes",
            [{"date": "2023-01-01"}],
            "offender.previous_outcomes.0.outcome",
            "required",
        ),
        (
            "offender.previous_outcomes",
            [{"outcome": "community_resolution", "when": 1}],
            "offender.previous_outcomes.0.when",
            "unknown key",
        ),
        (
            "offender.previous_outcomes",
            [{"outcome": "caution"}],
            "offender.previous_outcomes.0.outcome",
            "one of",
        ),
        ("offender.date_of_birth", "2024-04-03", "offender.date_of_birth", "after the offence"),
        ("offence.date", "2024-04-11", "offence.date", "after assessed_on"),
        ("offence.drug", {"class": "B"}, "offence.drug", "drugs_possession"),
        ("victim", [], "victim", "object"),
    ],
)
def test_invalid_facts_name_the_field_and_the_problem(path, value, field, words):
    err = error_of(with_(path, value))
    assert err.path == field
    assert words in str(err)
    assert "\n" not in str(err)


def test_a_whole_number_written_with_a_point_is_that_number():
    # JSON Schema's "integer" takes 2.0, so the published schema cannot refuse it (0012).
    doc = with_("offence.gravity", {"matrix": "adult", "base_score": 2.0, "final_score": 3})
    score = parse_facts(doc).offence.gravity.base_score
    assert score == 2 and type(score) is int


def test_a_category_that_implies_a_flag_cannot_deny_it():
    doc = with_("offence.category", "weapon_possession")
    doc["offence"]["knife_or_weapon"] = False
    assert error_of(doc).path == "offence.knife_or_weapon"


def test_a_child_matrix_score_of_five_is_valid_and_an_adult_one_is_not():
    child = with_("offence.gravity", {"matrix": "child", "base_score": 5, "final_score": 5})
    child["offender"]["date_of_birth"] = "2010-01-31"  # under 18: the child matrix (R29)
    assert parse_facts(child).offence.gravity.final_score == 5
    adult = with_("offence.gravity", {"matrix": "adult", "base_score": 4, "final_score": 5})
    assert error_of(adult).path == "offence.gravity.final_score"


def test_a_previous_outcome_after_the_assessment_is_impossible():
    doc = with_("offender.previous_outcomes", [{"outcome": "conviction", "date": "2024-05-01"}])
    assert error_of(doc).path == "offender.previous_outcomes.0.date"


def test_a_previous_outcome_before_the_offenders_birth_is_impossible():
    doc = with_("offender.previous_outcomes", [{"outcome": "conviction", "date": "1980-01-01"}])
    doc["offender"]["date_of_birth"] = "1990-01-31"
    error = error_of(doc)
    assert error.path == "offender.previous_outcomes.0.date"
    assert "before offender.date_of_birth (1990-01-31)" in error.problem


def test_a_previous_outcome_on_the_day_of_birth_is_possible():
    doc = with_("offender.previous_outcomes", [{"outcome": "conviction", "date": "1990-01-31"}])
    doc["offender"]["date_of_birth"] = "1990-01-31"
    assert parse_facts(doc).offender.previous_outcomes[0].date.isoformat() == "1990-01-31"


def test_the_facts_must_be_an_object():
    assert error_of([1, 2]).path == "(facts)"


def test_null_for_a_fact_without_a_default_means_unknown():
    assert parse_facts(with_("offender.consents", None)).offender.consents is None


def test_the_drug_class_key_is_read_although_class_is_a_python_keyword():
    doc = with_("offence.category", "drugs_possession")
    doc["offence"]["drug"] = {"class": "A", "substance": "other", "personal_use": True}
    assert parse_facts(doc).offence.drug.klass == "A"

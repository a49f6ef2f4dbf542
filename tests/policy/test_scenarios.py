"""Policy scenarios kept as data (tests/policy/scenarios/*.json), one file per
paragraph or ruling, each checked against the engine; every rule has one that makes it
fire (docs/policy.md links each rule to those files)."""

import copy
import json
import re
from pathlib import Path

import pytest

from crs.docs import rule_scenarios
from crs.policy import FactsError, assess_document
from crs.policy.explain import as_text
from crs.policy.rules import BY_CODE, RULES

HERE = Path(__file__).parent / "scenarios"
BASES = json.loads((HERE / "_bases.json").read_text())
FILES = sorted(p for p in HERE.glob("*.json") if not p.name.startswith("_"))


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _remove(doc: dict, path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        doc = doc[part]
    del doc[last]


def build_facts(scenario: dict) -> dict:
    facts = _merge(BASES[scenario.get("base", "adult")], scenario.get("facts", {}))
    for path in scenario.get("remove", []):
        _remove(facts, path)
    return facts


def _scenarios():
    for path in FILES:
        data = json.loads(path.read_text())
        for scenario in data["scenarios"]:
            yield pytest.param(scenario, id=f"{path.stem}::{scenario['name']}")


def test_every_scenario_file_names_its_source():
    for path in FILES:
        data = json.loads(path.read_text())
        assert "paragraph" in data or "ruling" in data, path.name
        assert data["scenarios"], path.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_scenario_that_makes_it_fire(rule):
    assert rule_scenarios(HERE)[rule.code], (
        f"no scenario in {HERE.name}/ lists {rule.code} in reasons_include: write one "
        f"that makes it fire ({rule.paragraph})"
    )


def test_every_reason_code_a_scenario_names_is_a_rule():
    """A misspelt code in reasons_exclude would pass whatever the engine does."""
    named = set()
    for path in FILES:
        for scenario in json.loads(path.read_text())["scenarios"]:
            expect = scenario["expect"]
            for key in ("reasons_include", "reasons_exclude", "reason_text_include"):
                named |= {(path.name, code) for code in expect.get(key, ())}
    assert sorted((name, code) for name, code in named if code not in BY_CODE) == []


def test_a_scenario_that_only_says_a_rule_does_not_fire_does_not_count(tmp_path):
    def scenarios(*expects):
        return {"paragraph": "2.3.2", "scenarios": [{"name": "x", "expect": e} for e in expects]}

    (tmp_path / "_bases.json").write_text(
        json.dumps(scenarios({"reasons_include": ["knife_offence"]}))
    )
    (tmp_path / "not.json").write_text(
        json.dumps(scenarios({"reasons_exclude": ["knife_offence"], "decision": "eligible"}))
    )
    (tmp_path / "fires.json").write_text(
        json.dumps(scenarios({"reason_text_include": {"traffic_offence": "traffic"}}))
    )
    found = rule_scenarios(tmp_path)
    assert found["knife_offence"] == ()
    assert found["traffic_offence"] == ("fires.json",)


@pytest.mark.parametrize("scenario", list(_scenarios()))
def test_scenario(scenario):
    expect = scenario["expect"]
    if "invalid" in expect:  # the facts are refused, naming this field
        with pytest.raises(FactsError) as raised:
            assess_document(build_facts(scenario))
        assert raised.value.path == expect["invalid"]
        return
    got = assess_document(build_facts(scenario))
    codes = [r["code"] for r in got["reasons"]]
    if "decision" in expect:
        assert got["decision"] == expect["decision"], got["reasons"]
    if "recommended_disposal" in expect:
        assert got["recommended_disposal"] == expect["recommended_disposal"]
    if "authorities" in expect:
        assert got["authorities_required"] == expect["authorities"], got["authorisations"]
    for code in expect.get("reasons_include", []):
        assert code in codes
    for code in expect.get("reasons_exclude", []):
        assert code not in codes
    if "missing" in expect:
        assert got["missing"] == expect["missing"]
    for path in expect.get("missing_include", []):
        assert path in got["missing"]
    for rid in expect.get("interpretations_include", []):
        assert rid in got["interpretations"]
    for rid in expect.get("interpretations_exclude", []):
        assert rid not in got["interpretations"]
    for record in expect.get("records_include", []):
        assert record in got["records_required"]
    for record in expect.get("records_exclude", []):
        assert record not in got["records_required"]
    for key, value in expect.get("deadlines", {}).items():
        assert got["deadlines"][key] == value
    if "authorisation_entries" in expect:  # [authority, paragraph] of each entry, exactly
        entries = [[a["authority"], a["paragraph"]] for a in got["authorisations"]]
        assert entries == expect["authorisation_entries"], got["authorisations"]
    for code, words in expect.get("reason_text_include", {}).items():
        (text,) = [r["text"] for r in got["reasons"] if r["code"] == code]
        assert words in text


@pytest.mark.parametrize("scenario", list(_scenarios()))
def test_reason_texts_name_no_rule_code(scenario):
    """A reason is read by people (the case page, the 1912, letters): it may name the SOP's
    paragraphs, never the engine's own codes for its rules (issue 13: "In place of a Sergeant
    for: victim_does_not_support_cr")."""
    if "invalid" in scenario["expect"]:
        return
    got = assess_document(build_facts(scenario))
    texts = [r["text"] for r in got["reasons"]] + [a["reason"] for a in got["authorisations"]]
    for text in texts:
        named = [code for code in BY_CODE if code in text]
        assert not named, f"{text!r} names {named}"


@pytest.mark.parametrize("scenario", list(_scenarios()))
def test_the_text_explanation_is_in_words(scenario):
    """`crs assess --format text` is for a person (issue 13, Ruling R37): paragraphs and
    rulings by number; no rule code, dotted fact path, option code or ISO date."""
    if "invalid" in scenario["expect"]:
        return
    text = as_text(assess_document(build_facts(scenario)))
    assert not [code for code in BY_CODE if code in text]
    assert not re.search(r"\b(offence|offender|victim|officer)\.[a-z]", text), text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), text

"""Reason texts take their periods from the pack (issue 15): a force whose window is 24
months, or whose deferred outcomes are due within 20 weeks, is told so in every reason,
through the engine, the batch, the text for a person and the documentation."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from crs.docs import rules_md
from crs.policy import assess_document, load_pack, parse_facts
from crs.policy.batch import AnswerText
from crs.policy.engine import assess
from crs.policy.pack import PACKS_DIR
from crs.policy.rules import RULES
from crs.policy.wording import fill

from ..conftest import EXAMPLES, run_crs

DEFAULT = PACKS_DIR / "o32g-2023-07.toml"
LONGER = f"""extends = "{DEFAULT}"
policy = "LONGSHIRE"
version = "2030-01"
[history]
window_months = 24
[deadlines]
outcomes_weeks = 20
parent_guardian_hours = 48
"""


@pytest.fixture(scope="module")
def longer_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("packs") / "longshire.toml"
    path.write_text(LONGER)
    return path


@pytest.fixture(scope="module")
def longer(longer_path):
    return load_pack(longer_path)


def shop_theft() -> dict:
    return json.loads((EXAMPLES / "01-adult-shop-theft.facts.json").read_text())


def child(document: dict) -> dict:
    document["offender"]["date_of_birth"] = "2010-01-31"
    document["offence"]["gravity"] = {"matrix": "child", "base_score": 2, "final_score": 2}
    return document


def offending_18_months_before() -> dict:
    """A penalty notice 18 months before the offence: recent under 24 months, not under 12."""
    document = shop_theft()
    document["offender"]["previous_outcomes"] = [
        {"outcome": "penalty_notice", "date": "2022-10-01", "category": "theft"}
    ]
    return document


def a_cr_18_months_before() -> dict:
    document = shop_theft()
    document["offender"]["previous_outcomes"] = [
        {"outcome": "community_resolution", "date": "2022-10-01", "category": "theft"}
    ]
    return document


def two_crs_within_two_years() -> dict:
    document = shop_theft()
    document["offender"]["previous_outcomes"] = [
        {"outcome": "community_resolution", "date": "2022-10-01", "category": "theft"},
        {"outcome": "community_resolution", "date": "2022-12-01", "category": "theft"},
    ]
    return document


def assessed_21_weeks_after() -> dict:
    document = shop_theft()
    document["assessed_on"] = "2024-08-27"  # offence 2024-04-02 + 21 weeks
    return document


def reason(assessment: dict, code: str) -> str:
    return next(r["text"] for r in assessment["reasons"] if r["code"] == code)


CASES = {
    "recent_offending": (offending_18_months_before, "offending within the last 24 months"),
    "second_cr_similar_offence": (
        a_cr_18_months_before,
        "A second CR for a similar offence within 24 months",
    ),
    "repeat_community_resolutions": (
        two_crs_within_two_years,
        "previous CRs within the 24-month window",
    ),
    "deferred_outcomes_deadline_passed": (
        assessed_21_weeks_after,
        "More than 20 weeks have passed since the offence",
    ),
    "juvenile_parent_guardian": (lambda: child(shop_theft()), "inform them within 48 hours."),
}


@pytest.mark.parametrize("code", CASES)
def test_the_engine_words_each_reason_with_the_packs_period(code, longer):
    make, words = CASES[code]
    text = reason(assess_document(make(), pack=longer), code)
    assert words in text
    assert "12 month" not in text and "16 weeks" not in text and "24 hours" not in text


def test_an_authority_asked_for_gives_the_packs_window_in_its_reason(longer):
    entry = next(
        a
        for a in assess_document(a_cr_18_months_before(), pack=longer)["authorisations"]
        if a["code"] == "second_cr_similar_offence"
    )
    assert "within 24 months" in entry["reason"]


@pytest.mark.parametrize("code", CASES)
def test_the_batch_gives_the_same_bytes_as_the_engine_under_a_force_pack(code, longer):
    facts = parse_facts(CASES[code][0]())
    engine = orjson.dumps(assess(facts, longer), option=orjson.OPT_APPEND_NEWLINE)
    assert b"".join(AnswerText().parts(facts, longer)) == engine


def test_the_default_pack_still_says_12_months_16_weeks_and_24_hours():
    recent = offending_18_months_before()
    recent["offender"]["previous_outcomes"][0]["date"] = "2023-10-01"
    assert "within the last 12 months:" in reason(assess_document(recent), "recent_offending")
    assert "More than 16 weeks have passed" in reason(
        assess_document(assessed_21_weeks_after()), "deferred_outcomes_deadline_passed"
    )
    assert "within 24 hours." in reason(
        assess_document(child(shop_theft())), "juvenile_parent_guardian"
    )


def test_a_batch_under_a_force_pack_says_its_window(longer_path, tmp_path):
    lines = tmp_path / "cases.jsonl"
    lines.write_text(
        "\n".join(json.dumps(make()) for make, _ in CASES.values()) + "\n", encoding="utf-8"
    )
    done = run_crs("assess", "--batch", "--pack", str(longer_path), str(lines))
    assert done.returncode == 0, done.stderr
    # The reasons' own texts: each also quotes the SOP, whose numbers stay the SOP's.
    texts = " ".join(
        text
        for line in done.stdout.decode().splitlines()
        for answer in [json.loads(line)]
        for text in [r["text"] for r in answer["reasons"]]
        + [a["reason"] for a in answer["authorisations"]]
    )
    for _, words in CASES.values():
        assert words in texts
    assert "12 month" not in texts and "16 weeks" not in texts


def test_the_text_for_a_person_says_the_packs_window(longer_path, tmp_path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(offending_18_months_before()))
    done = run_crs("assess", "--format", "text", "--pack", str(longer_path), str(facts))
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.decode().split())  # the text is wrapped
    assert "offending within the last 24 months" in text


def test_the_rules_documentation_for_a_pack_says_its_periods(longer):
    text = rules_md(longer)
    assert "There is offending within the last 24 months:" in text
    assert "More than 20 weeks have passed" in text
    assert "within 48 hours." in text
    # Only the SOP's own words, quoted, keep its numbers.
    unquoted = [line for line in text.splitlines() if not line.startswith("> SOP")]
    assert not [line for line in unquoted if "12 months" in line or "16 weeks" in line]


def test_every_rule_text_reads_as_before_under_the_default_pack():
    """The placeholders give back the SOP's own numbers: the shared examples, the contract
    and docs/rules.md hold them (their tests compare bytes)."""
    default = load_pack(DEFAULT)
    filled = {r.code: fill(r.text, default) for r in RULES}
    assert all("{" not in text for text in filled.values())
    assert "within a 12" not in filled["recent_offending"]
    assert "within the last 12 months:" in filled["recent_offending"]
    assert "within the 12-month window" in filled["repeat_community_resolutions"]


def test_a_rule_text_with_an_unknown_placeholder_is_refused_when_declared():
    from crs.policy.rule import rule

    with pytest.raises(ValueError, match="placeholders"):
        rule("4.4.4", code="misspelt_period", effect="informs", text="Within {windw}.")

"""The engine's own mechanics: rule skipping by topic, ordering, combination."""

import json

import pytest

from crs.policy import assess, pack_for, parse_facts
from crs.policy.rules import RULES

from ..conftest import EXAMPLES
from .test_scenarios import _scenarios, build_facts

ALL_FACTS = [
    build_facts(p.values[0]) for p in _scenarios() if "invalid" not in p.values[0]["expect"]
] + [
    json.loads(p.read_text())
    for p in sorted(EXAMPLES.glob("*.facts.json"))
    if "unknown-key" not in p.name
]


@pytest.mark.parametrize("document", ALL_FACTS)
def test_skipping_rules_off_topic_changes_nothing(document):
    facts = parse_facts(document)
    pack = pack_for(facts.assessed_on)
    assert assess(facts, pack) == assess(facts, pack, every_rule=True)


def test_rules_run_in_sop_order():
    keys = [r.order for r in RULES]
    assert keys == sorted(keys)


def test_reasons_are_listed_in_sop_order():
    document = build_facts(
        {
            "facts": {
                "offence": {"domestic_abuse": "apva", "hate_crime": True},
                "offender": {"pre_charge_bail": True},
                "officer": {"rj_level1_trained": False},
            }
        }
    )
    got = assess(parse_facts(document), pack_for(parse_facts(document).assessed_on))
    order = [tuple(int(x) for x in r["paragraph"].split(".")) for r in got["reasons"]]
    assert len(order) >= 4
    assert order == sorted(order)

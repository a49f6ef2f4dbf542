"""The batch writes its answers as text straight from the rules' findings
(docs/decisions/0008-engine-speed.md): byte for byte what orjson writes of
`engine.assess`'s answer."""

import copy

import orjson
import pytest
from hypothesis import given

from crs.policy import assess, pack_for, parse_facts
from crs.policy.batch import AnswerText

from .strategies import TODAY
from .test_properties import DOCUMENTS, SETTINGS
from .test_scenarios import _scenarios, build_facts

# One writer for every example, so that its tables of written parts are reused as in a batch.
WRITER = AnswerText()


@SETTINGS
@given(DOCUMENTS)
def test_the_batch_writes_each_answer_as_orjson_writes_the_engines(document):
    facts = parse_facts(copy.deepcopy(document), today=TODAY)
    pack = pack_for(facts.assessed_on)
    expected = orjson.dumps(assess(facts, pack), option=orjson.OPT_APPEND_NEWLINE)
    assert b"".join(WRITER.parts(facts, pack)) == expected


def _same_as_the_engine(document) -> dict:
    facts = parse_facts(copy.deepcopy(document), today=TODAY)
    pack = pack_for(facts.assessed_on)
    answer = assess(facts, pack)
    expected = orjson.dumps(answer, option=orjson.OPT_APPEND_NEWLINE)
    assert b"".join(WRITER.parts(facts, pack)) == expected
    return answer


@pytest.mark.parametrize("scenario", list(_scenarios()))
def test_the_batch_agrees_with_the_engine_on_every_scenario(scenario):
    # Every ruling's edges (tests/policy/scenarios), the R37 merges and R35/R36 notes among them.
    if "invalid" not in scenario["expect"]:
        _same_as_the_engine(build_facts(scenario))


def test_the_batch_merges_authorisations_of_one_paragraph_as_the_engine_does():
    document = build_facts(
        {
            "facts": {"victim": {"kind": "state"}, "officer": {"rj_level1_trained": False}},
            "remove": [
                "victim.consulted",
                "victim.consents",
                "victim.opportunity_to_express_views",
            ],
        }
    )
    answer = _same_as_the_engine(document)
    (entry,) = answer["authorisations"]
    assert entry["codes"] == ["officer_not_rj_trained", "no_identifiable_victim"]

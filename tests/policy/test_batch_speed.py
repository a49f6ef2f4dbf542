"""The batch writes its answers as text straight from the rules' findings
(docs/decisions/0008-engine-speed.md): byte for byte what orjson writes of
`engine.assess`'s answer."""

import copy

import orjson
from hypothesis import given

from crs.policy import assess, pack_for, parse_facts
from crs.policy.batch import AnswerText

from .strategies import TODAY
from .test_properties import DOCUMENTS, SETTINGS

# One writer for every example, so that its tables of written parts are reused as in a batch.
WRITER = AnswerText()


@SETTINGS
@given(DOCUMENTS)
def test_the_batch_writes_each_answer_as_orjson_writes_the_engines(document):
    facts = parse_facts(copy.deepcopy(document), today=TODAY)
    pack = pack_for(facts.assessed_on)
    expected = orjson.dumps(assess(facts, pack), option=orjson.OPT_APPEND_NEWLINE)
    assert b"".join(WRITER.parts(facts, pack)) == expected

"""The pydantic models and JSON Schema (crs.policy.schema) against the engine and the parser.

The facts are declared once (crs.policy.facts.FACTS); the fast parser and the
pydantic models are both derived from it, and these tests check, with
hypothesis, that they accept and refuse the same documents at the same path
(docs/decisions/0002-facts-parser.md). Every assessment the engine gives must
validate against AssessmentModel, so a key the engine starts to output must be
declared there first.
"""

import json
import re
import subprocess
import sys

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from crs.policy import assess_document
from crs.policy.facts import FACTS, FactsError, parse_facts
from crs.policy.schema import (
    ASSESSMENT_SCHEMA_ID,
    FACTS_SCHEMA_ID,
    AssessmentModel,
    FactsModel,
    schemas,
)

from ..conftest import EXAMPLES, ROOT, run_crs
from .strategies import (
    BASES,
    TODAY,
    facts_documents,
    inconsistent_documents,
    mutated_documents,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLE_FACTS = sorted(EXAMPLES.glob("*.facts.json"))
VALID_EXAMPLES = [
    p
    for p in EXAMPLE_FACTS
    if "exit_code"
    not in json.loads(p.with_name(p.name.replace(".facts.", ".expected.")).read_text())
]
DOCUMENTS = st.one_of(
    facts_documents(),
    facts_documents(near=BASES["adult"]),
    facts_documents(near=BASES["juvenile"]),
)
CONTEXT = {"today": TODAY}


def _assessment_json(document) -> bytes:
    """The assessment as the doors print it."""
    return orjson.dumps(assess_document(document, today=TODAY))


def _path(loc) -> str:
    return ".".join(str(part) for part in loc) or "(facts)"


# --- crs schema ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crs_schema():
    """What the real `crs schema` prints (run once: pydantic takes a while to import)."""
    return run_crs("schema")


def test_crs_schema_prints_the_facts_and_assessment_schemas_as_json(crs_schema):
    assert crs_schema.returncode == 0, crs_schema.stderr.decode()
    assert crs_schema.stderr == b""
    printed = json.loads(crs_schema.stdout)
    assert set(printed) == {"facts", "assessment"}
    assert printed["facts"]["$id"] == FACTS_SCHEMA_ID
    assert printed["assessment"]["$id"] == ASSESSMENT_SCHEMA_ID
    for schema in printed.values():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"]
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False


def test_printed_schema_is_exactly_what_schemas_returns(crs_schema):
    assert json.loads(crs_schema.stdout) == json.loads(json.dumps(schemas()))


def _walk_schema(schema: dict, spec, defs: dict, path: str = ""):
    """Pairs (declared field, its JSON Schema property) for every field of FACTS."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    for child in spec.children:
        prop = schema["properties"][child.name]
        yield child, prop, f"{path}.{child.name}".lstrip(".")
        inner = next((s for s in prop.get("anyOf", [prop]) if s.get("type") != "null"), prop)
        if child.kind == "object":
            yield from _walk_schema(inner, child, defs, f"{path}.{child.name}")
        elif child.kind == "list":
            yield from _walk_schema(inner["items"], child, defs, f"{path}.{child.name}")


def test_facts_schema_declares_every_field_of_facts_with_its_documentation():
    schema = schemas()["facts"]
    seen = 0
    for field, prop, path in _walk_schema(schema, FACTS, schema["$defs"]):
        seen += 1
        assert prop["description"] == field.doc, path
        if field.has_default:
            assert prop["default"] == field.default, path
    assert seen >= 40


def test_facts_schema_writes_drug_class_as_class():
    drug = schemas()["facts"]["$defs"]["Drug"]
    assert "class" in drug["properties"]
    assert "klass" not in drug["properties"]


def test_facts_schema_lists_enum_options_as_declared():
    schema = schemas()["facts"]
    for field, prop, path in _walk_schema(schema, FACTS, schema["$defs"]):
        if field.kind == "enum":
            options = next(s["enum"] for s in prop.get("anyOf", [prop]) if "enum" in s)
            assert tuple(options) == field.options, path


def test_schema_module_is_not_imported_by_the_assess_command():
    # crs assess must start without pydantic (docs/decisions/0002-facts-parser.md).
    probe = (
        "import io, sys\n"
        "from crs.cli import main\n"
        f"code = main(['assess', {str(EXAMPLE_FACTS[0])!r}])\n"
        "print(code, 'pydantic' in sys.modules, 'crs.policy.schema' in sys.modules, "
        "file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=ROOT, timeout=60)
    assert done.stderr.decode().split() == ["0", "False", "False"]


# --- The assessment model against the engine ----------------------------------------------


@pytest.mark.parametrize("facts", VALID_EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_shared_example_assessment_validates_against_the_assessment_model(facts):
    AssessmentModel.model_validate_json(_assessment_json(json.loads(facts.read_text())))


@SETTINGS
@given(DOCUMENTS)
def test_every_assessment_validates_against_the_assessment_model(document):
    AssessmentModel.model_validate_json(_assessment_json(document))


def test_assessment_model_refuses_a_key_it_does_not_declare():
    output = json.loads(_assessment_json(BASES["adult"]))
    output["deadlines"]["undeclared"] = 1
    with pytest.raises(ValidationError) as caught:
        AssessmentModel.model_validate_json(json.dumps(output))
    assert caught.value.errors()[0]["loc"] == ("deadlines", "undeclared")


def test_youth_supervisor_in_place_of_sergeant_is_declared_on_an_authorisation():
    # A juvenile on pre-charge bail: the YJS is required instead of a Sergeant (R2).
    document = json.loads(json.dumps(BASES["juvenile"]))
    document["offender"]["pre_charge_bail"] = True
    model = AssessmentModel.model_validate_json(_assessment_json(document))
    assert any(a.instead_of == "sergeant" for a in model.authorisations)


def test_pse_equivalent_allowed_is_declared_on_an_authorisation():
    document = json.loads(json.dumps(BASES["adult"]))
    document["offender"]["released_under_investigation"] = True
    model = AssessmentModel.model_validate_json(_assessment_json(document))
    assert any(a.pse_equivalent_allowed is True for a in model.authorisations)


# --- The facts model against parse_facts --------------------------------------------------


@pytest.mark.parametrize("facts", VALID_EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_shared_example_facts_validate_against_the_facts_model(facts):
    FactsModel.model_validate(json.loads(facts.read_text()), context=CONTEXT)


@SETTINGS
@given(DOCUMENTS)
def test_facts_model_and_parser_both_accept_a_valid_document(document):
    parse_facts(document, today=TODAY)
    FactsModel.model_validate(document, context=CONTEXT)
    FactsModel.model_validate_json(orjson.dumps(document), context=CONTEXT)


@SETTINGS
@given(DOCUMENTS)
def test_facts_model_keeps_what_the_document_says(document):
    model = FactsModel.model_validate(document, context=CONTEXT)
    assert model.model_dump(mode="json", by_alias=True, exclude_unset=True) == document


@SETTINGS
@given(st.one_of(mutated_documents(), mutated_documents(near=BASES["adult"])))
def test_facts_model_and_parser_refuse_a_structural_fault_at_the_same_path(case):
    document, path, _fault = case
    with pytest.raises(FactsError) as parsed:
        parse_facts(document, today=TODAY)
    assert parsed.value.path == path
    with pytest.raises(ValidationError) as validated:
        FactsModel.model_validate(document, context=CONTEXT)
    errors = validated.value.errors()
    # The model itself must see the fault, not only the parser it calls for cross-field checks.
    assert all(e["type"] != "facts_inconsistent" for e in errors), errors
    assert _path(errors[0]["loc"]) == path, errors


@SETTINGS
@given(st.one_of(inconsistent_documents(), inconsistent_documents(near=BASES["adult"])))
def test_facts_model_and_parser_refuse_an_impossible_value_at_the_same_path(case):
    document, path = case
    with pytest.raises(FactsError) as parsed:
        parse_facts(document, today=TODAY)
    assert parsed.value.path == path
    with pytest.raises(ValidationError) as validated:
        FactsModel.model_validate(document, context=CONTEXT)
    (error,) = validated.value.errors()
    assert error["type"] == "facts_inconsistent"
    assert _path(error["loc"]) == path
    assert error["msg"] == parsed.value.problem


def test_facts_model_reads_drug_class_by_its_json_name():
    document = json.loads(json.dumps(BASES["adult"]))
    document["offence"]["category"] = "drugs_possession"
    document["offence"]["drug"] = {"class": "B", "substance": "cannabis", "personal_use": True}
    model = FactsModel.model_validate(document, context=CONTEXT)
    assert model.offence.drug.klass == "B"


def test_facts_model_refuses_drug_klass_spelt_as_the_python_name():
    document = {"offence": {"category": "drugs_possession", "drug": {"klass": "B"}}}
    with pytest.raises(ValidationError) as caught:
        FactsModel.model_validate(document, context=CONTEXT)
    assert caught.value.errors()[0]["loc"] == ("offence", "drug", "klass")


def test_facts_model_refuses_null_for_a_field_with_a_default():
    # The parser says "leave it out for the default"; null is not the default.
    document = {"offence": {"indictable_only": None}}
    with pytest.raises(ValidationError):
        FactsModel.model_validate(document, context=CONTEXT)
    with pytest.raises(FactsError):
        parse_facts(document, today=TODAY)


def test_facts_model_holds_a_left_out_fact_as_unknown_and_a_default_as_declared():
    model = FactsModel.model_validate({"offence": {}}, context=CONTEXT)
    assert model.offence.date is None
    assert model.offence.indictable_only is False
    assert model.offence.domestic_abuse == "none"
    assert model.offender is None


# --- the JSON Schema states the rules across fields it can (decision 0012) ----------------

# The faults that compare two values (dates, or an age on a date): no JSON Schema states them.
COMPARING_TWO_VALUES = re.compile(
    r"^(offence\.date|offender\.date_of_birth|offender\.previous_outcomes\.\d+\.date"
    r"|offence\.gravity\.matrix)$"
)


@pytest.fixture(scope="module")
def facts_schema():
    import jsonschema_rs

    return jsonschema_rs.validator_for(schemas()["facts"])


@SETTINGS
@given(document=DOCUMENTS)
def test_facts_schema_accepts_every_document_the_parser_accepts(facts_schema, document):
    parse_facts(document, today=TODAY)
    assert facts_schema.is_valid(document), list(facts_schema.iter_errors(document))[:1]


@SETTINGS
@given(st.one_of(inconsistent_documents(), inconsistent_documents(near=BASES["adult"])))
def test_facts_schema_refuses_every_impossible_value_but_those_comparing_two_values(
    facts_schema, case
):
    document, path = case
    assert facts_schema.is_valid(document) == bool(COMPARING_TWO_VALUES.match(path)), path


def test_facts_schema_takes_a_whole_number_written_with_a_point_as_the_parser_does(facts_schema):
    document = json.loads(json.dumps(BASES["adult"]))
    document["offence"]["gravity"] = {"matrix": "adult", "base_score": 2.0, "final_score": 3}
    assert facts_schema.is_valid(document)
    assert parse_facts(document, today=TODAY).offence.gravity.base_score == 2
    assert FactsModel.model_validate(document, context=CONTEXT).offence.gravity.base_score == 2

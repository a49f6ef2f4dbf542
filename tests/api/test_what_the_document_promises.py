"""Decision 0012: a 422 breaks a rule the OpenAPI document states; a request the document
calls valid is refused only for the case as it stands (409 not_allowed), the person (403),
or a path id that names nothing (404)."""

import json

import jsonschema_rs
import pytest
from django.test import Client

from crs.cases.models import Person, RestorativeJustice
from tests.cases import facts as f
from tests.cases import walk

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document():
    from crs.api.api import api

    return json.loads(json.dumps(api.get_openapi_schema()))  # as served: text keys


def validator(document, name):
    """A validator for one component, its references resolved inside the document."""
    schema = {**document, "$ref": f"#/components/schemas/{name}"}
    return jsonschema_rs.Draft202012Validator(schema)


def test_case_facts_in_the_document_leave_out_what_a_case_may_not_hold(document):
    facts = validator(document, "CaseRecordFacts")
    assert facts.is_valid({"officer": {"investigated_by_warranted_officer": True}})
    # Ruling R39: the delivering officer's facts are their record's, not the case's.
    assert not facts.is_valid({"officer": {"role": "constable"}})
    # Decision 0011: the date of birth is the offender's.
    assert not facts.is_valid({"offender": {"date_of_birth": "2001-05-04"}})
    assert not facts.is_valid({"offence": {"description": "a\x00b"}})
    assert not facts.is_valid({"weather": "rain"})


def test_case_in_and_facts_in_refer_to_the_case_facts_schema(document):
    schemas = document["components"]["schemas"]
    for name in ("CaseIn", "FactsIn"):
        assert schemas[name]["properties"]["facts"]["$ref"].endswith("/CaseRecordFacts")


def test_an_action_kind_is_one_of_the_packs_and_a_deferred_one_needs_a_due_date(document):
    action = validator(document, "ActionIn")
    assert not action.is_valid({"kind": "community_service", "description": "Dig."})
    assert action.is_valid({"kind": "verbal_apology", "description": "Say sorry."})
    assert not action.is_valid({"kind": "reparation", "description": "Paint."})
    assert action.is_valid(
        {"kind": "reparation", "description": "Paint.", "due_date": "2026-05-01"}
    )
    assert not action.is_valid({"kind": "verbal_apology", "description": "Say.", "instant": False})


def test_a_referral_to_the_rj_officer_needs_a_note_in_the_document_too(document):
    restorative = validator(document, "RestorativeIn")
    referred = RestorativeJustice.Delivery.REFERRED.value
    assert not restorative.is_valid({"delivery": referred})
    assert not restorative.is_valid({"delivery": referred, "referral_note": "  "})
    assert restorative.is_valid({"delivery": referred, "referral_note": "Victim asked."})
    assert restorative.is_valid({"delivery": "none"})


def test_a_gravity_score_out_of_its_matrix_is_refused_by_the_document(document):
    facts = validator(document, "CaseRecordFacts")
    scored = {"matrix": "adult", "base_score": 4, "final_score": 5}
    assert not facts.is_valid({"offence": {"gravity": scored}})
    assert not facts.is_valid({"offence": {"gravity": {"base_score": 1, "final_score": 3}}})
    assert facts.is_valid({"offence": {"gravity": {"matrix": "child", "base_score": 5}}})


def test_a_person_id_in_the_path_not_on_the_case_is_not_found(pc_ali, as_user):
    other = walk.opened(pc_ali, ref="CR/0002/24")
    stranger = other.people.create(role=Person.Role.VICTIM, given_name="Val")
    case = walk.opened(pc_ali)
    response = as_user(pc_ali).call(
        "patch", f"/cases/{case.pk}/people/{stranger.pk}", {"given_name": "Vic"}
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    stranger.refresh_from_db()
    assert stranger.given_name == "Val"


def test_a_detail_cannot_be_cleared_with_null_and_the_document_says_so(document, pc_ali, as_user):
    assert not validator(document, "PersonChangeIn").is_valid({"given_name": None})
    case = walk.opened(pc_ali)
    victim = case.people.create(role=Person.Role.VICTIM, given_name="Val")
    path = f"/cases/{case.pk}/people/{victim.pk}"
    response = as_user(pc_ali).call("patch", path, {"given_name": None})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "given_name"


def test_a_crime_reference_already_held_is_not_allowed_naming_it(pc_ali, as_user):
    walk.opened(pc_ali, ref="CR/0009/24")
    response = as_user(pc_ali).post("/cases", {"crime_reference": "CR/0009/24"})
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "not_allowed",
        "message": "A case with crime reference CR/0009/24 already exists.",
        "field": "crime_reference",
    }


def test_a_deferred_action_without_a_due_date_is_invalid_naming_it(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    body = {"kind": "reparation", "description": "Paint the fence.", "version": case.version}
    response = as_user(pc_ali).post(f"/cases/{case.pk}/actions", body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "due_date"
    assert not case.actions.exists()


def test_an_officer_not_trained_to_rj_level_1_is_refused_as_a_person(pc_ali, as_user):
    pc_ali.rj_level1_trained = False
    pc_ali.save()
    case = walk.assessed(pc_ali)
    body = {"delivery": "level1", "version": case.version}
    response = as_user(pc_ali).put(f"/cases/{case.pk}/restorative", body)
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "not_permitted",
        "message": "Only an officer trained to Restorative Justice level 1 can deliver it.",
        "field": "delivery",
    }


def test_facts_with_a_whole_number_written_with_a_point_are_kept(pc_ali, as_user):
    facts = f.case_facts(f.facts())
    facts["offence"]["gravity"] = {"matrix": "adult", "base_score": 2.0, "final_score": 2}
    response = as_user(pc_ali).post("/cases", {"crime_reference": "CR/0010/24", "facts": facts})
    assert response.status_code == 201, response.json()


def test_the_served_document_is_the_one_checked(document):
    served = Client().get("/api/v1/openapi.json").json()
    assert (
        served["components"]["schemas"]["CaseRecordFacts"]
        == (document["components"]["schemas"]["CaseRecordFacts"])
    )

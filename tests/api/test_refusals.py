"""Refusals the roles table does not show: scopes, versions, invalid input, pagination."""

import pytest

from crs.cases.models import Case
from tests.cases import facts as f
from tests.cases import walk

from .test_roles import ENDPOINTS

pytestmark = pytest.mark.django_db

WRITES = [name for name, spec in ENDPOINTS.items() if spec[1] != "get"]
READS = [name for name, spec in ENDPOINTS.items() if spec[1] == "get"]


def run(api, name, people):
    from .test_roles import build

    setup, method, path, body, _, _ = ENDPOINTS[name]
    case = build(setup, people)
    url = path(case) if callable(path) else path.format(pk=case.pk)
    return case, api.call(method, url, body(case) if body else None)


@pytest.fixture
def people(request):
    from .test_roles import ROLES

    return {role: request.getfixturevalue(role) for role in ROLES}


@pytest.mark.parametrize("name", WRITES)
def test_read_only_token_cannot_change_a_case(people, as_user, name):
    api = as_user(people["pc_ali"], scopes=["cases:read"])
    case, response = run(api, name, people)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"
    assert walk.fresh(case).version == case.version


@pytest.mark.parametrize("name", READS)
def test_assess_only_token_cannot_read_cases(people, as_user, name):
    api = as_user(people["pc_ali"], scopes=["assess"])
    _, response = run(api, name, people)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_open_case_needs_the_write_scope(pc_ali, as_user):
    api = as_user(pc_ali, scopes=["cases:read", "assess"])
    response = api.post("/cases", {"crime_reference": "CR/1/24"})
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_facts_changed_since_read_are_a_conflict_and_nothing_is_lost(pc_ali, sgt_brown, as_user):
    case = walk.opened(pc_ali)
    read_version = case.version
    first = as_user(sgt_brown).put(
        f"/cases/{case.pk}/facts",
        {"version": read_version, "facts": f.case_facts(f.needs_sergeant())},
    )
    assert first.status_code == 200
    second = as_user(pc_ali).put(
        f"/cases/{case.pk}/facts", {"version": read_version, "facts": f.case_facts(f.eligible())}
    )
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"
    assert walk.fresh(case).facts == f.case_facts(f.needs_sergeant())


def test_workflow_step_with_a_stale_version_is_a_conflict(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/withdraw", {"version": case.version - 1, "reason": "Duplicate."}
    )
    assert response.status_code == 409
    assert walk.fresh(case).state == "assessed"


def test_facts_update_requires_the_version(pc_ali, as_user):
    case = walk.opened(pc_ali)
    response = as_user(pc_ali).put(f"/cases/{case.pk}/facts", {"facts": f.eligible()})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "version"


def test_invalid_facts_are_refused_naming_the_field(pc_ali, as_user):
    case = walk.opened(pc_ali)
    bad = f.case_facts(f.facts(offence={"date": "20/02/2024"}))
    version = case.version
    response = as_user(pc_ali).put(f"/cases/{case.pk}/facts", {"version": version, "facts": bad})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "facts.offence.date"
    assert walk.fresh(case).facts == f.case_facts(f.eligible())


def test_changing_assessed_facts_needs_a_reason(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    body = {"version": case.version, "facts": f.case_facts(f.needs_sergeant())}
    refused = as_user(pc_ali).put(f"/cases/{case.pk}/facts", body)
    assert refused.status_code == 409
    assert "why the facts changed" in refused.json()["error"]["message"]
    accepted = as_user(pc_ali).put(f"/cases/{case.pk}/facts", body | {"reason": "New PNC check."})
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "draft"  # back for reassessment


def test_authorisation_without_a_rationale_is_refused(pc_ali, sgt_brown, as_user):
    case = walk.awaiting(pc_ali)
    response = as_user(sgt_brown).post(f"/cases/{case.pk}/authorise", {"rationale": "  "})
    assert response.status_code == 422
    assert "rationale" in response.json()["error"]["message"]
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_step_the_state_does_not_allow_is_a_409_in_the_guards_words(pc_ali, as_user):
    case = walk.assessed(pc_ali)  # no action yet
    response = as_user(pc_ali).post(f"/cases/{case.pk}/agree", {})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_allowed"
    assert "at least one Community Remedy action" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/cases", {"crime_reference": "CR/\x00/24"}, "crime_reference"),
        (
            "/cases",
            {"crime_reference": "CR/1/24", "facts": {"offence": {"description": "a\x00"}}},
            "facts.offence.description",
        ),
    ],
)
def test_nul_character_is_refused_naming_the_field(pc_ali, as_user, path, body, field):
    response = as_user(pc_ali).post(path, body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field
    assert not Case.objects.exists()


def test_contact_in_the_future_is_refused(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    body = {
        "party": "victim",
        "purpose": "other",
        "method": "phone",
        "outcome": "spoke",
        "at": "2999-01-01T10:00:00Z",
    }
    response = as_user(pc_ali).post(f"/cases/{case.pk}/contacts", body)
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "The date and time of the contact must be in the past",
        "field": "at",
    }


def test_victim_view_for_a_person_of_another_case_is_refused(pc_ali, as_user):
    other = walk.opened(pc_ali, ref="CR/0002/24")
    victim = other.people.create(role="victim", given_name="Val", family_name="Smith")
    case = walk.assessed(pc_ali)
    body = {"method": "phone", "views": "Fine.", "consents": True, "victim": victim.pk}
    response = as_user(pc_ali).post(f"/cases/{case.pk}/victim-views", body)
    assert response.status_code == 409
    assert response.json()["error"]["field"] == "victim"


def test_case_list_is_paged_newest_first(pc_ali, as_user):
    for n in range(3):
        walk.opened(pc_ali, ref=f"CR/000{n}/24")
    body = as_user(pc_ali).get("/cases", {"page_size": 2}).json()
    assert body["count"] == 3 and body["page"] == 1 and body["page_size"] == 2
    assert [c["crime_reference"] for c in body["items"]] == ["CR/0002/24", "CR/0001/24"]
    last = as_user(pc_ali).get("/cases", {"page_size": 2, "page": 2}).json()
    assert [c["crime_reference"] for c in last["items"]] == ["CR/0000/24"]
    past = as_user(pc_ali).get("/cases", {"page": 9}).json()
    assert past["items"] == [] and past["count"] == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page_size": 101}, "page_size"), ({"page": 0}, "page"), ({"state": "lost"}, "state")],
)
def test_bad_list_parameters_are_refused_naming_them(pc_ali, as_user, params, field):
    response = as_user(pc_ali).get("/cases", params)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field


def test_case_list_filters_by_state_and_searches_by_reference(pc_ali, as_user):
    walk.opened(pc_ali, ref="CR/0001/24")
    walk.assessed(pc_ali, ref="CR/0777/24")
    api = as_user(pc_ali)
    assessed = api.get("/cases", {"state": "assessed"}).json()["items"]
    assert [c["crime_reference"] for c in assessed] == ["CR/0777/24"]
    found = api.get("/cases", {"q": "CR/0001"}).json()["items"]
    assert [c["crime_reference"] for c in found] == ["CR/0001/24"]


def test_unknown_case_is_a_404_in_the_error_format(pc_ali, as_user):
    response = as_user(pc_ali).get("/cases/987654")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_path_is_a_404_in_the_error_format(pc_ali, as_user):
    response = as_user(pc_ali).get("/nonesuch")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_case_answer_carries_the_assessment_the_engine_gave(pc_ali, as_user):
    case = walk.assessed(pc_ali, f.needs_sergeant())
    body = as_user(pc_ali).get(f"/cases/{case.pk}").json()
    assert body["assessment"]["decision"] == "authorisation_required"
    assert body["assessment"]["result"] == case.current_assessment.result

"""POST /assessments: the contract's HTTP door gives what `crs assess` gives, byte for byte
after key ordering, and refuses invalid facts in the same words, naming the field."""

import json

import orjson
import pytest
from django.test import Client

from crs.api.models import ApiToken
from tests.conftest import EXAMPLES, run_crs

pytestmark = pytest.mark.django_db

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.facts.json"))


@pytest.fixture
def client(pc_ali):
    _, token = ApiToken.issue(pc_ali, name="assess", scopes=["assess"], days=1)
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(client, raw: bytes, query: str = ""):
    return client.post(f"/api/v1/assessments{query}", raw, content_type="application/json")


def canonical(document) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


def test_the_shared_examples_are_all_here():
    assert len(EXAMPLE_FILES) >= 10


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_shared_example_through_the_api_equals_crs_assess(client, path):
    raw = path.read_bytes()
    expected = json.loads(path.with_name(path.name.replace(".facts.", ".expected.")).read_text())
    cli = run_crs("assess", str(path))
    response = post(client, raw)
    if cli.returncode == 0:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert canonical(response.json()) == canonical(json.loads(cli.stdout))
        assert response.json()["decision"] == expected["decision"]
    else:
        assert cli.returncode == expected["exit_code"] == 2
        assert response.status_code == 422
        error = response.json()["error"]
        line = cli.stderr.decode().strip().removeprefix("crs: ")
        assert error["message"] == line
        assert error["code"] == "invalid"
        assert error["field"] and line.startswith(error["field"])


def test_invalid_fact_is_refused_naming_the_dotted_path(client):
    facts = json.loads((EXAMPLES / "01-adult-shop-theft.facts.json").read_text())
    facts["offence"]["gravity"]["final_score"] = 9
    response = post(client, orjson.dumps(facts))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "offence.gravity.final_score"


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b""], ids=["broken", "binary", "empty"])
def test_unreadable_body_is_a_400_in_the_error_format(client, raw):
    response = post(client, raw)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("raw", [b"[]", b"42", b'"facts"', b"null"])
def test_facts_that_are_not_an_object_are_refused(client, raw):
    response = post(client, raw)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_unknown_policy_is_refused_naming_policy(client):
    raw = (EXAMPLES / "01-adult-shop-theft.facts.json").read_bytes()
    response = post(client, raw, "?policy=nonesuch")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "policy"


def test_assessment_needs_the_assess_scope(pc_ali):
    _, token = ApiToken.issue(pc_ali, name="reader", scopes=["cases:read", "cases:write"], days=1)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = post(client, (EXAMPLES / "01-adult-shop-theft.facts.json").read_bytes())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_assessment_without_a_token_is_a_401():
    response = post(Client(), (EXAMPLES / "01-adult-shop-theft.facts.json").read_bytes())
    assert response.status_code == 401


def test_assessing_saves_nothing(client):
    from crs.audit.models import AuditEntry
    from crs.cases.models import Assessment

    post(client, (EXAMPLES / "01-adult-shop-theft.facts.json").read_bytes())
    assert not Assessment.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_empty_policy_is_refused_naming_policy_not_read_as_the_default(client):
    raw = (EXAMPLES / "01-adult-shop-theft.facts.json").read_bytes()
    response = post(client, raw, "?policy=")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "policy"

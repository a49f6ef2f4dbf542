"""Bad input is a 4xx in the one error format, never a 5xx (issue 11, item 7): a body over the
size limit, text that cannot be stored (a lone surrogate, NUL), text over its field's stated
maximum (refused by name and maximum, never cut short)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from crs.api.errors import CODES
from crs.cases.models import Case
from tests.cases import facts as f
from tests.cases import walk

pytestmark = pytest.mark.django_db

SURROGATE = "x\udfff"  # JSON's "x\udfff" reads as this: text no database can store


def raw_post(api, path, text: str):
    return api.client.post(f"/api/v1{path}", text, content_type="application/json")


def test_a_body_over_the_size_limit_is_a_413_in_the_error_format(pc_ali, as_user):
    big = json.dumps({"crime_reference": "CR/1/24", "gravity_rationale": "x" * 3_000_000})
    response = raw_post(as_user(pc_ali), "/cases", big)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024 // 1024}" in error["message"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"crime_reference": SURROGATE}, "crime_reference"),
        ({"crime_reference": "CR/1/24", "gravity_rationale": SURROGATE}, "gravity_rationale"),
        (
            {"crime_reference": "CR/1/24", "facts": {"offence": {"description": SURROGATE}}},
            "facts.offence.description",
        ),
        ({"crime_reference": "CR/1/24", "facts": {SURROGATE: 1}}, "facts"),
    ],
)
def test_a_lone_surrogate_anywhere_in_the_body_is_refused_naming_the_field(
    pc_ali, as_user, body, field
):
    text = json.dumps(body)  # ensure_ascii: the surrogate travels as the escape \udfff
    assert "\\udfff" in text
    response = raw_post(as_user(pc_ali), "/cases", text)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("invalid", field)
    assert "cannot be stored" in error["message"]
    assert not Case.objects.exists()


def test_a_lone_surrogate_in_a_records_text_is_refused_naming_the_field(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    body = {"party": "victim", "purpose": "other", "method": "phone", "outcome": "spoke"}
    text = json.dumps({**body, "notes": SURROGATE})
    response = raw_post(as_user(pc_ali), f"/cases/{case.pk}/contacts", text)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "notes"
    assert not case.contacts.exists()


def test_a_crime_reference_over_40_characters_is_refused_never_cut_short(pc_ali, as_user):
    api = as_user(pc_ali)
    response = api.post("/cases", {"crime_reference": "C" * 10_000})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "crime_reference"
    assert "40" in error["message"]
    assert not Case.objects.exists()
    assert api.post("/cases", {"crime_reference": "C" * 40}).status_code == 201


@pytest.mark.parametrize(
    ("field", "limit"), [("given_name", 100), ("family_name", 100), ("relationship", 100)]
)
def test_a_persons_text_over_its_maximum_is_refused_naming_field_and_maximum(
    pc_ali, as_user, field, limit
):
    case = walk.opened(pc_ali, f.eligible())
    body = {"version": case.version, "role": "victim", field: "n" * (limit + 1)}
    response = as_user(pc_ali).post(f"/cases/{case.pk}/people", body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == field
    assert str(limit) in error["message"]
    assert not case.people.filter(role="victim").exists()


def test_an_action_kind_over_60_characters_is_refused_naming_it(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    body = {"kind": "k" * 61, "description": "Apologise."}
    response = as_user(pc_ali).post(f"/cases/{case.pk}/actions", body)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "kind"


def test_every_refusal_code_is_in_the_documented_table_with_its_status():
    table = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    documented = {
        code: int(status) for status, code in re.findall(r"^\| (\d{3}) \| `(\w+)`", table, re.M)
    }
    assert documented == CODES

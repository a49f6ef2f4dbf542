"""POST /api/v1/exchange/import and GET /api/v1/exchange/export: the same importer and
exporter, for administrators and Victim Justice analysts with a scoped token."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from crs.api.models import ApiToken
from crs.exchange.models import ImportBatch, RecordedOutcome

from .extracts import AVERY, QUINN, extract

IMPORT = "/api/v1/exchange/import"
EXPORT = "/api/v1/exchange/export"
BAD_ROW = "RMS-9,Fallow,Jules,31/02/1990,,caution,2023-01-01,theft,"


def client_for(user, *scopes):
    _, token = ApiToken.issue(user, name="exchange", scopes=scopes, days=1)
    return Client(headers={"Authorization": f"Bearer {token}"})


def upload(client, content: bytes, **query):
    path = IMPORT + ("?dry_run=true" if query.get("dry_run") else "")
    return client.post(path, {"file": io.BytesIO(content)}, format="multipart")


def test_an_analyst_imports_a_multipart_upload(analyst_vale):
    response = upload(client_for(analyst_vale, "exchange:write"), extract(*QUINN, *AVERY))
    assert response.status_code == 200
    assert (response.json()["imported"], response.json()["valid"]) == (3, True)
    assert ImportBatch.objects.get().imported_by == analyst_vale


def test_an_administrator_imports_a_text_csv_body(admin_iyer):
    client = client_for(admin_iyer, "exchange:write")
    response = client.post(IMPORT, extract(*QUINN), content_type="text/csv")
    assert response.status_code == 200 and response.json()["imported"] == 2


def test_an_invalid_file_is_422_with_the_report_and_nothing_is_imported(analyst_vale):
    response = upload(client_for(analyst_vale, "exchange:write"), extract(*QUINN, BAD_ROW))
    assert response.status_code == 422
    answer = response.json()
    assert answer["error"]["code"] == "invalid" and answer["error"]["field"] == "date_of_birth"
    assert answer["report"]["problems"] == [
        {
            "line": 4,
            "field": "date_of_birth",
            "message": "must be a date YYYY-MM-DD or DD/MM/YYYY, got '31/02/1990'",
        }
    ]
    assert not RecordedOutcome.objects.exists()


def test_the_same_file_again_imports_nothing_and_says_when_it_was(analyst_vale):
    client = client_for(analyst_vale, "exchange:write")
    upload(client, extract(*QUINN))
    again = upload(client, extract(*QUINN)).json()
    assert again["imported"] == 0 and again["already_imported"]["rows"] == 2
    assert RecordedOutcome.objects.count() == 2


def test_a_dry_run_keeps_nothing(analyst_vale):
    response = upload(client_for(analyst_vale, "exchange:write"), extract(*QUINN), dry_run=True)
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert not ImportBatch.objects.exists()


def test_a_request_without_a_file_is_400_naming_the_field(analyst_vale):
    response = client_for(analyst_vale, "exchange:write").post(IMPORT, {"x": "1"})
    assert response.status_code == 400 and response.json()["error"]["field"] == "file"


def test_an_officer_is_refused_even_with_the_scope(pc_ali):
    response = upload(client_for(pc_ali, "exchange:write"), extract(*QUINN))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_permitted"
    assert not ImportBatch.objects.exists()
    assert client_for(pc_ali, "exchange:read").get(EXPORT).status_code == 403


def test_a_token_without_the_scope_is_refused(analyst_vale):
    response = upload(client_for(analyst_vale, "exchange:read"), extract(*QUINN))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"
    assert client_for(analyst_vale, "cases:read").get(EXPORT).status_code == 403


def test_no_token_is_401(db):
    assert Client().post(IMPORT, extract(*QUINN), content_type="text/csv").status_code == 401
    assert Client().get(EXPORT).status_code == 401


@pytest.fixture
def closed(pc_ali, rev_evans, imu_fisher):
    from tests.cases import walk

    from .test_export import close

    return close(walk.completed(pc_ali), pc_ali, rev_evans, imu_fisher)


def test_export_as_csv_and_json(closed, analyst_vale):
    client = client_for(analyst_vale, "exchange:read")
    response = client.get(EXPORT)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["crime_reference"], r["outcome_code"]) for r in rows] == [("CR/0001/24", "8")]
    response = client.get(EXPORT, {"format": "json"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(b"".join(response.streaming_content))[0]["crime_reference"] == "CR/0001/24"


def test_export_filters_by_closing_date_and_names_a_bad_one(closed, admin_iyer):
    client = client_for(admin_iyer, "exchange:read")
    response = client.get(EXPORT, {"until": "2024-01-01", "format": "json"})
    assert json.loads(b"".join(response.streaming_content)) == []
    bad = client.get(EXPORT, {"since": "1 March"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "since"


def test_a_text_csv_body_larger_than_djangos_body_limit_is_imported(admin_iyer, settings):
    from crs.exchange.fake import write_extract

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    text = io.StringIO()
    write_extract(text, 2000)
    assert len(text.getvalue()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    client = client_for(admin_iyer, "exchange:write")
    response = client.post(IMPORT, text.getvalue().encode(), content_type="text/csv")
    assert response.status_code == 200 and response.json()["imported"] == 2000

"""Making and revoking API tokens: the person's own page, and `crs token` for administrators.
Also the documentation: /api/v1/openapi.json and the docs page, with no CDN."""

import re

import pytest
from django.test import Client

from crs.api.models import ApiToken, digest
from crs.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(pc_ali):
    client = Client()
    client.force_login(pc_ali)
    return client


def test_token_page_shows_the_secret_once_and_it_works(web, pc_ali):
    response = web.post(
        "/api-tokens/", {"name": "Niche sync", "scopes": ["cases:read"], "days": "30"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'id="token-secret">([^<]+)<', response.content.decode()).group(1)
    row = ApiToken.objects.get(user=pc_ali)
    assert row.digest == digest(secret) and row.scopes == ["cases:read"]
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/cases").status_code == 200
    again = web.get("/api-tokens/").content.decode()
    assert "Niche sync" in again and secret not in again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "scopes": ["assess"], "days": "30"}, "Enter what the token is for"),
        ({"name": "x", "days": "30"}, "Select what the token may do"),
        ({"name": "x", "scopes": ["cases:delete"], "days": "30"}, "Select a valid choice"),
        ({"name": "x", "scopes": ["assess"], "days": "0"}, "at least 1 day"),
        ({"name": "x", "scopes": ["assess"], "days": "9999"}, "must expire within 366 days"),
        ({"name": "x", "scopes": ["assess"], "days": "soon"}, "whole number"),
    ],
)
def test_token_page_refuses_bad_answers_in_the_error_summary(web, data, message):
    response = web.post("/api-tokens/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert not ApiToken.objects.exists()


def test_person_revokes_their_own_token_on_the_page(web, pc_ali):
    row, secret = ApiToken.issue(pc_ali, name="old", scopes=["cases:read"], days=5)
    response = web.post(f"/api-tokens/{row.pk}/revoke/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == "revoked"
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/cases").status_code == 401


def test_nobody_revokes_or_sees_another_persons_token(web, sgt_brown):
    row, _ = ApiToken.issue(sgt_brown, name="sergeant's", scopes=["cases:read"], days=5)
    assert web.post(f"/api-tokens/{row.pk}/revoke/").status_code == 404
    assert "sergeant's" not in web.get("/api-tokens/").content.decode()
    row.refresh_from_db()
    assert row.revoked_at is None


def test_token_page_needs_signing_in():
    response = Client().get("/api-tokens/")
    assert response.status_code == 302 and "/api-tokens/" in response["Location"]


def test_crs_token_create_prints_a_working_token(pc_ali, capsys):
    code = main(
        [
            "token",
            "create",
            "--user",
            "pc_ali",
            "--scope",
            "assess,cases:read",
            "--expires-in-days",
            "7",
            "--name",
            "nightly",
        ]
    )
    out = capsys.readouterr()
    assert code == 0
    secret = out.out.strip()
    row = ApiToken.objects.get()
    assert row.digest == digest(secret) and row.scopes == ["assess", "cases:read"]
    assert row.name == "nightly" and row.prefix in out.err


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--user", "nobody", "--scope", "assess"], "--user"),
        (["--user", "pc_ali", "--scope", "everything"], "--scope"),
        (["--user", "pc_ali", "--scope", "assess", "--expires-in-days", "0"], "--expires-in-days"),
    ],
)
def test_crs_token_create_refuses_naming_the_option(pc_ali, capsys, args, option):
    assert main(["token", "create", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"crs: {option}:") and err.count("\n") == 1
    assert not ApiToken.objects.exists()


def test_crs_token_revoke_by_id(pc_ali, capsys):
    row, _ = ApiToken.issue(pc_ali, name="t", scopes=["assess"], days=5)
    assert main(["token", "revoke", row.prefix]) == 0
    row.refresh_from_db()
    assert row.state == "revoked"
    assert main(["token", "revoke", "nonesuch"]) == 2
    assert "no token" in capsys.readouterr().err


def test_crs_token_list_never_prints_a_secret(pc_ali, capsys):
    _, secret = ApiToken.issue(pc_ali, name="listed", scopes=["assess"], days=5)
    assert main(["token", "list"]) == 0
    out = capsys.readouterr().out
    assert "listed" in out and "pc_ali" in out and secret not in out


def test_openapi_document_is_served_with_every_endpoint():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/assessments" in doc["paths"]
    assert "/api/v1/cases/{case_id}/authorise" in doc["paths"]
    schemas = doc["components"]["schemas"]
    assert {"CaseFacts", "Assessment", "ErrorOut"} <= set(schemas)
    # every reference resolves inside the document
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', response.content.decode()))
    assert refs <= set(schemas)


def test_docs_page_loads_swagger_from_crs_not_a_cdn():
    page = Client().get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources)
    for source in sources:
        assert Client().get(source).status_code == 200, source


def test_docs_assets_serve_only_the_known_files():
    assert Client().get("/api/v1/docs/assets/__init__.py").status_code == 404

"""API tokens: stored hashed, scoped, expiring, revocable; one error format for refusals."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crs.api.models import ApiToken, digest

pytestmark = pytest.mark.django_db

PROBE = "/api/v1/cases"


def get(token, path=PROBE):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return Client().get(path, headers=headers)


def test_token_secret_is_not_stored_only_its_digest(pc_ali):
    row, secret = ApiToken.issue(pc_ali, name="laptop", scopes=["cases:read"], days=30)
    row.refresh_from_db()
    stored = [str(getattr(row, f.attname)) for f in ApiToken._meta.fields]
    assert not any(secret in value for value in stored)
    assert row.digest == digest(secret)
    assert secret.split("_")[1] == row.prefix


def test_token_without_scope_is_refused_with_403(pc_ali):
    _, secret = ApiToken.issue(pc_ali, name="assess only", scopes=["assess"], days=30)
    response = get(secret)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_token_with_scope_is_accepted_and_last_use_recorded(pc_ali):
    row, secret = ApiToken.issue(pc_ali, name="reader", scopes=["cases:read"], days=30)
    assert get(secret).status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_write_scope_implies_read(pc_ali):
    _, secret = ApiToken.issue(pc_ali, name="writer", scopes=["cases:write"], days=30)
    assert get(secret).status_code == 200


@pytest.mark.parametrize(
    "spoil",
    [
        lambda row, s: (row.revoke(), s)[1],
        lambda row, s: (
            ApiToken.objects.filter(pk=row.pk).update(
                expires_at=timezone.now() - timedelta(seconds=1)
            ),
            s,
        )[1],
        lambda row, s: s[:-1] + ("A" if s[-1] != "A" else "B"),
        lambda row, s: None,
        lambda row, s: "not-a-token",
    ],
    ids=["revoked", "expired", "altered", "missing", "malformed"],
)
def test_unusable_token_is_refused_with_401(pc_ali, spoil):
    row, secret = ApiToken.issue(pc_ali, name="t", scopes=["cases:read"], days=30)
    response = get(spoil(row, secret))
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthenticated",
            "message": response.json()["error"]["message"],
            "field": None,
        }
    }
    assert response["WWW-Authenticate"] == "Bearer"


def test_token_of_a_deactivated_user_is_refused(pc_ali):
    _, secret = ApiToken.issue(pc_ali, name="t", scopes=["cases:read"], days=30)
    pc_ali.is_active = False
    pc_ali.save()
    assert get(secret).status_code == 401


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"scopes": ["cases:delete"]}, "scopes"),
        ({"scopes": []}, "scopes"),
        ({"days": 0}, "expires_in_days"),
        ({"days": 400}, "expires_in_days"),
        ({"name": " "}, "name"),
    ],
)
def test_token_issue_refuses_bad_settings_naming_the_field(pc_ali, kwargs, field):
    settings = {"name": "t", "scopes": ["assess"], "days": 30} | kwargs
    with pytest.raises(ValueError, match=f"^{field}:"):
        ApiToken.issue(pc_ali, **settings)


@pytest.mark.parametrize("prefix", ["", "ABCDEF123456", "0" * 40, "12345\x00789abc", "zz"])
def test_token_with_a_malformed_id_is_refused_without_a_lookup(pc_ali, prefix):
    row, secret = ApiToken.issue(pc_ali, name="t", scopes=["cases:read"], days=30)
    forged = secret.replace(row.prefix, prefix, 1)
    assert ApiToken.find(forged) is None

"""Faults (issue 6, point 7): when the database is read-only, busy or gone, a request gets a
clear 503 that says nothing was saved, never a traceback; nothing half-done is kept; and the
site recovers by itself when the database is back. Real faults, not mocks: SQLite's own
read-only switch, and PostgreSQL connections killed as a restart kills them."""

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.cases.models import Case
from tests.cases import facts as f

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def officer(pc_ali):
    pc_ali.set_password(PASSWORD)
    pc_ali.save()
    return pc_ali


def sign_in(client):
    return client.post(reverse("sign_in"), {"username": "pc_ali", "password": PASSWORD})


@pytest.fixture
def tolerant_client(client):
    client.raise_request_exception = False
    return client


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own switch")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL")


@sqlite_only
def test_read_only_database_gives_a_503_saying_nothing_was_saved(tolerant_client, officer):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        response = sign_in(tolerant_client)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "the database is read-only" in response.text
    assert "Nothing you sent was saved" in response.text
    assert "Traceback" not in response.text


@sqlite_only
def test_a_case_opened_while_read_only_is_not_half_saved_and_works_after(tolerant_client, officer):
    tolerant_client.force_login(officer)
    entries = AuditEntry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        from crs.cases import services as s

        with pytest.raises(Exception, match="readonly"):
            s.open_case(officer, crime_reference="CR/0009/24", facts=f.case_facts(f.eligible()))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert not Case.objects.filter(crime_reference="CR/0009/24").exists()
    assert AuditEntry.objects.count() == entries
    assert tolerant_client.get(reverse("case_list")).status_code == 200


@sqlite_only
def test_api_answers_a_database_failure_in_its_error_format(client, officer):
    from django.utils import timezone

    from crs.api.models import ApiToken

    row, token = ApiToken.issue(officer, name="test", scopes=("cases:write",), days=1)
    # Used a moment ago, so the call does not stop to note its use (a write of its own).
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    client.raise_request_exception = False
    try:
        response = client.post(
            "/api/v1/cases",
            data={"crime_reference": "CR/0010/24", "facts": f.case_facts(f.eligible())},
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert not Case.objects.filter(crime_reference="CR/0010/24").exists()


def served(client, url):
    """One request as a real server serves it: Django's test client skips the handler's
    clean-up of unusable connections at the start and end of each request; do it here."""
    close_old_connections()
    try:
        return client.get(url).status_code
    finally:
        close_old_connections()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_connections_killed_as_in_a_restart_fail_cleanly_then_recover(tolerant_client, officer):
    tolerant_client.force_login(officer)
    assert tolerant_client.get(reverse("case_list")).status_code == 200
    assert tolerant_client.get(reverse("case_list")).status_code == 200
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [settings["NAME"]],
        )
    statuses = [served(tolerant_client, reverse("case_list")) for _ in range(3)]
    assert statuses[0] in (200, 503)
    assert statuses[-1] == 200  # recovered by itself, no restart of the app
    assert 500 not in statuses

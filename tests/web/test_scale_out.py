"""Scale out (issue 6, point 8): two instances of the app on different ports against one
PostgreSQL behave as one system. A case opened through one is assessed and authorised
through the other, and twenty sergeants racing to authorise through both get exactly one
success. Real servers (gunicorn, as `crs serve` runs it), real HTTP, the test's database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from crs.accounts.models import Rank, User
from crs.api.models import ApiToken
from crs.cases.models import Authorisation
from tests.cases import facts as f
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="one shared PostgreSQL"),
]
RACERS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgresql://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def instances(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRS_", "DJANGO_"))}
    env.update(
        DATABASE_URL=_database_url(),
        DEBUG="False",
        SECRET_KEY="one-secret-shared-by-every-instance-" + "k" * 30,
        ALLOWED_HOSTS="127.0.0.1",
        CRS_SECURE_COOKIES="False",
        CRS_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="crs.site.settings",
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "crs.site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ]
    try:
        for port in ports:
            _wait_for(port)
        yield [f"http://127.0.0.1:{port}/api/v1" for port in ports]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def _wait_for(port: int, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port}")


def call(base: str, token: str, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def token_for(user) -> str:
    return ApiToken.issue(user, name="scale-out", scopes=("cases:read", "cases:write"), days=1)[1]


def open_with_offender(base, token, reference):
    """A case needing a Sergeant, its offender's date of birth on the offender (0011)."""
    facts, born = f.split(f.needs_sergeant())
    status, case = call(
        base, token, "POST", "/cases", {"crime_reference": reference, "facts": facts}
    )
    if status != 201:
        return status, case
    person = {"version": case["version"], "role": "offender", "date_of_birth": born}
    status, added = call(base, token, "POST", f"/cases/{case['id']}/people", person)
    return status, case if status == 201 else added


def test_a_case_opened_on_one_instance_is_authorised_on_the_other(instances, pc_ali, sgt_brown):
    a, b = instances
    officer, sergeant = token_for(pc_ali), token_for(sgt_brown)

    status, case = open_with_offender(a, officer, "CR/0100/24")
    assert status == 201, case
    path = f"/cases/{case['id']}"
    assert call(b, officer, "POST", f"{path}/assess", {})[0] == 200
    assert call(a, officer, "POST", f"{path}/request-authorisation", {})[0] == 200
    status, after = call(b, sergeant, "POST", f"{path}/authorise", {"rationale": "Proportionate."})
    assert status == 200, after
    status, seen = call(a, officer, "GET", path)
    assert (status, seen["state"]) == (200, after["state"])


def test_twenty_sergeants_racing_through_two_instances_give_one_authorisation(
    instances, pc_ali, north
):
    a = instances[0]
    officer = token_for(pc_ali)
    sergeants = [
        token_for(User.objects.create(username=f"sgt_{i:02d}", team=north, rank=Rank.SERGEANT))
        for i in range(RACERS)
    ]
    status, case = open_with_offender(a, officer, "CR/0101/24")
    assert status == 201, case
    path = f"/cases/{case['id']}"
    call(a, officer, "POST", f"{path}/assess", {})
    _, ready = call(a, officer, "POST", f"{path}/request-authorisation", {})

    def attempt(i: int):
        base = instances[i % 2]
        body = {"rationale": f"Proportionate ({i}).", "version": ready["version"]}
        return call(base, sergeants[i], "POST", f"{path}/authorise", body)

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        results = list(pool.map(attempt, range(RACERS)))

    statuses = sorted(status for status, _ in results)
    assert statuses.count(200) == 1, results
    assert all(status in (409, 422) for status in statuses if status != 200), statuses
    assert all(body["error"]["message"] for status, body in results if status != 200)
    assert Authorisation.objects.filter(case_id=case["id"], voided_at=None).count() == 1

"""The rate limits hold across processes (issue 11 item 9): gunicorn's workers and several
instances count together, in the database by default and in Redis when CRS_CACHE_URL names
one, and counting at the same moment loses nothing (crs.accounts.rate_counts). The lockout per
username (django-axes) counts in the database too.

Each "instance" is a fresh Python process with crs's production settings, as a server runs
them, pointed at this test's database (on SQLite, a copy of it in a file). The processes are
started together and wait for the same moment to begin, so their counts overlap. The Redis
server is the machine's (127.0.0.1:6379), skipped when there is none."""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.conftest import ROOT

REDIS = ("127.0.0.1", 6379)

# One instance: waits for the start time, then counts through crs's own code and prints
# what it saw.
INSTANCE = """
import sys, time, django
django.setup()
from types import SimpleNamespace
from django.db import connection
from django.test import RequestFactory
action, who, times, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
connection.ensure_connection()
while time.time() < start:
    time.sleep(0.01)
if action == "calls":
    from crs.api.throttle import TokenThrottle
    throttle, request = TokenThrottle(), SimpleNamespace(auth=SimpleNamespace(pk=who))
    print(sum(throttle.allow_request(request) for _ in range(times)))
elif action == "sign-in failures":
    from crs.accounts import sign_in_throttle
    request = RequestFactory().post("/sign-in/", REMOTE_ADDR=who)
    for _ in range(times):
        sign_in_throttle.count_failure(request)
    refused = sign_in_throttle.refusal(request)
    print(refused.failures if refused else "allowed")
elif action == "wrong passwords":
    from axes.handlers.proxy import AxesProxyHandler
    from django.contrib.auth import authenticate
    request = RequestFactory().post("/sign-in/", REMOTE_ADDR="198.51.100.30")
    for _ in range(times):
        authenticate(request, username=who, password="wrong")
    locked = AxesProxyHandler.is_locked(request, credentials={"username": who})
    print("locked" if locked else "open")
"""


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def database_url(transactional_db, tmp_path):
    """An address the instances can reach this test's (migrated) database at."""
    if connection.vendor == "sqlite":  # the test database is in this process's memory
        path = tmp_path / "crs.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    s = connection.settings_dict
    return f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def _instances(runs, database_url: str, cache_url: str = "") -> list[str]:
    """Runs each (action, who, times) in an instance of its own, all at once."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRS_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="crs.site.settings",
        DEBUG="False",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="crs.example",
        DATABASE_URL=database_url,
        CRS_SIGN_IN_FAILURE_RATE="50/15m",
        CRS_API_RATE="400/h",  # an hour: a slow machine cannot let the window move on
        CRS_CACHE_URL=cache_url,
    )
    # Time for every instance to start before any counts, when there are several.
    start = str(time.time() + (8 if len(runs) > 1 else 0))
    running = [
        subprocess.Popen(
            [sys.executable, "-c", INSTANCE, action, who, str(times), start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for action, who, times in runs
    ]
    outputs = []
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "unavailable" not in err, err  # a count that failed would hide as a pass
        outputs.append(out.strip())
    return outputs


def test_two_workers_calling_at_once_get_the_api_limit_between_them_not_each(database_url):
    # 2 × 300 calls against 400 an hour, at the same moment: exactly 400 go through.
    allowed = _instances([("calls", "7", 300), ("calls", "7", 300)], database_url)
    assert sum(int(n) for n in allowed) == 400
    assert all(int(n) > 0 for n in allowed)  # both did call, and both were counted


def test_two_workers_failing_at_once_lose_no_failed_sign_in(database_url):
    # 25 + 25 failures at the same moment: all 50 counted, so the address is refused.
    seen = _instances(
        [("sign-in failures", "198.51.100.20", 25), ("sign-in failures", "198.51.100.20", 25)],
        database_url,
    )
    assert seen == ["50", "50"] or sorted(seen) == ["50", "allowed"]
    (later,) = _instances([("sign-in failures", "198.51.100.20", 0)], database_url)
    assert later == "50"


def test_wrong_passwords_in_two_workers_lock_the_username_together(database_url):
    # django-axes counts in its own table: 3 in one worker and 2 in another make the 5.
    assert _instances([("wrong passwords", "pc_nobody", 3)], database_url) == ["open"]
    assert _instances([("wrong passwords", "pc_nobody", 2)], database_url) == ["locked"]


@pytest.mark.skipif(not _redis_up(), reason="no Redis server at 127.0.0.1:6379")
def test_instances_sharing_a_redis_cache_count_together(database_url):
    shared = f"redis://{REDIS[0]}:{REDIS[1]}/15"
    token = f"redis-{secrets.token_hex(4)}"  # the counts outlive the test in Redis
    allowed = _instances([("calls", token, 300), ("calls", token, 300)], database_url, shared)
    assert sum(int(n) for n in allowed) == 400

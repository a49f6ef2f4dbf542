"""Several instances count the sign-in failures of one address together when they share a
cache (CRS_CACHE_URL, Redis), and each on its own when they do not (docs/deploy.md).

Each "instance" is a fresh Python process with crs's production settings, as a server runs
them; the Redis server is the machine's (127.0.0.1:6379), skipped when there is none."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT

REDIS = ("127.0.0.1", 6379)

# Counts (or checks) failures for one address through crs's own throttle, in this process.
INSTANCE = """
import sys, django
django.setup()
from django.test import RequestFactory
from crs.accounts import sign_in_throttle
request = RequestFactory().post("/sign-in/", REMOTE_ADDR=sys.argv[2])
if sys.argv[1] == "fail":
    for _ in range(3):
        sign_in_throttle.count_failure(request)
print("refused" if sign_in_throttle.refusal(request) else "allowed")
"""


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _instance(action: str, address: str, cache_url: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRS_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="crs.web.settings",
        DEBUG="False",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="crs.example",
        DATABASE_URL="sqlite:////tmp/crs-unused.sqlite3",
        CRS_SIGN_IN_FAILURE_RATE="3/15m",
        CRS_CACHE_URL=cache_url,
    )
    done = subprocess.run(
        [sys.executable, "-c", INSTANCE, action, address],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(not _redis_up(), reason="no Redis server at 127.0.0.1:6379")
def test_instances_sharing_a_redis_cache_count_one_address_together():
    shared = f"redis://{REDIS[0]}:{REDIS[1]}/15"
    # A unique address per run: the window lasts 15 minutes in the shared cache.
    address = f"2001:db8:{secrets.randbelow(65535):x}::1"
    assert _instance("fail", address, shared) == "refused"
    assert _instance("check", address, shared) == "refused"


def test_instances_without_a_shared_cache_count_on_their_own():
    address = "198.51.100.20"
    assert _instance("fail", address, "") == "refused"
    assert _instance("check", address, "") == "allowed"

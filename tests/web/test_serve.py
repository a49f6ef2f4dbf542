"""`crs serve` as a user runs it: migrate, gather the static files (in a process of their own),
and answer with workers forked from a site loaded once (issue 15: it took a minute to start).

The demo force is left out (`--demo` loads 260 cases through the services: a minute on a
busy machine); tests/cases/test_demo.py covers it, benchmarks/serve_start.py times it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from ..conftest import CRS, ROOT

PRESET = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, **headers):
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5)
    except urllib.error.HTTPError as answer:
        return answer


@pytest.fixture
def serve(tmp_path):
    """Start `crs serve` in production settings on a data directory of its own."""
    started = []

    def start() -> str:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in PRESET}
        env.update(
            CRS_DATA_DIR=str(tmp_path),
            SECRET_KEY="a-test-only-secret-key-of-fifty-characters-or-more-0123",
            ALLOWED_HOSTS="127.0.0.1",
            CRS_SSL_REDIRECT="False",
        )
        server = subprocess.Popen(
            [*CRS, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(server)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                get(f"{url}/sign-in/").close()
                return url
            except OSError:
                assert server.poll() is None, f"crs serve stopped, exit {server.returncode}"
                assert time.monotonic() < deadline, "crs serve did not answer in 180 s"
                time.sleep(0.2)

    yield start
    for server in started:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def test_crs_serve_answers_and_started_again_does_not_gather_the_static_files_again(
    serve, tmp_path
):
    url = serve()

    page = get(f"{url}/sign-in/").read().decode()
    stylesheet = re.search(r'href="(/static/crs/crs\.[0-9a-f]{12}\.css)"', page).group(1)
    answer = get(url + stylesheet, **{"Accept-Encoding": "br"})
    assert answer.status == 200
    assert answer.headers["Content-Encoding"] == "br"
    manifest = tmp_path / "static" / "staticfiles.json"
    first = manifest.stat().st_mtime_ns

    again = serve()

    assert get(f"{again}/sign-in/").status == 200
    assert manifest.stat().st_mtime_ns == first

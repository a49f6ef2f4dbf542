"""`crs worker` killed (SIGKILL) in the middle of delivering a reminder, then started again.

Real processes on a real database: a SQLite file when the suite runs on SQLite, the test
database when it runs on PostgreSQL. The first worker stops at a named point of the
delivery (CRS_REMINDERS_PAUSE_AT, read only by crs.reminders.delivery) and is killed
there; a second worker, with a lease of 0 so it does not wait for the dead one, finishes.
The notification is delivered exactly once; the email at most once, never twice.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest
from django.db import connection

from tests.conftest import ROOT

NOW = "2024-04-28T09:00"  # the agreed case's deferred action is due on 1 May 2024
SUBJECT = "Subject: Community Resolutions: Action due within 7 days"


def _environment(url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CRS_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    for name in ("DEBUG", "CRS_DEMO", "CRS_REMINDERS_PAUSE_AT"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory):
    """One migrated and seeded SQLite file, copied for each test (migrating takes a while)."""
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("reminders") / "seeded.sqlite3"
    env = _environment(f"sqlite:///{path}")
    _python(env, "-m", "tests.reminders.worker_site", "migrate")
    _python(env, "-m", "tests.reminders.worker_site", "seed")
    return path


@pytest.fixture
def site(tmp_path, transactional_db, seeded_sqlite):
    """The environment of a site with one reminder to be due at NOW."""
    if seeded_sqlite is not None:
        path = tmp_path / "crs.sqlite3"
        shutil.copy(seeded_sqlite, path)
        return _environment(f"sqlite:///{path}")
    s = connection.settings_dict
    # The test database pytest-django made and migrated: the workers see what this test
    # commits, and pytest-django empties it afterwards.
    env = _environment(f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}")
    _python(env, "-m", "tests.reminders.worker_site", "seed")
    return env


def _python(env, *args, timeout=120) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _kill_at(env, point: str, out) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "crs", "worker", "--now", NOW],
        env={**env, "CRS_REMINDERS_PAUSE_AT": point},
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A worker that never gets there is killed after two minutes, which ends the loop below.
    watchdog = threading.Timer(120, worker.kill)
    watchdog.start()
    try:
        for line in worker.stderr:
            if f"paused at {point}" in line:
                break
        else:
            pytest.fail(f"the worker stopped before {point}: exit {worker.wait()}")
        worker.send_signal(signal.SIGKILL)
    finally:
        watchdog.cancel()
        worker.kill()
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    ("point", "emails", "outcome"),
    [
        # Killed inside the notification's transaction: it rolled back; the next worker
        # delivers both.
        ("notification", 1, "sent"),
        # Killed after claiming the email, before sending: unknown to the next worker
        # whether it went, so it is not sent again (at most once) and recorded so.
        ("email_claimed", 0, "unconfirmed"),
        # Killed after sending, before recording it: not sent a second time.
        ("email_sent", 1, "unconfirmed"),
    ],
)
def test_a_worker_killed_mid_delivery_never_delivers_twice_nor_loses_the_notification(
    site, tmp_path, point, emails, outcome
):
    first, second = tmp_path / "first.out", tmp_path / "second.out"
    with first.open("w") as out:
        _kill_at(site, point, out)
    with second.open("w") as out:
        subprocess.run(
            [sys.executable, "-m", "crs", "worker", "--once", "--now", NOW, "--lease", "0"],
            env=site, cwd=ROOT, stdout=out, check=True, timeout=120,
        )  # fmt: skip
    report = json.loads(_python(site, "-m", "tests.reminders.worker_site", "report"))
    # The second worker's scheduler run found the reminder already written.
    assert "reminders: 0 new, 1 sent to the worker" in second.read_text()
    assert report["notifications"] == 1
    (reminder,) = report["reminders"]
    assert (reminder["kind"], reminder["email_outcome"]) == ("action_due_soon", outcome)
    assert reminder["finished_at"] is not None
    sent = first.read_text().count(SUBJECT) + second.read_text().count(SUBJECT)
    assert sent == emails
    # The dead worker's task stays "running" in django-tasks-db; the second one finished.
    assert report["tasks"] == ["RUNNING", "SUCCESSFUL"]

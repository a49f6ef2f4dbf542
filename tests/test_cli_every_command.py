"""Every `crs` command starts (issue 11, item 5): `crs audit access` failed on every call
because its module imported the models before Django was set up, and nothing ran it as a
real process. Here each command found in the CLI's own parser runs as a real process, in an
environment with no settings preset (no DJANGO_SETTINGS_MODULE, SECRET_KEY, DATABASE_URL…)
and a fresh CRS_DATA_DIR, once with --help and once for real. A new command without a real
call below fails `test_every_command_has_a_real_call`.

The calls share one SQLite database, migrated and filled by the first (`crs seed`), so the
whole file costs about one process start per call.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import pytest

from crs.cli import build_parser

from .conftest import EXAMPLES, ROOT

EXAMPLE = str(EXAMPLES / "01-adult-shop-theft.facts.json")
PACK = str(ROOT / "src/crs/policy/packs/o32g-2023-07.toml")
BASELINE = str(ROOT / "src/crs/dashboard/data/population-baseline-ILLUSTRATIVE.csv")
EXTRACT = (
    "source_reference,family_name,given_name,date_of_birth,pnc_id,outcome,outcome_date,"
    "offence_category,substance\n"
    "RMS-1,Redbrook,Quinn,1990-01-31,,caution,2023-06-01,theft,\n"
)

# One real call of each command, in this order (seed first: it migrates and loads the demo
# force whose users the others name). {tmp} is a scratch directory. None: --help only.
CALLS: dict[str, list[str] | None] = {
    "seed": ["--cases", "3"],
    "counts check": [],
    "counts rebuild": [],
    "assess": [EXAMPLE],
    "schema": [],
    "policy show": [],
    "policy check": [PACK],
    "gravity lookup": ["shoplifting"],
    "interview": ["--facts", EXAMPLE],  # every answer an empty line: the defaults
    "serve": None,  # serves until stopped; --demo is the same server with demo data
    # A browser and a demo site of its own, for minutes; tests/browser covers the pages.
    "screenshots": None,
    "audit verify": [],
    "audit access": ["--family-name", "Bloggs"],
    "bench": ["--cases", "50", "--runs", "1"],
    "token create": ["--user", "pc_ali", "--scope", "cases:read", "--name", "start-up"],
    "token revoke": ["{token}"],  # the token `token create` printed
    "token list": [],
    "remind": [],
    "worker": ["--once"],  # serves until stopped; --once is its one-shot run
    "dashboard refresh": [],
    "dashboard check-baseline": [BASELINE],
    "reassess": ["--pack", PACK],
    "import-outcomes": ["--dry-run", "--user", "admin", "{tmp}/extract.csv"],
    "export-outcomes": ["--user", "admin", "--output", "{tmp}/outcomes.csv"],
    "subject-access": ["--family-name", "Bloggs", "--requested-by", "admin"],
    "retention review": [],
    "retention dispose": ["--on", "2024-01-01", "--by", "admin", "--dry-run"],
    "backup": ["{tmp}/backup.json.gz", "--by", "admin"],
    # Only into an empty database: another data directory, as on a new server.
    "restore": ["{tmp}/backup.json.gz"],
}
# Settings a developer's shell may hold; none may be needed to start a command.
PRESET = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG")


def commands(parser: argparse.ArgumentParser | None = None, words: tuple = ()):
    """Every runnable command, as its words: ("audit", "access"), ...; from the parser."""
    parser = parser or build_parser()
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield " ".join(words)
        return
    for name, sub in subs[0].choices.items():
        yield from commands(sub, (*words, name))


def run(command: str, args: list[str], env: dict, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "crs", *command.split(), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        input="\n" * 200,  # `crs interview`'s answers; the others read none
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    data = tmp_path_factory.mktemp("crs-data")
    env = {k: v for k, v in os.environ.items() if k not in PRESET and not k.startswith("CRS_")}
    env["CRS_DATA_DIR"] = str(data)
    return env, data


def test_every_command_has_a_real_call():
    assert sorted(commands()) == sorted(CALLS)


@pytest.mark.parametrize("command", sorted(commands()))
def test_every_command_answers_help_in_a_fresh_environment(command, fresh_env):
    env, _ = fresh_env
    result = run(command, ["--help"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: crs {command}")


def test_every_command_runs_once_for_real_in_a_fresh_environment(fresh_env):
    env, tmp = fresh_env
    (tmp / "extract.csv").write_text(EXTRACT)
    (tmp / "new").mkdir()
    failed, token, took = [], "", {}
    for command, args in CALLS.items():
        if args is None:
            continue
        args = [a.replace("{tmp}", str(tmp)).replace("{token}", token) for a in args]
        started = time.perf_counter()
        result = run(
            command,
            args,
            {**env, "CRS_DATA_DIR": str(tmp / "new")} if command == "restore" else env,
        )
        took[command] = round(time.perf_counter() - started, 1)
        if command == "token create":
            token = result.stdout.strip()
        if result.returncode != 0 or "Traceback" in result.stderr:
            failed.append(f"crs {command}: exit {result.returncode}: {result.stderr.strip()}")
    print("seconds per call:", took)  # shown with -s: where the time of this test goes
    assert failed == [], "\n".join(failed)

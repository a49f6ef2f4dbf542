"""Benchmark: `crs import-outcomes` of 1,000,000 previous outcomes into PostgreSQL (< 60 s).

    .venv/bin/python benchmarks/import_outcomes.py
    .venv/bin/python benchmarks/import_outcomes.py --rows 200000 --runs 1 --output bench.json

Each run drops and recreates a database of its own (default crs_bench_import on
the local server), migrates it, and times the real command, `python -m crs
import-outcomes FILE`, from start to exit (Django's start-up, the sha256, the
check of every row, the COPY and the commit). The extract is made by
crs.exchange.fake (invented people, fixed seed). A second import, of another
extract, into the table already holding the first, shows the cost of a table
that is no longer empty. It also times a dry run (the checks alone) and the
look-up find_previous_outcomes makes for one person afterwards.

The verdict is on the median of the first-import runs. It always exits 0 (it
is a report), 3 when the command under test failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 60.0
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/crs_bench_import"


def environment(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost",
        DEBUG="False",
        PYTHONPATH=str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


def recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--verbosity", "0"],
        env={**env, "DJANGO_SETTINGS_MODULE": "crs.site.settings"},
        check=True,
        cwd=ROOT,
    )


CPU = {"last": 0.0}  # CPU seconds of the last command timed (user + system, the command only)


def timed(args: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds of `python -m crs ARGS`; its CPU seconds are left in CPU["last"].

    The CPU time tells a busy machine from slow code: the command's own time, not the
    time spent waiting for a core (PostgreSQL's work on the COPY is not in it).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "crs", *args], env=env, capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, done


def lookup_ms(env: dict, rows: int) -> float:
    """The query recorded_outcomes makes for one person, on the loaded table (median of 20)."""
    code = """
import crs.site, statistics, time
crs.site.setup()
from types import SimpleNamespace
from crs.exchange.matching import recorded_outcomes
from crs.exchange.models import RecordedOutcome
row = RecordedOutcome.objects.order_by("id")[ROWS // 2]
person = SimpleNamespace(family_name=row.family_name, given_name=row.given_name,
                         date_of_birth=row.date_of_birth)
recorded_outcomes(person)
times = []
for _ in range(20):
    t = time.perf_counter(); recorded_outcomes(person); times.append(time.perf_counter() - t)
print(statistics.median(times) * 1000)
"""
    out = subprocess.run(
        [sys.executable, "-c", code.replace("ROWS", str(rows))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="first-import runs (default 3)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--output", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--extracts",
        metavar="DIR",
        help="keep the generated extracts in DIR and reuse them next time (default: a "
        "temporary directory, removed at the end)",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    sys.path.insert(0, str(ROOT / "src"))
    from crs.exchange.fake import write_extract

    env = environment(args.database_url)
    results: dict = {"rows": args.rows, "limit_seconds": LIMIT_SECONDS, "machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.extracts or tmp)
        where.mkdir(parents=True, exist_ok=True)
        first, second = (where / f"extract-{args.rows}-{n}.csv" for n in (1, 2))
        started = time.perf_counter()
        for path, seed in ((first, 20240301), (second, 20240401)):
            if not path.exists():
                partial = path.with_suffix(".partial")
                with partial.open("w", encoding="utf-8", newline="") as out:
                    write_extract(out, args.rows, seed=seed)
                partial.rename(path)
        results["file_mib"] = round(first.stat().st_size / 2**20, 1)
        print(f"extracts of {args.rows:,} rows ({results['file_mib']} MiB) made in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        recreate(args.database_url)
        migrate(env)
        results["postgresql"] = server_version(args.database_url)
        seconds, done = timed(["import-outcomes", str(first), "--dry-run"], env)
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            return 3
        results["dry_run_seconds"] = round(seconds, 2)
        results["dry_run_cpu_seconds"] = round(CPU["last"], 2)
        print(f"dry run (checks only): {seconds:.2f} s (CPU {CPU['last']:.2f} s)")

        runs, cpu = [], []
        for n in range(1, args.runs + 1):
            recreate(args.database_url)
            migrate(env)
            seconds, done = timed(["import-outcomes", str(first)], env)
            if done.returncode != 0 or "imported as batch" not in done.stdout:
                print(done.stdout, done.stderr)
                return 3
            runs.append(seconds)
            cpu.append(CPU["last"])
            print(
                f"run {n}: {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s), "
                f"CPU {CPU['last']:.2f} s; load {os.getloadavg()[0]:.1f}"
            )
        results["runs_seconds"] = [round(s, 2) for s in runs]
        results["runs_cpu_seconds"] = [round(s, 2) for s in cpu]
        median = statistics.median(runs)
        results["median_seconds"] = round(median, 2)
        results["rows_per_second"] = round(args.rows / median)

        seconds, done = timed(["import-outcomes", str(second)], env)
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            return 3
        results["second_import_seconds"] = round(seconds, 2)
        results["second_import_cpu_seconds"] = round(CPU["last"], 2)
        print(
            f"second import, into a table of {args.rows:,} rows: {seconds:.2f} s "
            f"(CPU {CPU['last']:.2f} s)"
        )
        results["lookup_ms"] = round(lookup_ms(env, args.rows), 2)
        print(f"one person's imported outcomes, looked up: {results['lookup_ms']} ms (median)")
    results["load_average"] = [round(x, 2) for x in os.getloadavg()]
    verdict = "PASS" if median < LIMIT_SECONDS else "FAIL"
    results["verdict"] = verdict
    print(
        f"median of {len(runs)}: {median:.2f} s for {args.rows:,} rows "
        f"(limit {LIMIT_SECONDS:.0f} s): {verdict}; load average {results['load_average']}"
    )
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

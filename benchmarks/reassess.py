"""How fast `crs reassess` reviews a force's whole history (target: 10,000 cases a second).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_reassess \\
        .venv/bin/python benchmarks/reassess.py [--cases 100000] [--share 1] [--runs 3]

Give it a database of its own: it migrates it and, unless it already holds exactly
the cases asked for, empties the cases' tables and loads fake cases in bulk. Each
case's facts come from the generator of `crs bench` (crs.bench.valid_facts, fixed
seed) and its stored assessment is the real engine's under the pack in force on its
date, as the services store it. `--share K` gives every K cases the same facts
document (1, the default, is the worst case: every document is new to the review;
`crs seed` shares one between about 20). Then it times the real command,
`python -m crs reassess --pack <the Exampleshire example pack> --csv FILE`, in a
subprocess, with its default workers and with one, and prints the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10_000
REFERENCE = "BENCH-"


def setup() -> None:
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    from crs.site import setup as django_setup

    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def documents(n: int, share: int) -> list[dict]:
    from crs.bench import SEED, valid_facts
    from crs.policy import FactsError, parse_facts

    rng = random.Random(SEED)
    out, i = [], 0
    while len(out) * share < n:
        i += 1
        document = valid_facts(rng, i)
        document.setdefault("assessed_on", "2024-12-31")
        try:
            parse_facts(document)
        except FactsError:
            continue
        out.append(document)
    return out


def load(n: int, share: int) -> None:
    from django.db import connection, transaction

    from crs.accounts.models import Team, User
    from crs.cases.models import Assessment, Case
    from crs.policy import assess_document

    with connection.cursor() as cursor:
        # Only this benchmark's database: everything that refers to a case goes too.
        tables = [m._meta.db_table for m in (Case, Assessment)]
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            raise SystemExit("run the benchmark on PostgreSQL (DATABASE_URL)")
    team, _ = Team.objects.get_or_create(name="Bench", defaults={"district": "Benchshire"})
    user, _ = User.objects.get_or_create(username="bench_officer", defaults={"team": team})
    docs = documents(n, share)
    started = time.perf_counter()
    results = [assess_document(d) for d in docs]
    print(f"assessed {len(docs):,} distinct documents in {time.perf_counter() - started:.1f} s")
    batch = 5_000
    for lo in range(0, n, batch):
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                Case(
                    crime_reference=f"{REFERENCE}{i + 1:07d}",
                    owner=user,
                    team=team,
                    facts=docs[i // share],
                    offence_category=docs[i // share]["offence"]["category"],
                    state="assessed",
                )
                for i in range(lo, min(n, lo + batch))
            )
            Assessment.objects.bulk_create(
                Assessment(
                    case=case,
                    facts=docs[i // share],
                    result=results[i // share],
                    decision=results[i // share]["decision"],
                    policy=results[i // share]["policy"],
                    policy_version=results[i // share]["policy_version"],
                    policy_digest=results[i // share]["policy_digest"],
                    assessed_on=date.fromisoformat(results[i // share]["assessed_on"]),
                    assessed_by=user,
                )
                for i, case in zip(range(lo, lo + batch), cases, strict=False)
            )
        print(f"loaded {min(n, lo + batch):,} cases", end="\r", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print()


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the command and its workers (not the database's), output."""
    cpu, started = _child_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "crs", *args], capture_output=True, text=True, cwd=ROOT
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"crs reassess failed:\n{done.stderr}")
    return elapsed, _child_cpu() - cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--share", type=int, default=1, help="cases per facts document")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load-only", action="store_true", help="load the cases, time nothing")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database of the benchmark's own")
    setup()
    from crs.cases.models import Assessment

    have = Assessment.objects.filter(case__crime_reference__startswith=REFERENCE).count()
    if have != args.cases or os.environ.get("BENCH_RELOAD"):
        load(args.cases, args.share)
    if args.load_only:
        return 0
    pack = ROOT / "src/crs/policy/packs/examples/exampleshire-2024-04.toml"
    load_avg = os.getloadavg()
    print(
        f"{platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}"
        f", Python {platform.python_version()}; load average {load_avg[0]:.1f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "changed.csv"
        for label, extra in (("default workers", []), ("one process", ["--workers", "1"])):
            times, cpus = [], []
            for _ in range(args.runs):
                elapsed, cpu, stdout = timed(
                    ["reassess", "--pack", str(pack), "--csv", str(out), *extra]
                )
                times.append(elapsed)
                cpus.append(cpu)
            rates = [args.cases / t for t in times]
            verdict = "PASS" if statistics.median(rates) >= TARGET else "FAIL"
            print(
                f"{label}: runs {', '.join(f'{t:.2f}' for t in times)} s "
                f"(CPU {', '.join(f'{c:.2f}' for c in cpus)} s); median "
                f"{statistics.median(rates):,.0f} cases/s, best {max(rates):,.0f}/s "
                f"(target {TARGET:,}/s: {verdict}); load average now "
                f"{os.getloadavg()[0]:.1f}"
            )
        print(stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

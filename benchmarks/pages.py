"""The web pages at a force's scale (issue 4): p50/p95 of the case list, search, the case
page and each role's home page, over 100,000 seeded cases on PostgreSQL.

    .venv/bin/python benchmarks/pages.py --database-url postgresql://postgres@127.0.0.1:5432/
        [--cases 100000] [--runs 40] [--database crs_bench_pages] [--reuse] [--output FILE]

Makes (or with --reuse keeps, when it already holds --cases seeded cases) a database of
its own on that server, seeds it with `crs seed`, and asks each page through the real
WSGI application in-process (Django's test Client: every middleware, the templates, the
database on loopback), signed in as the persona the page is for. The target: p95 under
150 ms for each page. It also counts each page's SQL queries. A report, not a test: it
exits 0 and prints PASS or FAIL per page.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

TARGET_MS = 150.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server URL")
    parser.add_argument("--database", default="crs_bench_pages", help="the database to use")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument("--output", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

    url = urlsplit(args.database_url)
    if not url.scheme.startswith("postgres"):
        parser.error("--database-url: a postgresql:// URL (the target is for PostgreSQL)")
    fresh = _prepare_database(url, args.database, args.cases, args.reuse)
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{args.database}"))
    os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "False"
    os.environ["CRS_SECURE_COOKIES"] = "False"
    # Signed in with force_login: no second factor to give (the per-request cost is the same).
    os.environ["CRS_REQUIRE_TWO_FACTOR"] = "False"
    os.environ["CRS_DATA_DIR"] = tempfile.mkdtemp(prefix="crs-bench-pages-")  # static files

    from crs.site import setup

    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from crs.cases.models import Case

    seeded = None
    if fresh or Case.objects.count() != args.cases:
        from crs.cases.seed import seed

        sys.stderr.write(f"seeding {args.cases:,} cases...\n")
        seeded = seed(args.cases).seconds
    # As autovacuum would leave it: statistics, and the visibility map that lets a count
    # be answered from an index alone (cheap when already done).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    result = {"machine": _machine(), "cases": Case.objects.count(), "seed_seconds": seeded}
    result["pages"] = measure(args.runs)
    result["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    sys.stdout.write(report(result))
    if args.output:
        with open(args.output, "w") as fh:
            json.dump(result, fh, indent=2, default=str)
    return 0


def _prepare_database(url, name: str, cases: int, reuse: bool) -> bool:
    """Create the benchmark's own database; True if it was (re)made empty."""
    import psycopg

    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return False
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def pages() -> list[tuple[str, str, list[str]]]:
    """(what, persona, urls): the URLs rotate over several cases and searches."""
    from crs.cases.models import Case, Person

    total = Case.objects.count()
    offenders = Person.objects.filter(role="offender").order_by("pk")
    step = max(1, offenders.count() // 10)
    sample = [offenders[i * step] for i in range(10)]
    names = [f"{p.given_name} {p.family_name}" for p in sample]
    families = [p.family_name for p in sample]
    births = [p.date_of_birth.strftime("%d/%m/%Y") for p in sample]
    references = [c.crime_reference[:-2] for c in Case.objects.order_by("?")[:10]]
    north = Case.objects.filter(team__name="Demoshire North")
    team_cases = list(north.order_by("?").values_list("pk", flat=True)[:20])
    any_cases = list(Case.objects.order_by("?").values_list("pk", flat=True)[:20])
    # Half-way down each list: the key its "older cases" links would have reached there.
    deep_sergeant = north.order_by("-pk").values_list("pk", flat=True)[north.count() // 2]
    deep_force = Case.objects.order_by("-pk").values_list("pk", flat=True)[total // 2]
    return [
        ("Home: constable", "pc_ali", ["/"]),
        ("Home: sergeant", "sgt_brown", ["/"]),
        ("Home: inspector", "insp_carr", ["/"]),
        ("Home: Youth Justice supervisor", "yjt_supervisor", ["/"]),
        ("Home: IMU quality assurer", "imu_fisher", ["/"]),
        ("Case list, first page: sergeant", "sgt_brown", ["/cases/"]),
        ("Case list, deep page: sergeant", "sgt_brown", [f"/cases/?before={deep_sergeant}"]),
        ("Case list, first page: IMU (all cases)", "imu_fisher", ["/cases/"]),
        ("Case list, deep page: IMU (all cases)", "imu_fisher", [f"/cases/?before={deep_force}"]),
        ("Case list, awaiting me: sergeant", "sgt_brown", ["/cases/?list=awaiting_me"]),
        ("Case list, Youth Justice supervisor", "yjt_supervisor", ["/cases/"]),
        ("Search by full name: IMU", "imu_fisher", [f"/cases/?q={n}" for n in names]),
        ("Search by family name: sergeant", "sgt_brown", [f"/cases/?q={n}" for n in families]),
        ("Search by date of birth: IMU", "imu_fisher", [f"/cases/?q={d}" for d in births]),
        ("Search by crime reference: IMU", "imu_fisher", [f"/cases/?q={r}" for r in references]),
        ("Case page: sergeant (own team)", "sgt_brown", [f"/cases/{pk}/" for pk in team_cases]),
        ("Case page: IMU", "imu_fisher", [f"/cases/{pk}/" for pk in any_cases]),
    ]  # fmt: skip


def measure(runs: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from crs.accounts.models import User

    results = []
    clients = {}
    for what, persona, urls in pages():
        if persona not in clients:
            clients[persona] = Client()
            clients[persona].force_login(User.objects.get(username=persona))
        client = clients[persona]
        counts = set()
        for url in urls:  # warm up, check and count queries on every URL
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{what}: {url} answered {response.status_code}")
            counts.add(len(ctx))
        times, sql, cpu = [], [], []
        for i in range(runs):
            url = urls[i % len(urls)]
            spent = [0.0]

            def timed(execute, *args, spent=spent):
                began = time.perf_counter()
                try:
                    return execute(*args)
                finally:
                    spent[0] += time.perf_counter() - began

            with connection.execute_wrapper(timed):
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            sql.append(spent[0] * 1000)
        times.sort()
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        results.append(
            {
                "page": what,
                "persona": persona,
                "example": urls[0],
                "queries": sorted(counts),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(p95, 1),
                "max_ms": round(times[-1], 1),
                # Where the time went, medians: waiting on the database, and this
                # process's own CPU (Django, templates); on a busy machine the rest is
                # waiting for a core.
                "sql_p50_ms": round(statistics.median(sql), 1),
                "python_cpu_p50_ms": round(statistics.median(cpu), 1),
                "pass": p95 < TARGET_MS,
            }
        )
        sys.stderr.write(f"{what}: p95 {p95:.0f} ms\n")
    return results


def _machine() -> dict:
    from crs.bench import machine

    info = machine()
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
    info["psycopg"] = psycopg.__version__
    return info


def report(result: dict) -> str:
    m = result["machine"]
    seeded = f"seeded in {result['seed_seconds']:.0f} s" if result["seed_seconds"] else "reused"
    lines = [
        f"Web pages on PostgreSQL {m['postgresql']}, {result['cases']:,} cases "
        f"(target: p95 < {TARGET_MS:.0f} ms)",
        f"{m['date']}  commit {m['git_commit']}  {m['cpu_model']} x{m['cores']}  "
        f"load {m['load_average']} -> {m['load_average_after']}  ({seeded})",
        "",
        "| page | queries | p50 ms | p95 ms | max ms | SQL p50 | Python CPU p50 | verdict |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for p in result["pages"]:
        low, high = p["queries"][0], p["queries"][-1]
        queries = f"{low}-{high}" if high != low else str(low)
        lines.append(
            f"| {p['page']} | {queries} | {p['p50_ms']} | {p['p95_ms']} | {p['max_ms']} | "
            f"{p['sql_p50_ms']} | {p['python_cpu_p50_ms']} | {'PASS' if p['pass'] else 'FAIL'} |"
        )
    failed = sum(not p["pass"] for p in result["pages"])
    lines += ["", f"*** {failed} PAGE(S) OVER TARGET ***" if failed else "All pages on target."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

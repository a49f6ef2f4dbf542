"""The dashboard over a million cases on PostgreSQL: how long the page takes to render.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crs_bench_dashboard \\
        .venv/bin/python benchmarks/dashboard.py [--cases 1000000] [--runs 5] [--reload]

Target (issue 5): the dashboard over 1,000,000 cases renders in under 1 s.

The database must be one of its own: the script migrates it and, unless it already
holds --cases cases, empties the dashboard's and the cases' tables it fills. It loads
the cases in bulk (a case row per case: owner, team, state, offence date and category)
and the dashboard's summary row for each (crs.dashboard.models.CaseFigures), drawn from
a seeded random generator so every load is the same: months over three years, ten
districts, the offence categories, authority levels, outcomes consistent with the
state, restorative and 16-week shares, times to authorise, IMU returns with a dozen
reasons, satisfaction and the offender's age band, sex and ethnic group. The page reads
only the summary, so these rows are what it costs; how long `crs dashboard refresh`
takes to build them from real records is measured apart (--refresh-sample).

Each page is asked for through Django's test client, signed in as a Victim Justice
analyst, once to warm up and then --runs times; the report gives the median and the
fastest, with the machine and the date. It always exits 0: a missed target is FAIL.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta

SEED = 1912
TARGET = 1.0
DISTRICTS = [
    f"Benchshire {n}"
    for n in (
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Coast",
        "Downs",
        "Forest",
        "Marsh",
        "Vale",
    )
]
REASONS = [
    "Victim not told of the outcome",
    "Signature missing",
    "Rationale for authority not recorded",
    "Action due after 16 weeks",
    "Parent or guardian contact not recorded",
    "Previous outcomes not checked",
    "Gravity score not explained",
    "Victim's views not recorded",
    "Wrong offence category",
    "Restorative checklist incomplete",
    "Appropriate adult not recorded",
    "Statement of acceptance missing",
]


def setup() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of the benchmark's own.")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("CRS_SECURE_COOKIES", "False")
    os.environ.setdefault("CRS_REQUIRE_TWO_FACTOR", "False")
    from crs.site import setup as django_setup

    django_setup()
    from django.conf import settings

    # Plain static URLs: the production manifest would need collectstatic first, and
    # costs the page nothing worth measuring.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def copy_rows(model, rows: list[dict]) -> None:
    """Write rows with PostgreSQL's COPY: every column of the model, defaults filled in."""
    import json

    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    def value(field, row):
        if field.attname in row:
            v = row[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            v = now
        else:
            v = field.get_default()  # "" for text without a default, None if nullable
        return json.dumps(v) if isinstance(v, dict | list) else v

    with connection.cursor() as cursor:
        sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([value(f, row) for f in fields])


def load(n: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from crs.accounts.models import Rank, Role, Team, User
    from crs.cases.models import CATEGORIES, Case
    from crs.dashboard.models import CaseFigures, Refresh, Return
    from crs.dashboard.summary import bucket, rebuild_tally

    rng = random.Random(SEED)
    began = time.perf_counter()
    with connection.cursor() as cursor:
        # The benchmark's own database only: the guard in setup() insists on PostgreSQL,
        # and the database named is the caller's.
        cursor.execute(
            "TRUNCATE dashboard_return, dashboard_casefigures, dashboard_refresh, "
            "audit_auditentry, audit_chainhead, cases_case, accounts_team, accounts_user "
            "RESTART IDENTITY CASCADE"
        )
    teams = [Team.objects.create(name=f"Team {d}", district=d) for d in DISTRICTS]
    owners = [
        User.objects.create(username=f"pc_{i}", team=t, rank=Rank.CONSTABLE)
        for i, t in enumerate(teams)
    ]
    User.objects.create(username="vja", role=Role.VICTIM_JUSTICE_ANALYST, rank=Rank.POLICE_STAFF)
    categories = [c for c, _ in CATEGORIES]
    weights = [
        30 if c == "theft" else 8 if c in ("criminal_damage", "public_order") else 1
        for c in categories
    ]
    levels = ["none"] * 12 + ["sergeant"] * 5
    levels += ["inspector", "substantive_inspector", "superintendent", "youth_justice_supervisor"]
    ages = ["10-14", "15-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "not_recorded"]
    age_w = [4, 6, 18, 24, 18, 14, 9, 4, 3]
    groups = ["W"] * 80 + ["A"] * 8 + ["B"] * 4 + ["M"] * 3 + ["O"] * 2 + ["not_stated"] * 2
    groups += ["not_recorded"]
    satisfaction = ["very_satisfied", "satisfied", "neither", "dissatisfied", "very_dissatisfied"]
    first = date.today() - timedelta(days=3 * 365)
    now = timezone.now()
    return_id = 0
    chunk = 50_000
    for start in range(0, n, chunk):
        cases, rows, returns = [], [], []
        for pk in range(start + 1, min(start + chunk, n) + 1):
            team = rng.randrange(len(teams))
            offence = first + timedelta(days=rng.randrange(3 * 365))
            category = rng.choices(categories, weights)[0]
            roll = rng.random()
            if roll < 0.55:
                state, outcome = "closed", "given"
            elif roll < 0.65:
                state, outcome = "actions_in_progress", "given"
            elif roll < 0.72:
                state, outcome = "non_compliant", "given"
            elif roll < 0.80:
                state, outcome = "withdrawn", "not_given"
            elif roll < 0.85:
                state, outcome = "refused", "not_given"
            else:
                state, outcome = rng.choice(["draft", "assessed", "awaiting_authorisation"]), "open"
            level = rng.choice(levels) if state != "draft" else "not_assessed"
            decided = level not in ("none", "not_assessed")
            decided = decided and state not in ("assessed", "awaiting_authorisation")
            hours = rng.lognormvariate(3, 1.2) if decided else None
            completed = state == "closed"
            returned = rng.randrange(1, 3) if completed and rng.random() < 0.06 else 0
            ethnic = rng.choice(groups)
            cases.append(
                {
                    "id": pk,
                    "crime_reference": f"BENCH/{pk:07d}",
                    "owner_id": owners[team].pk,
                    "team_id": teams[team].pk,
                    "state": state,
                    "offence_date": offence,
                    "offence_category": category,
                }
            )
            rows.append(
                {
                    "case_id": pk,
                    "offence_date": offence,
                    "month": offence.replace(day=1),
                    "district": DISTRICTS[team],
                    "category": category,
                    "level": level,
                    "state": state,
                    "outcome": outcome,
                    "restorative": outcome == "given" and rng.random() < 0.3,
                    "completed": completed,
                    "within_16_weeks": completed and rng.random() < 0.9,
                    "non_compliant": state == "non_compliant",
                    "authorise_hours": hours,
                    "authorise_bucket": bucket(hours),
                    "imu_returns": returned,
                    "satisfaction": rng.choice(satisfaction) if rng.random() < 0.2 else "",
                    "age_band": rng.choices(ages, age_w)[0],
                    "sex": "not_recorded"
                    if ethnic == "not_recorded"
                    else rng.choice(["male"] * 7 + ["female"] * 3),
                    "ethnic_group": ethnic,
                }
            )
            for _ in range(returned):
                return_id += 1
                returns.append(
                    {"id": return_id, "figures_id": pk, "at": now, "reason": rng.choice(REASONS)}
                )
        with transaction.atomic():
            copy_rows(Case, cases)
            copy_rows(CaseFigures, rows)
            copy_rows(Return, returns)
        print(f"  loaded {start + len(cases):,} cases ({time.perf_counter() - began:.0f} s)")
    with connection.cursor() as cursor:
        for model in (Case, Return):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        for table in ("dashboard_casefigures", "dashboard_return", "cases_case"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    began = time.perf_counter()
    rebuild_tally()
    print(f"  counted the tally from {n:,} case rows in {time.perf_counter() - began:.1f} s")
    # The copy is up to date with the (deliberately bare) case rows: say so, so the page
    # does not rebuild it from them.
    Refresh.objects.update_or_create(
        pk=1, defaults={"started_at": timezone.now(), "finished_at": timezone.now(), "cases": n}
    )


def measure(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(times), min(times), len(ctx)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reload", action="store_true", help="load the cases again")
    parser.add_argument("--recount", action="store_true", help="count the tally again")
    args = parser.parse_args()
    setup()

    from django.conf import settings
    from django.test import Client

    from crs.accounts.models import User
    from crs.dashboard.models import CaseFigures, Return, Tally

    held = CaseFigures.objects.count()
    if args.reload or held != args.cases:
        print(f"Loading {args.cases:,} cases (the database holds {held:,})...", flush=True)
        load(args.cases)
    elif args.recount or not Tally.objects.filter(rollup=True).exists():
        from crs.dashboard.summary import rebuild_tally

        began = time.perf_counter()
        rebuild_tally()
        print(f"  counted the tally again in {time.perf_counter() - began:.1f} s")
    settings.CRS_DASHBOARD_MAX_AGE = 10**9  # measure the page, not a refresh
    client = Client()
    client.force_login(User.objects.get(username="vja"))
    print(
        f"\nDashboard over {CaseFigures.objects.count():,} cases, "
        f"{Return.objects.count():,} IMU returns, {Tally.objects.count():,} tally rows"
    )
    print(
        f"{platform.node()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}"
    )
    pages = [
        ("whole force, all dates", "/dashboard/"),
        ("one district", f"/dashboard/?district={DISTRICTS[0].replace(' ', '+')}"),
        (
            "one year",
            "/dashboard/?start=2025-01&end=2025-12",
        ),
        ("one category", "/dashboard/?category=theft"),
        ("CSV of fairness by ethnic group", "/dashboard/?format=csv&table=fairness-ethnic-group"),
    ]
    failed = False
    for name, url in pages:
        median, fastest, queries = measure(client, url, args.runs)
        verdict = "PASS" if median < TARGET else "FAIL"
        failed |= median >= TARGET
        print(
            f"  {name:34} median {median:6.3f} s  fastest {fastest:6.3f} s  "
            f"{queries} queries  {verdict}"
        )

    from crs.dashboard.summary import refresh

    began = time.perf_counter()
    refresh()
    print(
        f"  refresh with no case changed: {time.perf_counter() - began:.3f} s "
        "(what the page pays when its copy is older than CRS_DASHBOARD_MAX_AGE)"
    )
    print("\n*** TARGET FAILED ***" if failed else "\nAll pages under 1 s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

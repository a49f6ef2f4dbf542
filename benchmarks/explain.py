"""The query plans behind benchmarks/pages.py: for each page named, its slowest SQL queries
with PostgreSQL's EXPLAIN (ANALYZE, BUFFERS), on a database pages.py has seeded.

    .venv/bin/python benchmarks/explain.py --database-url postgresql://postgres@127.0.0.1:5432/
        --database crs_bench_1m [--queries 2] "Home: inspector" ["Case list, ..." ...]

The page names are pages.py's; each page's first URL is asked once to warm the caches,
then once more with every query timed; the slowest are explained. A report, not a test.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server URL")
    parser.add_argument("--database", default="crs_bench_pages", help="the seeded database")
    parser.add_argument("--queries", type=int, default=2, help="queries explained per page")
    parser.add_argument("page", nargs="+", help="a page's name, as pages.py reports it")
    args = parser.parse_args(argv)

    url = urlsplit(args.database_url)
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{args.database}"))
    os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "False"
    os.environ["CRS_SECURE_COOKIES"] = "False"
    os.environ["CRS_REQUIRE_TWO_FACTOR"] = "False"
    os.environ["CRS_DATA_DIR"] = tempfile.mkdtemp(prefix="crs-bench-explain-")
    sys.path.insert(0, str(Path(__file__).parent))

    from crs.site import setup

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from pages import pages

    from crs.accounts.models import User

    call_command("collectstatic", interactive=False, verbosity=0)
    wanted = {name: None for name in args.page}
    for what, persona, urls in pages():
        if what not in wanted:
            continue
        client = Client()
        client.force_login(User.objects.get(username=persona))
        client.get(urls[0])
        timed = []

        def record(execute, sql, params, many, context, timed=timed):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append(((time.perf_counter() - began) * 1000, sql, params))

        with connection.execute_wrapper(record):
            client.get(urls[0])
        total = sum(ms for ms, _, _ in timed)
        print(f"## {what} ({persona}, {urls[0]}): {len(timed)} queries, {total:.1f} ms SQL\n")
        for ms, sql, params in sorted(timed, key=lambda t: -t[0])[: args.queries]:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"{ms:.1f} ms:\n\n```sql\n{sql}\n```\n\n```text\n{plan}\n```\n")
        wanted[what] = True
    missing = [name for name, found in wanted.items() if not found]
    if missing:
        sys.stderr.write(f"no such page: {', '.join(missing)}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

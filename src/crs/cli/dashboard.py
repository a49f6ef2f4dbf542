"""`crs dashboard refresh` and `crs dashboard check-baseline`."""

from __future__ import annotations

import sys
import time

from crs.cli import CliError, setup_django


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser("dashboard", help="the oversight dashboard's figures")
    dsub = p.add_subparsers(dest="dashboard_command", metavar="ACTION", required=True)
    q = dsub.add_parser(
        "refresh",
        help="bring the dashboard's figures up to date (the cases changed since last time)",
        description="Read again the cases changed since the last refresh (every case the "
        "first time, or with --full) into the dashboard's summary. Run it on a schedule on "
        "a large force; the page also refreshes when its figures are older than "
        "CRS_DASHBOARD_MAX_AGE seconds.",
    )
    q.add_argument(
        "--full",
        action="store_true",
        help="read every case again, except those disposed of (their figures are final)",
    )
    q.set_defaults(run=lazy("crs.cli.dashboard", "cmd_refresh"))
    q = dsub.add_parser(
        "check-baseline",
        help="check a population baseline CSV file, naming any mistake by line and column",
    )
    q.add_argument("file", help="the CSV file (dimension,group,population,reference)")
    q.set_defaults(run=lazy("crs.cli.dashboard", "cmd_check_baseline"))


def cmd_refresh(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.dashboard.summary import refresh

    began = time.perf_counter()
    count = refresh(full=args.full)
    took = time.perf_counter() - began
    if count < 0:
        sys.stdout.write("Another refresh is running; nothing done.\n")
    else:
        sys.stdout.write(f"Refreshed the figures of {count} cases in {took:.1f} s.\n")
    return 0


def cmd_check_baseline(args) -> int:
    setup_django()  # the groups' names come from crs.cases.models
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.dashboard.baseline import BaselineError, parse

    try:
        with open(args.file, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{args.file}: cannot be read ({exc})") from None
    try:
        baseline = parse(text, source=args.file)
    except BaselineError as exc:
        raise CliError(str(exc)) from None
    for dimension, groups in baseline.population.items():
        sys.stdout.write(
            f"{dimension}: {len(groups)} groups, {sum(groups.values()):,} people, "
            f"reference {baseline.reference[dimension]}\n"
        )
    return 0

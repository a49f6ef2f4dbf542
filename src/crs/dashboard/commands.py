"""The `crs` commands of crs.dashboard, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


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
    q.set_defaults(run=lazy("crs.dashboard.cli", "cmd_refresh"))
    q = dsub.add_parser(
        "check-baseline",
        help="check a population baseline CSV file, naming any mistake by line and column",
    )
    q.add_argument("file", help="the CSV file (dimension,group,population,reference)")
    q.set_defaults(run=lazy("crs.dashboard.cli", "cmd_check_baseline"))

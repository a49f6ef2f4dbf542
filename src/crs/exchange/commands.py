"""The `crs` commands of crs.exchange, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser(
        "import-outcomes",
        help="import previous outcomes from a CSV extract of the force's records system",
        description="Check every row of a CSV extract of previous outcomes (docs/exchange.md), "
        "then import all of it or none of it. Exit 0 when imported (or when the same file "
        "was imported before: nothing is done), 2 when any row is not valid: each problem is "
        "named by line and column, and nothing is imported.",
    )
    p.add_argument("file", metavar="FILE.csv", help='the extract, or "-" for standard input')
    p.add_argument(
        "--dry-run", action="store_true", help="check the file and report; import nothing"
    )
    p.add_argument(
        "--user",
        metavar="USERNAME",
        help="import as this crs user (an administrator or Victim Justice analyst); "
        "without it the batch records the login that ran the command",
    )
    p.add_argument(
        "--max-problems",
        type=int,
        default=100,
        metavar="N",
        help="list at most N problems (the total is always given; default 100)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(run=lazy("crs.exchange.cli", "cmd_import"))

    p = sub.add_parser(
        "export-outcomes",
        help="export closed Community Resolutions as Home Office outcome 8 records",
        description="Every closed CR (complied with or not) whose case was closed in the "
        "period, one record each, as CSV or JSON (docs/exchange.md lists the fields).",
    )
    p.add_argument("--since", metavar="DATE", help="closed on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="closed on or before this date (YYYY-MM-DD)")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="default csv")
    p.add_argument("--output", metavar="FILE", help="write to FILE (default standard output)")
    p.add_argument(
        "--force",
        metavar="NAME",
        help="the police force named in each record (default $CRS_POLICE_FORCE)",
    )
    p.add_argument(
        "--user",
        required=True,
        metavar="USERNAME",
        help="export as this crs user (an administrator or Victim Justice analyst); "
        "recorded in the access log",
    )
    p.set_defaults(run=lazy("crs.exchange.cli", "cmd_export"))

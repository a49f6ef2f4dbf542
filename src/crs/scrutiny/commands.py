"""The `crs` commands of crs.scrutiny, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser(
        "reassess",
        help="the annual policy review: which stored cases a new policy pack would decide "
        "differently",
        description="Re-run every stored case's facts (each case's latest assessment) under "
        "another policy pack, whatever its effective date, and report the cases whose decision "
        "or authorities required would change, with counts by kind of change and by rule.",
    )
    p.add_argument("--pack", metavar="FILE", required=True, help="the new policy pack (TOML)")
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only cases assessed on or after this date (YYYY-MM-DD)",
    )
    p.add_argument("--csv", metavar="OUT", help="write the changed cases as CSV to OUT")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes to use (default: one per core for a large history, else one)",
    )
    p.set_defaults(run=lazy("crs.scrutiny.cli", "cmd_reassess"))

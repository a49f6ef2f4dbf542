"""The `crs` commands of crs.cases, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser(
        "seed",
        help="load N fake cases fast, in every state, for benchmarks",
        description="Migrate, then add N fake cases of the demo force (and generated teams "
        "and officers) to the database of DATABASE_URL, in bulk: every state, assessments "
        "by the real engine, closed dates over three years. For benchmarks and trials, "
        "never a live database. See benchmarks/README.md.",
    )
    p.add_argument("--cases", type=int, required=True, metavar="N", help="how many cases")
    p.add_argument("--seed", type=int, default=1912, metavar="S", help="random seed (default 1912)")
    p.set_defaults(run=lazy("crs.cases.cli", "cmd_seed"))

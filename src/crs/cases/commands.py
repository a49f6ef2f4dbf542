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

    p = sub.add_parser(
        "counts",
        help="check or rebuild the kept case counts the home pages show",
        description="The home pages read how many cases there are of each state, team, "
        "owner and age from counts the services keep as cases change. check recounts the "
        "cases and names any count that differs (exit 1): a change made outside the "
        "services. rebuild recounts and replaces them.",
    )
    csub = p.add_subparsers(dest="counts_command", metavar="ACTION", required=True)
    q = csub.add_parser("check", help="recount the cases; name any kept count that differs")
    q.set_defaults(run=lazy("crs.cases.cli", "cmd_counts"))
    q = csub.add_parser("rebuild", help="recount the cases and replace the kept counts")
    q.set_defaults(run=lazy("crs.cases.cli", "cmd_counts"))

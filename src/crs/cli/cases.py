"""The commands of crs.cases: Django is set up here, before the models are imported."""

from __future__ import annotations

import sys

from crs.cli import CliError, setup_django


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
    p.set_defaults(run=lazy("crs.cli.cases", "cmd_seed"))

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
    q.set_defaults(run=lazy("crs.cli.cases", "cmd_counts"))
    q = csub.add_parser("rebuild", help="recount the cases and replace the kept counts")
    q.set_defaults(run=lazy("crs.cli.cases", "cmd_counts"))


def cmd_seed(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)

    def progress(done: int, total: int) -> None:
        sys.stderr.write(f"\rcrs seed: {done:,} of {total:,} cases")
        sys.stderr.flush()

    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.cases.seed import seed

    try:
        summary = seed(args.cases, seed=args.seed, progress=progress)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    sys.stderr.write("\n")
    rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items())
    sys.stdout.write(
        f"Seeded {summary.cases:,} cases from {summary.documents:,} distinct facts documents "
        f"in {summary.seconds:.1f} s ({summary.cases / summary.seconds:,.0f} cases/s).\n"
        f"Rows: {rows}.\n"
    )
    return 0


def cmd_counts(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.cases import counts

    if args.counts_command == "rebuild":
        now = counts.rebuild()
        sys.stdout.write(f"Recounted {sum(now.values()):,} cases into {len(now):,} counts.\n")
        return 0
    drift = counts.differences()
    for (state, team, owner, juvenile, outstanding), stored, now in drift:
        age = "under 18" if juvenile else "18 or over"
        awaiting = f", awaiting {outstanding.strip()}" if outstanding.strip() else ""
        sys.stdout.write(
            f"state {state}, team {team}, owner {owner}, {age}{awaiting}: kept {stored:,}, "
            f"the cases say {now:,}\n"
        )
    if drift:
        sys.stderr.write(
            f"crs counts: {len(drift)} count(s) differ from the cases: a change was made "
            "outside the services. `crs counts rebuild` recounts them.\n"
        )
        return 1
    sys.stdout.write("The kept counts agree with the cases.\n")
    return 0

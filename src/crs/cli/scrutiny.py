"""`crs reassess`: the command-line door onto crs.scrutiny.reassess."""

from __future__ import annotations

import sys
from datetime import date

from crs.cli import CliError, setup_django


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
    p.set_defaults(run=lazy("crs.cli.scrutiny", "cmd_reassess"))


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--since: must be a date YYYY-MM-DD, got {text!r}") from None


def cmd_reassess(args) -> int:
    # Not at the top: every command builds the parser, and the engine takes 0.2 s to load
    from crs.policy import PackError, load_pack

    since = _since(args.since)
    if args.workers is not None and args.workers < 1:
        raise CliError(f"--workers: must be at least 1, got {args.workers}")
    try:
        pack = load_pack(args.pack)
    except PackError as exc:
        raise CliError(f"--pack: {exc}") from None
    if args.csv:
        try:
            open(args.csv, "a").close()  # refuse an unwritable path before the long run
        except OSError as exc:
            raise CliError(f"--csv: cannot write {args.csv}: {exc.strerror}") from None

    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.scrutiny.reassess import review, summary, write_csv

    report = review(pack, since, args.workers)
    sys.stdout.write(summary(report))
    if args.csv:
        write_csv(report, args.csv)
        sys.stdout.write(f"\n{len(report.changed):,} changed cases written to {args.csv}\n")
    return 0

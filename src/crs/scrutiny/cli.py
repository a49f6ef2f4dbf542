"""`crs reassess`: the command-line door onto crs.scrutiny.reassess."""

from __future__ import annotations

import sys
from datetime import date

from crs.cli import CliError


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--since: must be a date YYYY-MM-DD, got {text!r}") from None


def cmd_reassess(args) -> int:
    import os
    import secrets

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

    from crs.web import setup

    # The review only reads the database: it signs nothing and answers no host.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    setup()
    from .reassess import review, summary, write_csv

    report = review(pack, since, args.workers)
    sys.stdout.write(summary(report))
    if args.csv:
        write_csv(report, args.csv)
        sys.stdout.write(f"\n{len(report.changed):,} changed cases written to {args.csv}\n")
    return 0

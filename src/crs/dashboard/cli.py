"""`crs dashboard refresh` and `crs dashboard check-baseline`."""

from __future__ import annotations

import sys
import time


def _setup() -> None:
    import os
    import secrets

    from crs.web import setup

    # Neither command signs anything nor answers a host (as `crs audit verify`).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    setup()


def cmd_refresh(args) -> int:
    _setup()
    from .summary import refresh

    began = time.perf_counter()
    count = refresh(full=args.full)
    took = time.perf_counter() - began
    if count < 0:
        sys.stdout.write("Another refresh is running; nothing done.\n")
    else:
        sys.stdout.write(f"Refreshed the figures of {count} cases in {took:.1f} s.\n")
    return 0


def cmd_check_baseline(args) -> int:
    _setup()  # the groups' names come from crs.cases.models
    from crs.cli import CliError

    from .baseline import BaselineError, parse

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

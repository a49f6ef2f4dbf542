"""`crs import-outcomes` and `crs export-outcomes`: thin doors onto the importer and exporter."""

from __future__ import annotations

import getpass
import os
import shutil
import sys
import tempfile
from datetime import date

import orjson

from crs.cli import EXIT_INVALID, EXIT_OK, CliError, setup_django
from crs.private_files import open_private


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
    p.set_defaults(run=lazy("crs.cli.exchange", "cmd_import"))

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
    p.set_defaults(run=lazy("crs.cli.exchange", "cmd_export"))


def _user(username: str | None, check):
    """The crs user named, allowed to do this; None when no user was named."""
    if username is None:
        return None
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise CliError(f"--user: no crs user {username!r}")
    refusal = check(user)
    if refusal:
        raise CliError(f"--user: {refusal}")
    return user


def _login() -> str:
    try:
        return f"command line ({getpass.getuser()})"
    except (KeyError, OSError):
        return "command line"


def cmd_import(args) -> int:
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.exchange.importer import import_outcomes
    from crs.exchange.permissions import can_import

    if args.max_problems < 1:
        raise CliError("--max-problems: must be at least 1")
    user = _user(args.user, can_import)
    with _binary(args.file) as binary:
        result = import_outcomes(
            binary,
            file_name="(standard input)" if args.file == "-" else os.path.basename(args.file),
            user=user,
            actor_name=_login(),
            dry_run=args.dry_run,
            limit=args.max_problems,
        )
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(result.as_dict(), option=orjson.OPT_INDENT_2))
        sys.stdout.write("\n")
    report, twin = result.report, result.duplicate_of
    if twin is not None:
        if not args.json:
            sys.stdout.write(
                f"Already imported as batch {twin.pk} ({twin.file_name}, {twin.rows} rows, "
                f"{twin.imported_at:%Y-%m-%d %H:%M} UTC, by {twin.imported_by_name}): "
                "nothing imported.\n"
            )
        return EXIT_OK
    if not report.valid:
        for line in report.lines():
            sys.stderr.write(f"crs: {line}\n")
        sys.stderr.write(
            f"crs: {report.total} problem{'s' if report.total != 1 else ''} in "
            f"{report.rows} rows: nothing imported\n"
        )
        return EXIT_INVALID
    if not args.json:
        if args.dry_run:
            sys.stdout.write(f"{report.rows} rows checked: all valid (dry run, nothing imported)\n")
        else:
            sys.stdout.write(
                f"{result.imported} previous outcomes imported as batch {result.batch.pk} "
                f"in {result.seconds:.1f} s\n"
            )
    return EXIT_OK


class _binary:
    """The file opened for reading bytes; standard input is spooled to a temporary file,
    because the import reads the file twice (its sha256, then its rows)."""

    def __init__(self, path: str):
        self.path = path

    def __enter__(self):
        if self.path == "-":
            self.handle = tempfile.TemporaryFile()
            shutil.copyfileobj(sys.stdin.buffer, self.handle)
            self.handle.seek(0)
        else:
            try:
                self.handle = open(self.path, "rb")
            except OSError as exc:
                raise CliError(f"{self.path}: {exc.strerror or exc}") from None
        return self.handle

    def __exit__(self, *exc) -> None:
        self.handle.close()


def _date(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option}: must be a date YYYY-MM-DD, got {text!r}") from None


def cmd_export(args) -> int:
    since, until = _date("--since", args.since), _date("--until", args.until)
    if since and until and since > until:
        raise CliError("--until: must not be before --since")
    setup_django()
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.audit.access import record_access
    from crs.exchange.export import csv_chunks, json_chunks, records
    from crs.exchange.permissions import can_export

    user = _user(args.user, can_export)
    written = 0

    def counted():
        nonlocal written
        for row in records(since, until, force=args.force):
            written += 1
            yield row

    if args.output:
        try:
            out = open_private(args.output, "wb")
        except OSError as exc:
            raise CliError(f"--output: {args.output}: {exc.strerror or exc}") from None
    else:
        out = sys.stdout.buffer
    try:
        if args.format == "json":
            for chunk in json_chunks(counted()):
                out.write(chunk)
        else:
            for text in csv_chunks(counted()):
                out.write(text.encode("utf-8"))
    finally:
        if out is not sys.stdout.buffer:
            out.close()
    period = f"closed {since or 'any time'} to {until or 'today'}"
    record_access(
        actor=user,
        action="export",
        what=f"{written} Home Office outcome records ({period}) to "
        f"{args.output or 'standard output'}",
        why="crs export-outcomes",
    )
    return EXIT_OK

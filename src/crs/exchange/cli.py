"""`crs import-outcomes` and `crs export-outcomes`: thin doors onto the importer and exporter."""

from __future__ import annotations

import getpass
import os
import shutil
import sys
import tempfile
from datetime import date

from crs.cli import EXIT_INVALID, EXIT_OK, CliError


def _setup() -> None:
    from crs.web import setup_command

    setup_command()


def _user(username: str | None, check):
    """The crs user named, allowed to do this; None when no user was named."""
    if username is None:
        return None
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
    _setup()
    from .importer import import_outcomes
    from .permissions import can_import

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
        import orjson

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
    _setup()
    from crs.audit.access import record_access
    from crs.private_files import open_private

    from .export import csv_chunks, json_chunks, records
    from .permissions import can_export

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

"""Import an extract of previous outcomes: every row checked, then all of it kept or none.

The file is read once, in one transaction: each valid row is sent to the
database as it is read (PostgreSQL's COPY, or executemany in large batches on
SQLite), and the first invalid row stops the sending while the checking goes
on to the end, so the report lists every problem. Any problem rolls the whole
transaction back: nothing of the file is kept. The file's sha256 is unique
among the batches, so the same extract imported twice is seen and nothing is
done the second time (a retried nightly job is harmless).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from crs.audit.log import record

from .models import ImportBatch, RecordedOutcome
from .rows import DEFAULT_PROBLEM_LIMIT, ROW_COLUMNS, Report, StopReading, read_rows, text_lines

SQLITE_BATCH = 20_000


@dataclass
class ImportResult:
    report: Report
    sha256: str
    file_name: str
    dry_run: bool = False
    batch: ImportBatch | None = None
    duplicate_of: ImportBatch | None = None
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return self.batch.rows if self.batch is not None else 0

    def as_dict(self) -> dict:
        twin = self.duplicate_of
        return {
            **self.report.as_dict(),
            "file_name": self.file_name,
            "sha256": self.sha256,
            "dry_run": self.dry_run,
            "imported": self.imported,
            "batch": self.batch.pk if self.batch else None,
            "already_imported": None
            if twin is None
            else {
                "batch": twin.pk,
                "file_name": twin.file_name,
                "rows": twin.rows,
                "imported_at": twin.imported_at.isoformat(),
                "imported_by": twin.imported_by_name,
            },
        }


class _Invalid(Exception):
    """Raised inside the transaction so that nothing of an invalid file is kept."""


def file_digest(binary: BinaryIO) -> str:
    """The sha256 of a seekable binary file, which is left at its start."""
    binary.seek(0)
    digest = hashlib.file_digest(binary, "sha256").hexdigest()
    binary.seek(0)
    return digest


def import_outcomes(
    binary: BinaryIO,
    *,
    file_name: str,
    user=None,
    actor_name: str = "",
    dry_run: bool = False,
    limit: int = DEFAULT_PROBLEM_LIMIT,
    today: date | None = None,
) -> ImportResult:
    """Check and import the extract in `binary` (seekable, opened in binary mode).

    `user` is who imports (None from the command line, whose login is `actor_name`).
    Permission is the caller's to check (crs.exchange.permissions).
    """
    started = time.perf_counter()
    today = today or timezone.localdate()
    result = ImportResult(Report(limit=limit), file_digest(binary), file_name, dry_run)
    twin = ImportBatch.objects.filter(sha256=result.sha256).first()
    if twin is not None:
        result.duplicate_of = twin
    elif dry_run:
        _consume(read_rows_of(binary, result.report, today))
    else:
        try:
            with transaction.atomic():
                result.batch = _import(binary, result, user, actor_name, today)
        except _Invalid:
            result.batch = None
        except IntegrityError:
            # The same file imported at the same moment by someone else: theirs stands.
            result.batch = None
            result.duplicate_of = ImportBatch.objects.filter(sha256=result.sha256).first()
            if result.duplicate_of is None:
                raise
    result.seconds = time.perf_counter() - started
    return result


def read_rows_of(binary: BinaryIO, report: Report, today: date):
    """The checked rows of the file; a file that cannot be read ends them with its problem."""
    try:
        yield from read_rows(text_lines(binary, report), report, today=today)
    except StopReading:
        return
    if report.rows == 0 and report.valid:
        report.add(2, "", "the file has a header but no rows")


def _consume(rows) -> None:
    for _ in rows:
        pass


def _import(binary, result: ImportResult, user, actor_name: str, today: date) -> ImportBatch:
    report = result.report
    batch = ImportBatch.objects.create(
        file_name=result.file_name[:255],
        sha256=result.sha256,
        imported_by=user,
        imported_by_name=(user.get_username() if user is not None else actor_name)[:150],
        imported_at=timezone.now(),
    )
    rows = read_rows_of(binary, report, today)
    if connection.vendor == "postgresql":
        _copy(batch.pk, rows, report)
    else:
        _insert(batch.pk, rows, report)
    if not report.valid:
        raise _Invalid
    batch.rows = report.rows
    batch.save(update_fields=["rows"])
    record(
        actor=user,
        case=None,
        action="import_outcomes",
        after={
            "batch": batch.pk,
            "file_name": batch.file_name,
            "sha256": batch.sha256,
            "rows": batch.rows,
            "imported_by": batch.imported_by_name,
        },
    )
    return batch


_TABLE = RecordedOutcome._meta.db_table
_COLUMNS = ("batch_id", *ROW_COLUMNS)


def _copy(batch_id: int, rows, report: Report) -> None:
    """PostgreSQL: COPY the rows in, in the caller's transaction; stop at the first problem."""
    sql = f"COPY {_TABLE} ({', '.join(_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            if report.total:
                continue  # keep checking, to report every problem; nothing more is sent
            write((batch_id, *row))
        if report.total:
            raise _Invalid  # abandons the COPY; the transaction is rolled back


def _insert(batch_id: int, rows, report: Report) -> None:
    """SQLite (or any other database): executemany in large batches; stop at the first problem."""
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {_TABLE} ({', '.join(_COLUMNS)}) VALUES ({marks})"
    pending: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            if report.total:
                pending.clear()
                continue
            # Dates as text: SQLite stores them so, and Python 3.12 drops the default adapter.
            (line, ref, family, given, fkey, gkey, born, pnc, outcome, when, cat, sub) = row
            born, when = born.isoformat(), when.isoformat()
            pending.append(
                (batch_id, line, ref, family, given, fkey, gkey, born, pnc, outcome, when, cat, sub)
            )
            if len(pending) >= SQLITE_BATCH:
                cursor.executemany(sql, pending)
                pending.clear()
        if pending and not report.total:
            cursor.executemany(sql, pending)

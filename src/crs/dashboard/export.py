"""A dashboard table as a CSV file that says what it is of.

The file opens with a block of two-column rows, label then value, that a spreadsheet
shows as they are: the table's title, the filters (offences from and to, as dates,
district and offence category), when the figures were counted and when the file was
made, then a row for each caveat. A blank row ends the block; the table follows, its
header first. Cells are numbers as they are (0.125, not "12.5%"); a count too small to
show is "[c]"; a ratio's 95% confidence interval is two more columns. The file is named
for the table and the filters, so two downloads with different filters never share a name:

    crs-by-district-2024-04-01-to-2025-03-31-testshire-north-theft.csv
"""

from __future__ import annotations

import calendar
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.text import slugify

from .models import Tally
from .tables import CATEGORY_LABELS, Marker, Ratio, Table

GENERAL_CAVEAT = (
    "Cases are counted by the month of the offence: each figure counts the cases whose "
    "offence falls in the months chosen, from the dashboard's copy of the record as at "
    "the time it was counted."
)


@dataclass
class Scope:
    """What a table's figures are of: the period, the district and the category."""

    start: date | None  # the first day of the first month, or None: no cases at all
    end: date | None  # the last day of the last month
    district: str = ""
    category: str = ""
    counted_at: datetime | None = None
    made_at: datetime | None = None

    @property
    def district_label(self) -> str:
        return self.district or "All districts"

    @property
    def category_label(self) -> str:
        if not self.category:
            return "All categories"
        return CATEGORY_LABELS.get(self.category, self.category).capitalize()


def scope(*, start=None, end=None, district="", category="", counted_at=None) -> Scope:
    """The scope of the filters; a period not chosen runs from the first (to the last)
    month with cases."""
    if start is None or end is None:
        months = Tally.objects.filter(rollup=False, month__isnull=False).aggregate(
            first=Min("month"), last=Max("month")
        )
        start, end = start or months["first"], end or months["last"]
    if end is not None:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return Scope(start, end, district, category, counted_at, timezone.now())


def filename(table: Table, where: Scope) -> str:
    period = f"{where.start:%Y-%m-%d}-to-{where.end:%Y-%m-%d}" if where.start else "no-cases"
    parts = ["crs", table.key, period, slugify(where.district), slugify(where.category)]
    return "-".join(p for p in parts if p) + ".csv"


def metadata(table: Table, where: Scope) -> list[list[str]]:
    def stamp(at: datetime | None) -> str:
        return "" if at is None else f"{timezone.localtime(at):%Y-%m-%d %H:%M}"

    rows = [
        ["Table", table.title],
        ["Offences from", "" if where.start is None else where.start.isoformat()],
        ["Offences to", "" if where.end is None else where.end.isoformat()],
        ["District", where.district_label],
        ["Offence category", where.category_label],
        ["Figures counted at", stamp(where.counted_at)],
        ["File made at", stamp(where.made_at)],
    ]
    rows += [["Caveat", text] for text in (*table.caveats, GENERAL_CAVEAT)]
    return rows


def as_csv(table: Table, where: Scope) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in metadata(table, where):
        writer.writerow([_cell(v) for v in row])
    writer.writerow([])
    header = []
    for column in table.columns:
        header.append(column.label)
        if column.kind == "interval":
            header += ["95% CI lower", "95% CI upper"]
    writer.writerow(header)
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            if column.kind == "interval":
                cells += _interval(value)
            else:
                cells.append("" if value is None else _cell(value))
        writer.writerow(cells)
    return out.getvalue()


def table_of(text: str) -> list[list[str]]:
    """The table of a CSV this module wrote, without its metadata block."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[rows.index([]) + 1 :]


def _interval(value) -> list:
    if value is None:
        return ["", "", ""]
    if isinstance(value, Marker):
        return [str(value), str(value), str(value)]
    if value.interval is None:
        return [_cell(value.value), "", ""]
    return [_cell(x) for x in (value.value, value.interval.low, value.interval.high)]


def _cell(value):
    # Free text (an IMU reason) must not run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, Ratio):
        return _cell(value.value)
    if isinstance(value, float):
        return round(value, 6)
    return value

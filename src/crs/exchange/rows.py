"""Reading a records-system extract: the columns, the vocabulary, one row checked at a time.

Plain Python (no Django), so the checks are the same for the command, the API
and the benchmark, and cheap enough for a million rows: each row is a tuple
checked by a few comparisons and `date.fromisoformat`, never a model object.
The format is described in docs/exchange.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from crs.cases.dates import EARLIEST, in_future
from crs.policy.facts import CATEGORIES, OUTCOME_KINDS, SUBSTANCES

REQUIRED = (
    "source_reference",
    "family_name",
    "given_name",
    "date_of_birth",
    "outcome",
    "outcome_date",
)
OPTIONAL = ("pnc_id", "offence_category", "substance")
COLUMNS = REQUIRED + OPTIONAL

# The longest text each column may hold (the model's field lengths).
MAX_LENGTH = {"source_reference": 60, "family_name": 100, "given_name": 100, "pnc_id": 16}

DRUG_CATEGORIES = ("drugs_possession", "drugs_supply")

# The words a records system may use for an outcome, mapped to the engine's vocabulary
# (docs/contract/assess.md). Compared after lower-casing and turning spaces and hyphens
# into underscores. Home Office outcome numbers are not accepted: outcome 3 covers both
# simple and conditional cautions of adults, so the number alone cannot say which.
OUTCOME_ALIASES = {
    **{kind: kind for kind in OUTCOME_KINDS},
    "cr": "community_resolution",
    "caution": "simple_caution",
    "adult_caution": "simple_caution",
    "adult_simple_caution": "simple_caution",
    "adult_conditional_caution": "conditional_caution",
    "youth_simple_caution": "youth_caution",
    "pnd": "penalty_notice",
    "penalty_notice_for_disorder": "penalty_notice",
    "cannabis_warning": "cannabis_khat_warning",
    "khat_warning": "cannabis_khat_warning",
    "cannabis/khat_warning": "cannabis_khat_warning",
    "convicted": "conviction",
}

# PNC ID: the year (two or four digits), a slash, a serial number and a check letter,
# e.g. 2001/0012345X or 01/12345X. The check letter's algorithm is not checked.
PNC_ID = re.compile(r"\d{2}(?:\d{2})?/\d{1,7}[A-Z]")

DEFAULT_PROBLEM_LIMIT = 100


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.field}" if self.field else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"line": self.line, "field": self.field, "message": self.message}


@dataclass
class Report:
    """What a validation found: the first `limit` problems and how many there were."""

    rows: int = 0
    total: int = 0
    problems: list[Problem] = field(default_factory=list)
    limit: int = DEFAULT_PROBLEM_LIMIT

    @property
    def valid(self) -> bool:
        return self.total == 0

    def add(self, line: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(line, column, message))

    def as_dict(self) -> dict:
        return {
            "valid": self.valid,
            "rows": self.rows,
            "problems_total": self.total,
            "problems": [p.as_dict() for p in self.problems],
            "problems_shown": len(self.problems),
        }

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            out.append(f"... and {self.total - len(self.problems)} more problems")
        return out


class StopReading(Exception):
    """The file cannot be read further (not UTF-8, not CSV): the problem is in the report."""


def outcome_kind(text: str) -> str | None:
    return OUTCOME_ALIASES.get(text.strip().lower().replace(" ", "_").replace("-", "_"))


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD, or DD/MM/YYYY as British records systems often write it."""
    try:
        if len(text) == 10 and text[2] == "/" and text[5] == "/":
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def name_key(name: str) -> str:
    """How names are compared: case and runs of spaces (or tabs) do not matter.

    Cut to the column's 100 characters: case folding can lengthen a name ("ß" is "ss").
    """
    key = name.strip().casefold()
    if "  " in key or not key.isprintable():
        key = " ".join(key.split())
    return key[:100]


def text_lines(binary: Iterable[bytes], report: Report) -> Iterator[str]:
    """The lines of a binary file as UTF-8 text (a byte-order mark allowed), for the csv module.

    Decoded line by line rather than through io.TextIOWrapper, so a byte that is not
    UTF-8 is reported on its own line, not on the line a read-ahead buffer reached.
    """
    for number, raw in enumerate(binary, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            report.add(number, "", "is not UTF-8 text; save the extract as CSV UTF-8")
            raise StopReading from None
        if "\x00" in text:  # the database cannot store it: refuse here, not mid-import
            report.add(number, "", "holds a NUL character, which no column may contain")
            text = text.replace("\x00", "")
        yield text


# A checked row: the columns of RecordedOutcome, in this order (the COPY's column list).
ROW_COLUMNS = (
    "line",
    "source_reference",
    "family_name",
    "given_name",
    "family_key",
    "given_key",
    "date_of_birth",
    "pnc_id",
    "outcome",
    "outcome_date",
    "category",
    "substance",
)


def read_rows(text: Iterable[str], report: Report, *, today: date) -> Iterator[tuple]:
    """Check every row of the extract; yield each valid row as a tuple of ROW_COLUMNS.

    Problems go into `report`; the caller decides whether anything is kept (the
    import keeps nothing unless every row is valid). Lines are the file's physical
    lines, counting the header as line 1, so a spreadsheet or an editor finds them.
    """
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        report.add(1, "", f"is not valid CSV: {exc}")
        raise StopReading from None
    if header is None:
        report.add(1, "", "the file is empty: expected a header line naming the columns")
        raise StopReading
    columns = [name.strip().lower() for name in header]
    where = _header(columns, report)
    if where is None:
        raise StopReading
    width = len(columns)
    (i_ref, i_family, i_given, i_dob, i_outcome, i_date, i_pnc, i_cat, i_sub) = (
        where.get(name, -1) for name in (*REQUIRED, *OPTIONAL)
    )
    categories, substances = frozenset(CATEGORIES), frozenset(SUBSTANCES)
    add = report.add
    # Valid values seen, by their text: a million rows hold a few tens of thousands of
    # dates and a handful of spellings, so each is parsed once.
    births: dict[str, date] = {}
    dates: dict[str, date] = {}
    outcomes: dict[str, str] = {}
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            add(line, "", f"is not valid CSV: {exc}")
            raise StopReading from None
        first, line = line, reader.line_num + 1
        if not values or values == [""]:
            continue  # a blank line
        report.rows += 1
        if len(values) != width:
            add(first, "", f"has {len(values)} fields; the header has {width}")
            continue
        before = report.total
        ref = values[i_ref].strip()
        family = values[i_family].strip()
        given = values[i_given].strip()
        if not (ref and family and given) or max(len(ref), len(family), len(given)) > 60:
            _check_text(first, ref, family, given, add)
        raw = values[i_dob]
        born = births.get(raw)
        if born is None:
            born = _date(raw.strip(), first, "date_of_birth", add, today)
            if born is not None:
                births[raw] = born
        raw = values[i_outcome]
        outcome = outcomes.get(raw)
        if outcome is None:
            outcome = outcome_kind(raw)
            if outcome is None:
                add(first, "outcome", _bad_outcome(raw))
            else:
                outcomes[raw] = outcome
        raw = values[i_date]
        when = dates.get(raw)
        if when is None:
            when = _date(raw.strip(), first, "outcome_date", add, today)
            if when is not None:
                dates[raw] = when
        if when is not None and born is not None and when < born:
            add(first, "outcome_date", f"{raw.strip()} is before the date of birth")
        pnc = values[i_pnc].strip().upper() if i_pnc >= 0 else ""
        if pnc and not PNC_ID.fullmatch(pnc):
            add(first, "pnc_id", f"{pnc!r} is not a PNC ID (e.g. 2001/0012345X)")
        category = values[i_cat] if i_cat >= 0 else ""
        if category and category not in categories:
            category = category.strip().lower()
            if category and category not in categories:
                add(first, "offence_category", _not_one_of(category, CATEGORIES))
                category = ""  # reported: the substance is not checked against it
        substance = values[i_sub].strip().lower() if i_sub >= 0 else ""
        if substance:
            if substance not in substances:
                add(first, "substance", _not_one_of(substance, SUBSTANCES))
            elif category and category not in DRUG_CATEGORIES:
                add(first, "substance", f"is only for a drugs offence, not {category}")
        if report.total == before:
            yield (
                first,
                ref,
                family,
                given,
                name_key(family),
                name_key(given),
                born,
                pnc,
                outcome,
                when,
                category,
                substance,
            )


def _header(columns: list[str], report: Report) -> dict[str, int] | None:
    before = report.total
    where: dict[str, int] = {}
    for index, name in enumerate(columns):
        if name not in COLUMNS:
            report.add(1, name, f"is not a column of the extract ({', '.join(COLUMNS)})")
        elif name in where:
            report.add(1, name, "appears twice in the header")
        else:
            where[name] = index
    for name in REQUIRED:
        if name not in where:
            report.add(1, name, "is a required column and is missing from the header")
    return where if report.total == before else None


def _check_text(line: int, ref: str, family: str, given: str, add) -> None:
    for column, value in (
        ("source_reference", ref),
        ("family_name", family),
        ("given_name", given),
    ):
        if not value:
            add(line, column, "is required")
        elif len(value) > MAX_LENGTH[column]:
            add(line, column, f"is longer than {MAX_LENGTH[column]} characters")


def _date(raw: str, line: int, column: str, add, today: date) -> date | None:
    """The date, or None with the problem reported."""
    day = parse_date(raw)
    if day is None:
        add(
            line,
            column,
            f"must be a date YYYY-MM-DD or DD/MM/YYYY, got {raw!r}" if raw else "is required",
        )
    elif in_future(day, today):
        add(line, column, f"{raw} is in the future")
    elif day < EARLIEST:
        add(line, column, f"{raw} is before {EARLIEST.year}")
    else:
        return day
    return None


def _not_one_of(value: str, allowed) -> str:
    return f"{value!r} is not one of: {', '.join(allowed)}"


def _bad_outcome(raw: str) -> str:
    if not raw.strip():
        return "is required"
    return f"{raw.strip()!r} is not an outcome crs knows ({', '.join(OUTCOME_KINDS)})"

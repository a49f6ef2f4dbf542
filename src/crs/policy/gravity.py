"""A force's gravity matrix as data: load its offence-to-score CSV and look offences up.

No offence-by-offence table of the national gravity matrices is public (Ruling R22),
so crs ships none as if it were official. A force keeps its own matrix as a CSV file;
`load_matrix` reads and validates it and `GravityTable.lookup` finds offences by their
words. The file `data/gravity-sample-ILLUSTRATIVE.csv` is a sample for demonstration
only: its scores are made up for the purpose, and whoever shows them says so.

No rule reads this module or the sample: a rule uses only the scores recorded in the
case's facts (`offence.gravity`), which an officer arrives at by referring to the
matrix (SOP 3.1.1).

    table = load_matrix("kent-gravity.csv")      # GravityError if not valid
    for entry in table.lookup("shoplifting", limit=5):
        print(entry.offence, entry.matrix, entry.base_score)

The CSV file
------------
UTF-8, with or without a byte-order mark; comma-separated, fields with commas or
line breaks in double quotes. The first row is the header; its column names are
case-insensitive and may come in any order:

=============  ========  ==========================================================
offence        required  the offence as officers name it
category       required  one of the contract's categories (crs.policy.facts.CATEGORIES)
matrix         required  ``adult`` or ``child``
base_score     required  adult 1-4 (4 = charge ... 1 = community resolution);
                         child 1-5 (1 = no further action ... 5 = charge) — Ruling R21
aggravating    optional  aggravating factors, separated by ``;``
mitigating     optional  mitigating factors, separated by ``;``
notes          optional  free text; an entry whose notes say ILLUSTRATIVE is a sample
=============  ========  ==========================================================

Blank rows, and rows whose first field starts with ``#`` (comments), are skipped.
An offence may appear once on each matrix. Every problem is reported with its line and
column, e.g. ``line 7, base_score: must be from 1 to 4 on the adult matrix, got 6``;
an unknown or missing column, an empty file or a header with no rows is an error too.

`crs gravity lookup TEXT [--csv FILE] [--limit N]`
--------------------------------------------------
Reads FILE, else the file named by $CRS_GRAVITY_CSV, else the sample; whenever the
matrix is (or includes) the illustrative sample, the first line of output says so.
Every word of TEXT must begin a word of the offence (``shop`` finds "Shoplifting"),
or of its category (``theft`` also finds shoplifting). Exit status, as grep's:

- 0: offences were found;
- 1: no offence matches every word of TEXT (the closest offences, if any, are listed
  under a line that says they are only close);
- 2: invalid input: a CSV that cannot be read or is not valid, a TEXT with no words,
  or a --limit below 1.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .facts import CATEGORIES, MATRICES, SCORE_RANGE

SAMPLE_PATH = Path(__file__).parent / "data" / "gravity-sample-ILLUSTRATIVE.csv"
ENV_VAR = "CRS_GRAVITY_CSV"
REQUIRED = ("offence", "category", "matrix", "base_score")
OPTIONAL = ("aggravating", "mitigating", "notes")
COLUMNS = REQUIRED + OPTIONAL
SAMPLE_LABEL = (
    "ILLUSTRATIVE SAMPLE: these scores are an illustrative sample, "
    "not an official gravity matrix (Ruling R22)."
)
_WORD = re.compile(r"\w+")
_ILLUSTRATIVE = re.compile(r"\billustrative\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a gravity CSV; `line` and `column` are None for the whole file."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line else []
        where += [self.column] if self.column else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


class GravityError(ValueError):
    """A gravity CSV that cannot be used. `problems` holds every problem found, in file
    order; the message names the source and the first of them."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = tuple(problems)
        more = len(problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{source}: {problems[0]}{tail}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One offence on one matrix, as the force's CSV gives it (`line` is where)."""

    offence: str
    category: str
    matrix: str
    base_score: int
    aggravating: tuple[str, ...] = ()
    mitigating: tuple[str, ...] = ()
    notes: str = ""
    line: int = 0

    @property
    def illustrative(self) -> bool:
        return bool(_ILLUSTRATIVE.search(self.notes))


@dataclass(frozen=True, slots=True)
class GravityTable:
    """A validated gravity matrix: its entries in file order and where they came from."""

    entries: tuple[Entry, ...]
    source: str
    sample: bool = False

    @property
    def illustrative(self) -> bool:
        """True when any score shown from this table must be labelled a sample (R22)."""
        return self.sample or any(e.illustrative for e in self.entries)

    def lookup(self, text: str, limit: int | None = 10) -> list[Entry]:
        """The entries matching every word of `text`, closest first.

        A word of `text` matches a word of the offence it begins (case-insensitive), or
        else a word of the category. Closest: the words as a phrase in the offence, then
        all of them anywhere in it, then with help from the category; within each, fewer
        extra words (so the exact offence comes first), then fewer words matched only by
        their beginning, then file order. Raises ValueError when `text` has no words.
        """
        query = _words(text)
        if not query:
            raise ValueError("give at least one word of the offence")
        ranked = []
        for entry in self.entries:
            rank = _rank(query, entry)
            if rank is not None:
                ranked.append((rank, entry))
        ranked.sort(key=lambda pair: pair[0])
        return [entry for _, entry in ranked[:limit]]

    def suggest(self, text: str, limit: int | None = 10) -> list[Entry]:
        """Entries close to `text` (difflib), for when `lookup` finds nothing.

        Each word is first corrected to the nearest word of any offence ("shoplfting"
        becomes "shoplifting") and words with nothing near are dropped; failing that,
        the whole of `text` is compared with each offence.
        """
        query = _words(text)
        if not query:
            raise ValueError("give at least one word of the offence")
        vocabulary = sorted({w for e in self.entries for w in _words(e.offence)})
        corrected = []
        for word in query:
            if any(w.startswith(word) for w in vocabulary):
                corrected.append(word)
            else:
                corrected += difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if corrected:
            found = self.lookup(" ".join(corrected), limit)
            if found:
                return found
        by_name: dict[str, list[Entry]] = {}
        for entry in self.entries:
            by_name.setdefault(" ".join(_words(entry.offence)), []).append(entry)
        close = difflib.get_close_matches(" ".join(query), list(by_name), n=len(by_name))
        return [e for name in close for e in by_name[name]][:limit]


def _rank(query: list[str], entry: Entry) -> tuple | None:
    words = _words(entry.offence)
    if all(any(w.startswith(q) for w in words) for q in query):
        tier = 0 if _is_phrase(query, words) else 1
    elif all(any(w.startswith(q) for w in words + entry.category.split("_")) for q in query):
        tier = 2
    else:
        return None
    partial = sum(1 for q in query if q not in words)
    return tier, max(len(words) - len(query), 0), partial, entry.line


def _is_phrase(query: list[str], words: list[str]) -> bool:
    """The query's words appear together, in order; its last word may be unfinished."""
    n = len(query)
    for i in range(len(words) - n + 1):
        if words[i : i + n - 1] == query[:-1] and words[i + n - 1].startswith(query[-1]):
            return True
    return False


def load_matrix(path: str | os.PathLike) -> GravityTable:
    """Read and validate a force's gravity CSV (format: this module's docstring)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        problem = Problem(None, None, f"cannot read: {exc.strerror or exc}")
        raise GravityError(str(p), [problem]) from None
    try:
        is_sample = p.resolve() == SAMPLE_PATH.resolve()
    except OSError:
        is_sample = False
    return parse_matrix(data, source=str(p), sample=is_sample)


def load_sample() -> GravityTable:
    """The ILLUSTRATIVE sample shipped with crs: for demonstration, never as official."""
    return load_matrix(SAMPLE_PATH)


def parse_matrix(
    data: bytes | str, source: str = "(gravity CSV)", *, sample: bool = False
) -> GravityTable:
    """Validate gravity CSV content already in memory (an upload, say); see load_matrix."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            problem = Problem(line, None, "not valid UTF-8 (save the file as UTF-8)")
            raise GravityError(source, [problem]) from None
    text = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    header_line = 0
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    last = 0
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not any(field.strip() for field in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header, header_line = _header(row, start, source), start
                continue
            entry = _entry(dict(zip(header, row, strict=False)), start, problems)
            extra = [
                i for i, field in enumerate(row[len(header) :], len(header) + 1) if field.strip()
            ]
            if extra:
                problems.append(
                    Problem(start, f"column {extra[0]}", "a value beyond the header's columns")
                )
            if entry is None:
                continue
            key = (" ".join(_words(entry.offence)), entry.matrix)
            if key in seen:
                problems.append(
                    Problem(
                        start,
                        "offence",
                        f"{entry.offence!r} is already on the {entry.matrix} matrix "
                        f"at line {seen[key]}",
                    )
                )
                continue
            seen[key] = start
            entries.append(entry)
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, None, f"not valid CSV: {exc}"))
    if problems:
        raise GravityError(source, problems)
    if header is None:
        columns = ", ".join(REQUIRED)
        raise GravityError(
            source, [Problem(None, None, f"empty file: expected a header naming {columns}")]
        )
    if not entries:
        raise GravityError(source, [Problem(header_line, None, "the header has no rows under it")])
    return GravityTable(entries=tuple(entries), source=source, sample=sample)


def _header(row: list[str], line: int, source: str) -> list[str]:
    names = [name.strip().casefold() for name in row]
    problems = []
    for i, name in enumerate(names, 1):
        if not name:
            problems.append(Problem(line, f"column {i}", "the column has no name"))
        elif name not in COLUMNS:
            known = ", ".join(COLUMNS)
            problems.append(Problem(line, row[i - 1].strip(), f"unknown column (known: {known})"))
        elif name in names[: i - 1]:
            problems.append(Problem(line, name, "the column is named twice"))
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem(line, name, "missing column (it is required)"))
    if problems:
        raise GravityError(source, problems)
    return names


def _entry(row: dict[str, str], line: int, problems: list[Problem]) -> Entry | None:
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    offence = row.get("offence", "").strip()
    if not offence or not _words(offence):
        bad("offence", "must name the offence")
    category = row.get("category", "").strip().casefold()
    if category not in CATEGORIES:
        bad("category", f"must be one of {', '.join(CATEGORIES)}; got {category!r}")
    matrix = row.get("matrix", "").strip().casefold()
    if matrix not in MATRICES:
        bad("matrix", f"must be {' or '.join(MATRICES)}; got {matrix!r}")
    raw_score = row.get("base_score", "").strip()
    score = int(raw_score) if raw_score.isascii() and raw_score.isdigit() else None
    if score is None:
        bad("base_score", f"must be a whole number; got {raw_score!r}")
    elif matrix in SCORE_RANGE:
        low, high = SCORE_RANGE[matrix]
        if not low <= score <= high:
            bad("base_score", f"must be from {low} to {high} on the {matrix} matrix, got {score}")
    if len(problems) > before:
        return None
    return Entry(
        offence=offence,
        category=category,
        matrix=matrix,
        base_score=score,
        aggravating=_factors(row.get("aggravating", "")),
        mitigating=_factors(row.get("mitigating", "")),
        notes=row.get("notes", "").strip(),
        line=line,
    )


def _factors(text: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in text.split(";") if f.strip())

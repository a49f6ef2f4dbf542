"""The gravity page's look-up of the force's gravity table (`crs gravity lookup` in the web).

A search box and a button in the page's form of questions: with JavaScript the button asks
for the look-up alone (`?gravity=shoplifting`, htmx); without, it sends the page, whose
answers come back as typed (assessment.question), so nothing typed is lost. Either way:
the offences that match every word, on the offender's matrix (Ruling R29), each with its
base score. The table is the file $CRS_GRAVITY_CSV
names, else the ILLUSTRATIVE sample, which the page then says it is (Ruling R22).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crs.policy.gravity import (
    ENV_VAR,
    SAMPLE_LABEL,
    SAMPLE_PATH,
    Entry,
    GravityError,
    GravityTable,
    _words,
    load_matrix,
)

PARAM = "gravity"
BUTTON = "lookup"  # the look-up pressed in the page's form (without JavaScript: a POST)
LIMIT = 10


@dataclass
class Lookup:
    text: str = ""
    error: str = ""
    entries: list[Entry] = field(default_factory=list)
    close: bool = False  # nothing matched every word: these are only close
    sample: str = ""  # the words that say the table is a sample
    searched: bool = False


def _path() -> Path:
    return Path(os.environ.get(ENV_VAR) or SAMPLE_PATH)


@lru_cache(maxsize=4)
def _table(path: Path, changed: float) -> GravityTable:
    return load_matrix(path)


def lookup(params, matrix: str | None) -> Lookup:
    """The look-up for the page's query parameters, on `matrix` when it is known."""
    if PARAM not in params:
        return Lookup()
    text = params.get(PARAM, "").strip()[:200]
    found = Lookup(text=text, searched=True)
    if not _words(text):
        found.error = "Enter the name of the offence, for example shoplifting"
        return found
    path = _path()
    try:
        table = _table(path, path.stat().st_mtime)
    except (GravityError, OSError):
        found.error = "The force's gravity table cannot be read: tell your system administrator"
        return found
    if matrix in ("adult", "child"):
        table = GravityTable(
            tuple(e for e in table.entries if e.matrix == matrix), table.source, table.sample
        )
    found.sample = SAMPLE_LABEL if table.illustrative else ""
    found.entries = table.lookup(text, LIMIT)
    if not found.entries:
        found.entries = table.suggest(text, LIMIT)
        found.close = bool(found.entries)
    return found

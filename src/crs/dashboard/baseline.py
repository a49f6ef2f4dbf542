"""The population the fairness figures are measured against, read from a CSV file.

The file has four columns, with this header:

    dimension,group,population,reference

`dimension` is age_band, sex or ethnic_group; `group` one of that dimension's groups
(crs.dashboard.groups: 10-14 ... 65+; female, male; A, B, M, W, O for the 2021 Census's
high-level ethnic groups); `population` a whole number of people; `reference` is "yes"
on exactly one row of each dimension (the group the others are compared with) and
empty otherwise. Lines starting with # are comments.

The file is named by settings.CRS_POPULATION_BASELINE or the environment variable of
that name; without one, the ILLUSTRATIVE sample shipped in crs/dashboard/data is used
and the page says so. A mistake is reported with its line and column, never a traceback.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .groups import AGE_BANDS, DIMENSIONS, NOT_RECORDED

SAMPLE = Path(__file__).resolve().parent / "data" / "population-baseline-ILLUSTRATIVE.csv"
HEADER = ["dimension", "group", "population", "reference"]
# The groups a population can be given for: "not stated" and "not recorded" have none.
GROUPS = {
    "age_band": [key for key, *_ in AGE_BANDS],
    "sex": ["female", "male"],
    "ethnic_group": ["A", "B", "M", "W", "O"],
}


class BaselineError(ValueError):
    """A mistake in the baseline file, with where it is."""


@dataclass
class Baseline:
    source: str
    illustrative: bool
    population: dict[str, dict[str, int]] = field(default_factory=dict)
    reference: dict[str, str] = field(default_factory=dict)


def configured_path() -> tuple[Path, bool]:
    named = getattr(settings, "CRS_POPULATION_BASELINE", "") or os.environ.get(
        "CRS_POPULATION_BASELINE", ""
    )
    return (Path(named), False) if named else (SAMPLE, True)


def load_baseline() -> Baseline:
    path, illustrative = configured_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: is not UTF-8 text") from None
    baseline = parse(text, source=str(path))
    baseline.illustrative = illustrative
    return baseline


def parse(text: str, *, source: str = "baseline") -> Baseline:
    baseline = Baseline(source=source, illustrative=False)
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")
    ]
    lines = [(n, line) for n, line in lines if line.strip()]
    if not lines:
        raise BaselineError(f"{source}: is empty; expected the header {','.join(HEADER)}")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    rows = list(reader)
    n, _ = lines[0]
    if [c.strip().lower() for c in rows[0]] != HEADER:
        raise BaselineError(
            f"{source}, line {n}: the header must be {','.join(HEADER)}, not {','.join(rows[0])}"
        )
    for (n, _), row in zip(lines[1:], rows[1:], strict=True):
        _row(baseline, source, n, row)
    for dimension in GROUPS:
        if dimension not in baseline.population:
            continue
        if dimension not in baseline.reference:
            raise BaselineError(
                f"{source}: no reference group for {dimension}: mark one row of it "
                'with "yes" in the reference column'
            )
    return baseline


def _row(baseline: Baseline, source: str, n: int, row: list[str]) -> None:
    def fail(column: str, message: str):
        raise BaselineError(f"{source}, line {n}, column {column}: {message}")

    if len(row) != len(HEADER):
        raise BaselineError(
            f"{source}, line {n}: expected {len(HEADER)} columns "
            f"({','.join(HEADER)}), found {len(row)}"
        )
    dimension, group, population, reference = (c.strip() for c in row)
    if dimension not in GROUPS:
        fail("dimension", f"{dimension!r} is not one of {', '.join(GROUPS)}")
    if group not in GROUPS[dimension]:
        fail("group", f"{group!r} is not a {dimension} group ({', '.join(GROUPS[dimension])})")
    try:
        people = int(population.replace("_", ""))
    except ValueError:
        fail("population", f"{population!r} is not a whole number")
    if people <= 0:
        fail("population", f"{people} must be more than 0")
    if reference.lower() not in ("", "yes"):
        fail("reference", f'{reference!r} must be "yes" or empty')
    groups = baseline.population.setdefault(dimension, {})
    if group in groups:
        fail("group", f"{dimension} {group} is given twice")
    groups[group] = people
    if reference.lower() == "yes":
        if dimension in baseline.reference:
            fail("reference", f"{dimension} already has a reference group")
        baseline.reference[dimension] = group


def label(dimension: str, group: str) -> str:
    return DIMENSIONS[dimension][1].get(group, group) if group != NOT_RECORDED else "Not recorded"

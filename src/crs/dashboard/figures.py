"""The dashboard's figures, each a function of the tally cells chosen by the filters.

The cells (crs.dashboard.models.Tally) count the cases of one month, district and
offence category; a figure sums them with one GROUP BY in the database, and Python
only turns the few sums into shares and ratios. What each figure counts:

- a CR is *given* when it was agreed with the offender (delivered); *not given*
  when authority was refused or the case was withdrawn before agreement; cases
  still being decided are *open* and in neither;
- the restorative and non-compliance shares are of the CRs given;
- completed within 16 weeks: of the CRs *due* (given, and the offence date plus 16
  weeks, 4.4.4 and Ruling R25, passed by the day of the last refresh), those completed
  by that date; one completed later, not complied with or still open was not;
- time to authorise: from the last request for authority to the decision, given or
  refused, counted in buckets (crs.dashboard.summary.bucket: the hour below, to two
  days); the median and 90th percentile are by nearest rank (the bucket holding the
  value at position ceil(p x n) of the n times in order), given as the bucket's start;
- disproportionality: a group's CRs given per 1,000 of its population, divided by
  the reference group's rate, with its 95% confidence interval (crs.dashboard.intervals).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Sum

from crs.policy.facts import CATEGORIES as FACT_CATEGORIES

from .baseline import Baseline
from .groups import DIMENSIONS
from .intervals import Interval, rate_ratio
from .models import Tally
from .summary import DUE, HEADLINE

# Counts from 1 to SUPPRESS - 1 are not shown in the figures by group (age band, sex,
# ethnic group), nor a share, rate or ratio worked out from one: as official statistics
# suppress small numbers, so that no one can be picked out, and because a ratio resting
# on so few is noise.
SUPPRESS = 5
HOUR_BANDS = [
    ("Under 24 hours", 0, 24),
    ("1 to 3 days", 24, 72),
    ("3 to 7 days", 72, 168),
    ("7 days or more", 168, None),
]
CELL = ("month", "district", "category")
# A cell's value outside these (a category no longer in the contract) is not recorded.
KNOWN = {"category": frozenset(FACT_CATEGORIES)}


def share(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


class Cells(NamedTuple):
    """The tally cells the filters choose: by month (for the volumes by month), and the
    cells to sum for everything else (the rollup rows when no period is chosen)."""

    monthly: object
    summed: object


def filtered(*, start=None, end=None, district="", category="") -> Cells:
    """The cells of the months from `start` to `end` (dates in them), the district and
    the category; all of them when a filter is not given."""
    monthly = Tally.objects.filter(rollup=False)
    rollup = Tally.objects.filter(rollup=True)
    if start:
        monthly = monthly.filter(month__gte=start.replace(day=1))
    if end:
        monthly = monthly.filter(month__lte=end.replace(day=1))
    if district:
        monthly, rollup = monthly.filter(district=district), rollup.filter(district=district)
    if category:
        monthly, rollup = monthly.filter(category=category), rollup.filter(category=category)
    return Cells(monthly, monthly if start or end else rollup)


class Counts:
    """The sums of the chosen cells for every figure: one GROUP BY over the cells (and a
    second, by month, district and category, for the volumes, when first asked)."""

    def __init__(self, cells: Cells):
        self.cells = cells.monthly
        self.figures: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        summed = (
            cells.summed.order_by()
            .values_list("figure", "key", "outcome")
            .annotate(total=Sum("n"))
            .order_by()
        )
        for figure, key, outcome, total in summed:
            self.figures[figure].append((key, outcome, total))
        self._cells_cases = None

    def keyed(self, figure: str) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for key, _, total in self.figures.get(figure, ()):
            out[key] += total
        return out

    def volumes(self, field: str) -> list[tuple[object, int]]:
        if self._cells_cases is None:
            self._cells_cases = list(
                self.cells.filter(figure="headline", key="cases")
                .order_by()
                .values_list(*CELL)
                .annotate(total=Sum("n"))
                .order_by()
            )
        out: dict = defaultdict(int)
        index = CELL.index(field)
        known = KNOWN.get(field)
        for row in self._cells_cases:
            value = row[index]
            if value == "" or (known is not None and value not in known):
                value = None  # a draft's blank category, a team with no district...
            out[value] += row[-1]
        # The values in order, then the one None ("Not recorded"), never compared with them.
        return sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))


def counts(cells) -> Counts:
    return cells if isinstance(cells, Counts) else Counts(cells)


def headline(cells) -> dict:
    totals = dict.fromkeys((*HEADLINE, *DUE), 0)
    totals.update(counts(cells).keyed("headline"))
    totals["open"] = totals["cases"] - totals["given"] - totals["not_given"]
    totals["restorative_share"] = share(totals["restorative"], totals["given"])
    totals["non_compliant_share"] = share(totals["non_compliant"], totals["given"])
    totals["due_open"] = (
        totals["due"] - totals["due_within"] - totals["due_late"] - totals["due_not_complied"]
    )
    for key in ("due_within", "due_late", "due_not_complied", "due_open"):
        totals[f"{key}_share"] = share(totals[key], totals["due"])
    return totals


def counts_by(cells, field: str) -> list[tuple[object, int]]:
    """(value, cases) for month, district or category, or for each level or satisfaction."""
    if field in CELL:
        return counts(cells).volumes(field)
    return sorted(counts(cells).keyed(field).items())


def time_to_authorise(cells) -> dict:
    histogram = sorted((float(key), n) for key, n in counts(cells).keyed("hours").items())
    n = sum(count for _, count in histogram)

    def rank(p: float) -> float | None:
        if not n:
            return None
        wanted, seen = math.ceil(p * n), 0
        for start, count in histogram:
            seen += count
            if seen >= wanted:
                return start
        return None  # not reached: the counts add up to n

    bands = [
        (label, sum(c for h, c in histogram if h >= low and (high is None or h < high)))
        for label, low, high in HOUR_BANDS
    ]
    return {"n": n, "median": rank(0.5), "p90": rank(0.9), "bands": bands}


def returns(cells, *, limit: int | None = None) -> list[tuple[str, int]]:
    """The IMU's reasons for returning cases, most frequent first (then alphabetical)."""
    reasons = sorted(counts(cells).keyed("reason").items(), key=lambda r: (-r[1], r[0]))
    return reasons[:limit] if limit else reasons


def concealed(n: int | None, *, below: int | None = None) -> bool:
    """A count from 1 to below-1 (SUPPRESS-1) is not shown, nor anything worked out from it."""
    return n is not None and 0 < n < (below or SUPPRESS)


@dataclass
class GroupOutcome:
    group: str
    cases: int
    given: int
    not_given: int
    population: int | None = None
    rate: float | None = None  # CRs given per 1,000 population
    ratio: float | None = None  # rate / the reference group's rate
    interval: Interval | None = None  # the ratio's 95% confidence interval
    reference: bool = False
    suppressed: bool = False  # the ratio rests on a count below SUPPRESS (not shown)

    @property
    def given_share(self) -> float | None:
        return share(self.given, self.given + self.not_given)

    @property
    def no_cases(self) -> bool:
        return self.cases == 0


def outcomes_by(rows, dimension: str, baseline: Baseline | None, *, suppress: int | None = None):
    """Outcomes for each group of age band, sex or ethnic group, with the ratios and their
    intervals; a ratio resting on a count below `suppress` (the group's CRs given or the
    reference group's) is marked suppressed."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    counted: dict[str, list[int]] = {}
    for group, outcome, n in counts(rows).figures.get(dimension, ()):
        cases, given, not_given = counted.setdefault(group, [0, 0, 0])
        counted[group] = [
            cases + n,
            given + (n if outcome == "given" else 0),
            not_given + (n if outcome == "not_given" else 0),
        ]
    population = baseline.population.get(dimension, {}) if baseline else {}
    order = list(DIMENSIONS[dimension][1])
    keys = sorted(
        set(counted) | set(population), key=lambda g: (order.index(g) if g in order else 99, g)
    )
    out = [GroupOutcome(g, *counted.get(g, (0, 0, 0))) for g in keys]
    for row in out:
        row.population = population.get(row.group)
        if row.population:
            row.rate = row.given * 1000 / row.population
    reference_group = baseline.reference.get(dimension) if baseline else None
    reference = next((r for r in out if r.group == reference_group), None)
    if reference is not None:
        reference.reference = True
        for row in out:
            if row.rate is None or not reference.rate or row.no_cases:
                continue
            row.ratio = row.rate / reference.rate
            row.suppressed = concealed(row.given, below=suppress) or concealed(
                reference.given, below=suppress
            )
            if not row.reference:
                row.interval = rate_ratio(
                    row.given, row.population, reference.given, reference.population
                )
    return out

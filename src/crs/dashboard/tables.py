"""The figures as tables: what the page draws (a chart beside each) and the CSV gives.

A table keeps its cells as numbers; `display` formats them for the page, the CSV
(crs.dashboard.export) writes them as they are, so a spreadsheet gets 0.125, not
"12.5%". A cell that is not a number says why: SUPPRESSED ("[c]", a count too small
to show, figures.SUPPRESS) or NO_CASES.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.utils import timezone

from crs.cases.models import CATEGORIES
from crs.policy import PackError, pack_for
from crs.policy.wording import periods

from . import figures
from .baseline import Baseline, label
from .groups import DIMENSIONS, LEVEL_LABELS, SATISFACTION_LABELS
from .intervals import Interval

CATEGORY_LABELS = dict(CATEGORIES)


class Marker(str):
    """A cell with no number, and the words that say why."""


SUPPRESSED = Marker("[c]")
NO_CASES = Marker("no cases")
FEWER = f"Fewer than {figures.SUPPRESS}: not shown"
SUPPRESSION_NOTE = (
    f"[c]: a count from 1 to {figures.SUPPRESS - 1}, not shown, nor any share, rate or ratio "
    "worked out from it."
)


class Ratio(NamedTuple):
    """A disproportionality ratio and its 95% confidence interval (none for the reference)."""

    value: float
    interval: Interval | None = None


@dataclass
class Column:
    label: str
    kind: str = "count"  # text, count, share, hours, rate, interval (a Ratio)

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Bar:
    label: str
    text: str
    percent: float
    low: float | None = None  # where the interval starts and ends, as percents
    high: float | None = None
    clipped: bool = False  # the interval runs on past the chart's edge


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    intro: str = ""
    chart_column: int | None = 1  # which column the bars show; None: no chart
    wide: bool = False
    empty: str = "No cases match."
    caveats: list[str] = field(default_factory=list)  # shown above the table, and in the CSV

    @property
    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell as (text, numeric) for the page."""
        return [
            [(fmt(c.kind, v), c.numeric) for c, v in zip(self.columns, row, strict=True)]
            for row in self.rows
        ]

    @property
    def bars(self) -> list[Bar]:
        if self.chart_column is None:
            return []
        kind = self.columns[self.chart_column].kind
        values = [row[self.chart_column] for row in self.rows]
        top = max((_value(v) for v in values if _value(v) is not None), default=0)
        if kind == "interval":
            top = max(top, 1.0) * 1.25  # room for the line at 1 and some of the intervals
        bars = []
        for row, v in zip(self.rows, values, strict=True):
            number = _value(v)
            bar = Bar(
                str(row[0]),
                fmt(kind, v),
                0 if not top or number is None else _percent(number, top),
            )
            if isinstance(v, Ratio) and v.interval is not None and top:
                bar.low = _percent(v.interval.low, top)
                bar.high = _percent(v.interval.high, top)
                bar.clipped = v.interval.high > top
            bars.append(bar)
        return bars

    @property
    def reference_line(self) -> float | None:
        """Where 1.0 falls on a chart of ratios, as a percent of its width."""
        if self.chart_column is None or self.columns[self.chart_column].kind != "interval":
            return None
        top = max((_value(row[self.chart_column]) or 0 for row in self.rows), default=0)
        return _percent(1.0, max(top, 1.0) * 1.25)

    @property
    def chart_label(self) -> str:
        return self.columns[self.chart_column].label if self.chart_column is not None else ""


def _value(cell) -> float | None:
    if isinstance(cell, Ratio):
        return cell.value
    return None if cell is None or isinstance(cell, Marker) else cell


def _percent(value: float, top: float) -> float:
    return round(100 * min(value, top) / top, 1)


def fmt(kind: str, value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Marker):
        return str(value)
    if kind == "interval":
        if value.interval is None:
            return f"{value.value:.2f}"
        high = "∞" if math.isinf(value.interval.high) else f"{value.interval.high:.2f}"
        return f"{value.value:.2f} (95% CI {value.interval.low:.2f}–{high})"
    if kind == "share":
        return f"{100 * value:.1f}%"
    if kind in ("hours", "rate"):
        return f"{value:.1f}" if kind == "hours" else f"{value:.2f}"
    if kind == "count":
        return f"{value:,}"
    return str(value)


def build(cells, baseline: Baseline | None, *, due_on: date | None = None) -> list[Table]:
    """Every table, for the cells the filters chose; `due_on` is the day the CRs due (by
    their pack's limit) were counted as at (the day of the last refresh)."""
    rows = figures.counts(cells)
    head = figures.headline(rows)
    timing = figures.time_to_authorise(rows)
    tables = [
        Table(
            "summary",
            "Cases and outcomes",
            [Column("Measure", "text"), Column("Cases")],
            [
                ["Cases", head["cases"]],
                ["CRs given (agreed with the offender)", head["given"]],
                ["Not given (refused or withdrawn before agreement)", head["not_given"]],
                ["Still being decided", head["open"]],
                ["Cases returned by the IMU", head["returned_cases"]],
                ["IMU returns", head["returns"]],
            ],
            intro="Every case whose offence falls in the period chosen.",
        ),
        _volumes(rows, "month", "Cases by month of the offence", "Month", _month),
        _volumes(rows, "district", "Cases by district", "District", _or_not_recorded),
        _volumes(
            rows,
            "category",
            "Cases by offence category",
            "Offence category",
            lambda v: CATEGORY_LABELS.get(v, "Not recorded"),
        ),
        _volumes(
            rows,
            "level",
            "Cases by authorisation level",
            "Highest authority needed",
            lambda v: LEVEL_LABELS.get(v, v),
            intro="The highest authority the latest assessment asked for (4.2.2).",
            order=list(LEVEL_LABELS),
        ),
        _shares(head, due_on),
        Table(
            "authorisation-time",
            "Time to authorise",
            [Column("Measure", "text"), Column("Hours", "hours")],
            [["Median", timing["median"]], ["90th percentile", timing["p90"]]],
            intro=(
                f"From the request for authority to the decision, given or refused, for "
                f"{timing['n']:,} cases. Percentiles by nearest rank."
            ),
            chart_column=None,
        ),
        Table(
            "authorisation-time-bands",
            "Time to authorise, by band",
            [Column("Time from request to decision", "text"), Column("Cases")],
            [list(band) for band in timing["bands"]],
        ),
        Table(
            "imu-returns",
            "IMU returns and their reasons",
            [Column("Reason given", "text"), Column("Returns")],
            [list(r) for r in figures.returns(rows)],
            intro=(
                f"{head['returns']:,} returns of {head['returned_cases']:,} cases to the "
                "officer and supervisor for reparative action (4.5.4), grouped by the "
                "reason as written."
            ),
            empty="No case was returned.",
        ),
        Table(
            "satisfaction",
            "Victim satisfaction, where recorded",
            [Column("Satisfaction", "text"), Column("Victims")],
            _satisfaction(rows),
            intro="The victim's latest answer, for cases where they were asked.",
            empty="No victim's satisfaction is recorded for these cases.",
        ),
    ]
    for dimension in DIMENSIONS:
        tables.append(_fairness(rows, dimension, baseline))
    return tables


def _or_not_recorded(value) -> str:
    return value or "Not recorded"


def _month(value) -> str:
    return "Not recorded" if value is None else value.strftime("%B %Y")


def _volumes(rows, column, title, heading, name, intro="", order=None) -> Table:
    counted = figures.counts_by(rows, column)
    if order is not None:
        counted.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
    return Table(
        f"by-{column}",
        title,
        [Column(heading, "text"), Column("Cases")],
        [[name(value), n] for value, n in counted],
        intro=intro,
    )


def _satisfaction(rows) -> list[list]:
    counted = dict(figures.counts_by(rows, "satisfaction"))
    return [[text, counted.get(key, 0)] for key, text in SATISFACTION_LABELS.items()]


def _limit(on: date | None) -> str:
    """The deferred-outcome limit in words ("16 weeks") of the pack in force on `on`; each
    CR is counted against its own assessment's deadline."""
    try:
        return periods(pack_for(on or timezone.localdate()))["outcomes_limit"]
    except PackError:
        return "the time limit"


def _shares(head: dict, due_on: date | None) -> Table:
    due = head["due"]
    within = fmt("share", head["due_within_share"])
    as_at = f"{due_on:%-d %B %Y}" if due_on else "the last refresh"
    limit = _limit(due_on)
    measures = [
        ("CRs given with a restorative element", "restorative", "given"),
        (f"Completed within {limit} of the offence", "due_within", "due"),
        (f"Completed, but after {limit}", "due_late", "due"),
        ("Not complied with", "due_not_complied", "due"),
        ("Not completed and still open", "due_open", "due"),
        ("CRs given not complied with (all)", "non_compliant", "given"),
    ]
    rows = [[text, figures.share(head[k], head[of]), head[k], head[of]] for text, k, of in measures]
    return Table(
        "shares",
        "Restorative element, completion and compliance",
        [
            Column("Measure", "text"),
            Column("Share", "share"),
            Column("Cases", "count"),
            Column("Out of", "count"),
        ],
        rows,
        intro=(
            f"Completed within {limit}: {head['due_within']:,} of {due:,} due ({within}). "
            f"A CR is due when it was agreed and the offence date plus {limit} (4.4.4, "
            f"Ruling R25; the limit of the policy pack it was assessed under) had passed by "
            f"{as_at}; one not complied with or still open counts "
            "as not completed in time. A restorative element is level 1 restorative justice "
            "by the officer or a referral to the Restorative Justice Officer (4.4.4). Not "
            "complied with: recorded under 4.6.1."
        ),
        chart_column=1,
    )


def _fairness(rows, dimension: str, baseline: Baseline | None) -> Table:
    name = DIMENSIONS[dimension][0]
    out = figures.outcomes_by(rows, dimension, baseline)
    reference = next((r for r in out if r.reference), None)
    table = Table(
        f"fairness-{dimension.replace('_', '-')}",
        f"Outcomes by {name.lower()}",
        [
            Column(name, "text"),
            Column("Cases"),
            Column("CRs given"),
            Column("Not given"),
            Column("Given, of those decided", "share"),
            Column("Population", "count"),
            Column("CRs given per 1,000 population", "rate"),
            Column("Disproportionality ratio (95% confidence interval)", "interval"),
            Column("Note", "text"),
        ],
        [_group_row(dimension, r) for r in out],
        chart_column=7 if reference is not None else 2,
        wide=True,
        caveats=_caveats(baseline),
    )
    if reference is not None:
        table.intro = (
            f"Ratio: each group's CRs given per 1,000 population divided by that of the "
            f"reference group, {label(dimension, reference.group)}. 1.00 means the same rate; "
            "above 1, more CRs given for the group's size. The 95% confidence interval is "
            "the range the ratio could well take by chance alone: where it includes 1, the "
            "figures show no clear difference."
        )
    return table


def _caveats(baseline: Baseline | None) -> list[str]:
    caveats = []
    if baseline is None:
        caveats.append("The population baseline could not be read: no rates or ratios.")
    elif baseline.illustrative:
        caveats.append(
            "Illustrative population: the rates and ratios use the sample population shipped "
            "with crs, not your area's. Name your own file in CRS_POPULATION_BASELINE before "
            "reading any ratio."
        )
    caveats.append(SUPPRESSION_NOTE)
    return caveats


def _group_row(dimension: str, r) -> list:
    hidden = {n: figures.concealed(n) for n in (r.cases, r.given, r.not_given)}

    def count(n: int):
        return SUPPRESSED if hidden[n] else n

    if r.no_cases:
        rate, ratio, note = NO_CASES, NO_CASES, "No cases"
    elif hidden[r.given] or r.suppressed:
        rate = SUPPRESSED if hidden[r.given] else r.rate
        ratio, note = (SUPPRESSED if r.ratio is not None else None), FEWER
    else:
        rate, ratio, note = r.rate, None, ""
        if r.ratio is not None:
            ratio = Ratio(r.ratio, r.interval)
        if r.interval is not None and r.interval.low <= 1 <= r.interval.high:
            note = "No clear difference: the interval includes 1"
    if r.reference:
        note = "Reference group" + (f" ({FEWER.lower()})" if r.suppressed else "")
    decided_hidden = hidden[r.given] or hidden[r.not_given]
    return [
        label(dimension, r.group),
        count(r.cases),
        count(r.given),
        count(r.not_given),
        SUPPRESSED if decided_hidden else r.given_share,
        r.population,
        rate,
        ratio,
        note,
    ]

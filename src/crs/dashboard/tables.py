"""The figures as tables: what the page draws (a chart beside each) and the CSV gives.

A table keeps its cells as numbers; `display` formats them for the page, the CSV
writes them as they are, so a spreadsheet gets 0.125, not "12.5%".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from crs.cases.models import CATEGORIES

from . import figures
from .baseline import Baseline, label
from .groups import DIMENSIONS, LEVEL_LABELS, SATISFACTION_LABELS

CATEGORY_LABELS = dict(CATEGORIES)
LOW = "Fewer than 10 CRs given: unreliable"


@dataclass
class Column:
    label: str
    kind: str = "count"  # text, count, share, hours, rate, ratio

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Bar:
    label: str
    text: str
    percent: float


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
    notes: list[str] = field(default_factory=list)

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
        top = max((v for v in values if v is not None), default=0)
        return [
            Bar(
                str(row[0]),
                fmt(kind, v),
                0 if not top or v is None else round(100 * v / top, 1),
            )
            for row, v in zip(self.rows, values, strict=True)
        ]

    @property
    def chart_label(self) -> str:
        return self.columns[self.chart_column].label if self.chart_column is not None else ""


def fmt(kind: str, value) -> str:
    if value is None:
        return "–"
    if kind == "share":
        return f"{100 * value:.1f}%"
    if kind in ("hours", "rate"):
        return f"{value:.1f}" if kind == "hours" else f"{value:.2f}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "count":
        return f"{value:,}"
    return str(value)


def as_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return out.getvalue()


def _cell(value):
    # Free text (an IMU reason) must not run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, float):
        return round(value, 6)
    return value


def build(cells, baseline: Baseline | None) -> list[Table]:
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
        Table(
            "shares",
            "Restorative element, completion and compliance",
            [
                Column("Measure", "text"),
                Column("Share", "share"),
                Column("Cases", "count"),
                Column("Out of", "count"),
            ],
            [
                [
                    "CRs given with a restorative element",
                    head["restorative_share"],
                    head["restorative"],
                    head["given"],
                ],
                [
                    "Completed within 16 weeks of the offence",
                    head["within_16_weeks_share"],
                    head["within_16_weeks"],
                    head["completed"],
                ],
                [
                    "CRs given not complied with",
                    head["non_compliant_share"],
                    head["non_compliant"],
                    head["given"],
                ],
            ],
            intro=(
                "A restorative element is level 1 restorative justice by the officer or a "
                "referral to the Restorative Justice Officer (4.4.4). Completion is counted "
                "for CRs whose actions were completed, against the offence date plus 16 "
                "weeks (4.4.4). Not complied with: recorded under 4.6.1."
            ),
        ),
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
            Column("Disproportionality ratio", "ratio"),
            Column("Note", "text"),
        ],
        [
            [
                label(dimension, r.group),
                r.cases,
                r.given,
                r.not_given,
                r.given_share,
                r.population,
                r.rate,
                r.ratio,
                "Reference group" if r.reference else (LOW if r.small else ""),
            ]
            for r in out
        ],
        chart_column=7 if reference is not None else 2,
        wide=True,
    )
    if reference is not None:
        table.intro = (
            f"Ratio: each group's CRs given per 1,000 population divided by that of the "
            f"reference group, {label(dimension, reference.group)}. 1.00 means the same rate; "
            "above 1, more CRs given for the group's size."
        )
    return table

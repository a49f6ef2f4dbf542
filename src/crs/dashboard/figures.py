"""The dashboard's figures: each a function of the cases to count (a CaseFigures queryset).

Every count is a GROUP BY or a conditional COUNT in the database; Python only turns
the few aggregated rows into shares and ratios. What each figure counts:

- a CR is *given* when it was agreed with the offender (delivered); *not given*
  when authority was refused or the case was withdrawn before agreement; cases
  still being decided are *open* and in neither;
- the restorative and non-compliance shares are of the CRs given;
- completed within 16 weeks: of the CRs whose actions were completed, those
  completed by the offence date plus 16 weeks (4.4.4);
- time to authorise: from the last request for authority to the decision, given or
  refused, in hours; the median and 90th percentile are by nearest rank (the value
  at position ceil(p x n) of the n times in order);
- disproportionality: a group's CRs given per 1,000 of its population, divided by
  the reference group's rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .baseline import Baseline
from .groups import DIMENSIONS
from .models import CaseFigures, Return

GIVEN = Q(outcome="given")
NOT_GIVEN = Q(outcome="not_given")
# A ratio resting on fewer CRs given than this, in the group or the reference, is flagged.
SMALL = 10
HOUR_BANDS = [
    ("Under 24 hours", 0, 24),
    ("1 to 3 days", 24, 72),
    ("3 to 7 days", 72, 168),
    ("7 days or more", 168, None),
]


def share(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


def headline(rows) -> dict:
    """The totals and shares, in one pass over the cases."""
    # The names differ from the columns': an aggregate may not be named as a field.
    counted = rows.aggregate(
        n_cases=Count("pk"),
        n_given=Count("pk", filter=GIVEN),
        n_not_given=Count("pk", filter=NOT_GIVEN),
        n_restorative=Count("pk", filter=GIVEN & Q(restorative=True)),
        n_non_compliant=Count("pk", filter=GIVEN & Q(non_compliant=True)),
        n_completed=Count("pk", filter=Q(completed=True)),
        n_within_16_weeks=Count("pk", filter=Q(completed=True, within_16_weeks=True)),
        n_returned_cases=Count("pk", filter=Q(imu_returns__gt=0)),
        n_returns=Sum("imu_returns"),
    )
    totals = {key.removeprefix("n_"): value for key, value in counted.items()}
    totals["returns"] = totals["returns"] or 0
    totals["open"] = totals["cases"] - totals["given"] - totals["not_given"]
    totals["restorative_share"] = share(totals["restorative"], totals["given"])
    totals["non_compliant_share"] = share(totals["non_compliant"], totals["given"])
    totals["within_16_weeks_share"] = share(totals["within_16_weeks"], totals["completed"])
    return totals


def counts_by(rows, field: str) -> list[tuple[object, int]]:
    """(value, cases) for each value of one column, in the column's order."""
    return list(rows.values_list(field).annotate(n=Count("pk")).order_by(field))


def time_to_authorise(rows) -> dict:
    timed = rows.filter(authorise_hours__isnull=False)
    counted = timed.aggregate(
        **{
            f"band{i}": Count(
                "pk",
                filter=Q(authorise_hours__gte=low)
                & (Q() if high is None else Q(authorise_hours__lt=high)),
            )
            for i, (_, low, high) in enumerate(HOUR_BANDS)
        }
    )
    bands = [(label, counted[f"band{i}"]) for i, (label, *_) in enumerate(HOUR_BANDS)]
    n = sum(count for _, count in bands)
    ordered = timed.order_by("authorise_hours").values_list("authorise_hours", flat=True)

    def rank(p: float) -> float | None:
        return ordered[math.ceil(p * n) - 1] if n else None

    return {
        "n": n,
        "median": rank(0.5),
        "p90": rank(0.9),
        "bands": bands,
    }


def returns(rows, *, limit: int | None = None) -> list[tuple[str, int]]:
    """The IMU's reasons for returning cases, most frequent first (then alphabetical)."""
    reasons = (
        Return.objects.filter(figures__in=rows)
        .values_list("reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "reason")
    )
    return list(reasons[:limit] if limit else reasons)


@dataclass
class GroupOutcome:
    group: str
    cases: int
    given: int
    not_given: int
    population: int | None = None
    rate: float | None = None  # CRs given per 1,000 population
    ratio: float | None = None  # rate / the reference group's rate
    reference: bool = False
    small: bool = False  # the ratio rests on fewer than SMALL CRs given

    @property
    def given_share(self) -> float | None:
        return share(self.given, self.given + self.not_given)


def outcomes_by(rows, dimension: str, baseline: Baseline | None, *, small: int = SMALL):
    """Outcomes for each group of age band, sex or ethnic group, with the ratios."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    counted = {
        group: (cases, given, not_given)
        for group, cases, given, not_given in rows.values_list(dimension)
        .annotate(
            cases=Count("pk"),
            given=Count("pk", filter=GIVEN),
            not_given=Count("pk", filter=NOT_GIVEN),
        )
        .order_by(dimension)
    }
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
            if row.rate is not None and reference.rate:
                row.ratio = row.rate / reference.rate
                row.small = row.given < small or reference.given < small
    return out


def filtered(*, start=None, end=None, district="", category=""):
    rows = CaseFigures.objects.all()
    if start:
        rows = rows.filter(offence_date__gte=start)
    if end:
        rows = rows.filter(offence_date__lte=end)
    if district:
        rows = rows.filter(district=district)
    if category:
        rows = rows.filter(category=category)
    return rows

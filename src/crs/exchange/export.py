"""Closed Community Resolutions as Home Office outcome 8 records, streamed as CSV or JSON.

Which cases: every case in state `closed` (crs.cases.workflow). A resolution
that was not complied with is closed the same way (non_compliant → supervisor
review → IMU QA → closed) and is still outcome 8 (4.6.1: no other sanction
follows), so it is exported too, with `complied` false. Refused and withdrawn
cases never became CRs and are not exported.

The period filters the date the case was closed, not the date the resolution
was given: consecutive periods then export every case exactly once, even one
delivered in one month and closed in another. docs/exchange.md says which Home
Office Data Hub field each column stands for.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import orjson
from django.db.models import Prefetch
from django.utils import timezone

from crs.cases.models import ETHNIC_GROUPS, ETHNICITIES, Case, Person, RestorativeJustice
from crs.cases.workflow import State
from crs.policy.ages import age_band, age_on, is_child

OUTCOME_CODE = "8"
OUTCOME_NAME = "Community Resolution"
FIELDS = (
    "crime_reference",
    "outcome_code",
    "outcome",
    "outcome_date",
    "closed_date",
    "offence_date",
    "offence_category",
    "offence_description",
    "offender_age_at_offence",
    "age_band",
    "juvenile",
    "sex",
    "ethnicity_code",
    "ethnicity",
    "ethnic_group",
    "police_force",
    "district",
    "team",
    "restorative_justice",
    "restorative_element",
    "complied",
)
ETHNICITY_LABELS = dict(ETHNICITIES)
CHUNK = 500
FORCE_ENVIRONMENT = "CRS_POLICE_FORCE"


def closed_cases(since: date | None = None, until: date | None = None):
    """The closed cases whose closing date is within [since, until], oldest closed first."""
    cases = Case.objects.filter(state=State.CLOSED)
    if since is not None:
        cases = cases.filter(closed_at__gte=_day_start(since))
    if until is not None:
        cases = cases.filter(closed_at__lt=_day_start(until + timedelta(days=1)))
    offenders = Person.objects.filter(role=Person.Role.OFFENDER).order_by("pk")
    return (
        cases.select_related("team", "restorative")
        .prefetch_related(Prefetch("people", queryset=offenders, to_attr="offenders"))
        .order_by("closed_at", "pk")
    )


def records(since: date | None = None, until: date | None = None, *, force: str | None = None):
    """One dict per closed case, in FIELDS order, read from the database in chunks."""
    force = os.environ.get(FORCE_ENVIRONMENT, "") if force is None else force
    for case in closed_cases(since, until).iterator(chunk_size=CHUNK):
        yield record_of(case, force)


def record_of(case: Case, force: str = "") -> dict:
    offender = case.offenders[0] if getattr(case, "offenders", None) else None
    born = offender.date_of_birth if offender else None
    age = age_on(born, case.offence_date)
    ethnicity = offender.ethnicity if offender else ""
    try:
        restorative: RestorativeJustice | None = case.restorative
    except RestorativeJustice.DoesNotExist:
        restorative = None
    return {
        "crime_reference": case.crime_reference,
        "outcome_code": OUTCOME_CODE,
        "outcome": OUTCOME_NAME,
        "outcome_date": _local_date(case.agreed_at),
        "closed_date": _local_date(case.closed_at),
        "offence_date": case.offence_date,
        "offence_category": case.offence_category,
        "offence_description": case.offence_description,
        "offender_age_at_offence": age,
        "age_band": "" if age is None else age_band(born, case.offence_date),
        "juvenile": None if age is None else is_child(born, case.offence_date),
        "sex": offender.sex if offender else "",
        "ethnicity_code": ethnicity,
        "ethnicity": ETHNICITY_LABELS.get(ethnicity, ""),
        "ethnic_group": ETHNIC_GROUPS.get(ethnicity[:1], "") if ethnicity else "",
        "police_force": force,
        "district": case.team.district,
        "team": case.team.name,
        "restorative_justice": restorative.delivery if restorative else "none",
        "restorative_element": bool(restorative and restorative.restorative_process_used),
        "complied": not case.no_alternative_sanction,
    }


def csv_chunks(rows) -> Iterator[str]:
    """The records as CSV text (a header line first), a few hundred lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for count, row in enumerate(rows, start=1):
        writer.writerow([_csv_value(row[name]) for name in FIELDS])
        if count % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(rows) -> Iterator[bytes]:
    """The records as one JSON array, written as it is read (never all in memory)."""
    parts: list[bytes] = [b"["]
    separator = b"\n"
    for row in rows:
        parts.append(separator + orjson.dumps(row))
        separator = b",\n"
        if len(parts) >= CHUNK:
            yield b"".join(parts)
            parts.clear()
    parts.append(b"\n]\n")
    yield b"".join(parts)


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))

"""The scrutiny tests' people and closed cases.

`closed_cases` makes rows for the sampling and report tests quickly, straight in
the database (the sampling reads only a case's state, closing date and offence
category); the pseudonymisation tests walk a case to closed through the services.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from crs.accounts.models import Rank, Role
from crs.cases.models import Case
from crs.cases.workflow import State

from ..cases.personas import (  # noqa: F401 (fixtures)
    acting_insp_carr,
    imu_fisher,
    insp_carr,
    north,
    outsider,
    pc_ali,
    person,
    rev_evans,
    sgt_brown,
    south,
    supt_dale,
)

CLOSED_ON = date(2024, 5, 15)


@pytest.fixture
def vja_hughes(db):
    return person("vja_hughes", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)


def make_closed(owner, counts: dict[str, int], *, on: date = CLOSED_ON, state=State.CLOSED):
    """`counts[category]` cases in `state`, closed on `on`; returns them in pk order."""
    made = []
    start = Case.objects.count()
    for category, n in counts.items():
        for _ in range(n):
            made.append(
                Case.objects.create(
                    crime_reference=f"CR/{start + len(made) + 1:05d}/24",
                    owner=owner,
                    team=owner.team,
                    offence_category=category,
                    state=state,
                    closed_at=datetime(on.year, on.month, on.day, 12, tzinfo=UTC),
                )
            )
    return made

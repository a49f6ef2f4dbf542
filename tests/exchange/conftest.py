"""The people of the data exchange tests: an analyst and an administrator may; pc_ali may not."""

from __future__ import annotations

import pytest

from crs.accounts.models import Rank, Role
from tests.cases.personas import (  # noqa: F401 (fixtures)
    imu_fisher,
    north,
    pc_ali,
    person,
    rev_evans,
    south,
)


@pytest.fixture
def analyst_vale(db):
    return person("analyst_vale", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)


@pytest.fixture
def admin_iyer(db):
    return person("admin_iyer", rank=Rank.NONE, role=Role.ADMINISTRATOR)

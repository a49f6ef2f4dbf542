"""The people in the tests (STYLE.md: fixed personas, one of whom must be refused).

pc_ali owns the cases; sgt_brown supervises the North team; insp_carr is a
substantive Inspector and acting_insp_carr an acting one (a substantive
Sergeant); supt_dale a Superintendent; yjt_supervisor the Youth Justice Team
Supervisor; ps_okafor police staff of Sergeant-equivalent grade; rev_evans a
supervisor reviewer; imu_fisher an IMU quality assurer; outsider a constable
of another team, who is refused; ps_untrained police staff and pcso_without_power a
PCSO, each without what they would need to deliver a CR unaided (R23, R33, R39).
"""

from __future__ import annotations

import pytest

from crs.accounts.models import Rank, Role, Team, User


def person(username, *, team=None, rank=Rank.CONSTABLE, role=Role.OFFICER, **extra) -> User:
    return User.objects.create(username=username, team=team, rank=rank, role=role, **extra)


@pytest.fixture
def north(db):
    return Team.objects.create(name="North", district="Testshire North")


@pytest.fixture
def south(db):
    return Team.objects.create(name="South", district="Testshire South")


@pytest.fixture
def pc_ali(north):
    return person("pc_ali", team=north, first_name="Amir", last_name="Ali", rj_level1_trained=True)


@pytest.fixture
def sgt_brown(north):
    return person("sgt_brown", team=north, rank=Rank.SERGEANT, rj_level1_trained=True)


@pytest.fixture
def insp_carr(north):
    return person("insp_carr", team=north, rank=Rank.INSPECTOR)


@pytest.fixture
def acting_insp_carr(north):
    return person(
        "acting_insp_carr", team=north, rank=Rank.INSPECTOR, substantive_rank=Rank.SERGEANT
    )


@pytest.fixture
def supt_dale(north):
    return person("supt_dale", team=north, rank=Rank.SUPERINTENDENT)


@pytest.fixture
def yjt_supervisor(db):
    return person("yjt_supervisor", rank=Rank.NONE, role=Role.YOUTH_JUSTICE_SUPERVISOR)


@pytest.fixture
def ps_okafor(north):
    return person(
        "ps_okafor", team=north, rank=Rank.POLICE_STAFF, pse_equivalent_rank=Rank.SERGEANT
    )


@pytest.fixture
def rev_evans(north):
    return person("rev_evans", team=north, rank=Rank.SERGEANT, role=Role.SUPERVISOR_REVIEWER)


@pytest.fixture
def imu_fisher(db):
    return person("imu_fisher", rank=Rank.POLICE_STAFF, role=Role.IMU_QUALITY_ASSURER)


@pytest.fixture
def outsider(south):
    return person("outsider", team=south, rj_level1_trained=True)


@pytest.fixture
def ps_untrained(north):
    """Police staff with no RJ Level 1 training, who may not deliver a CR (R33)."""
    return person("ps_untrained", team=north, rank=Rank.POLICE_STAFF)


@pytest.fixture
def pcso_without_power(north):
    """A PCSO trained to RJ Level 1, without the designated power for the offence (R23)."""
    return person("pcso_lee", team=north, rank=Rank.PCSO, rj_level1_trained=True)

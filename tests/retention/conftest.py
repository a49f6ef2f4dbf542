import pytest

from crs.accounts.models import Rank, Role, User

from ..cases.personas import (  # noqa: F401 (fixtures)
    imu_fisher,
    north,
    outsider,
    pc_ali,
    rev_evans,
    sgt_brown,
    south,
)


@pytest.fixture
def records_admin(db):
    """The administrator who disposes of records (only administrators may)."""
    return User.objects.create(username="records_admin", rank=Rank.NONE, role=Role.ADMINISTRATOR)

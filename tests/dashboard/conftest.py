import pytest
from django.utils import timezone

from crs.dashboard import summary
from tests.cases.personas import (  # noqa: F401 (fixtures)
    imu_fisher,
    insp_carr,
    north,
    outsider,
    pc_ali,
    rev_evans,
    sgt_brown,
    south,
    yjt_supervisor,
)

from .data import BASELINE, Clock, build


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(timezone, "now", fake)
    return fake


@pytest.fixture
def dataset(clock, pc_ali, outsider, sgt_brown, insp_carr, rev_evans, imu_fisher):  # noqa: F811
    cases = build(
        clock,
        pc_ali=pc_ali,
        outsider=outsider,
        sgt_brown=sgt_brown,
        insp_carr=insp_carr,
        rev_evans=rev_evans,
        imu_fisher=imu_fisher,
    )
    summary.refresh(full=True)
    return cases


@pytest.fixture
def baseline_file(tmp_path, settings):
    path = tmp_path / "population.csv"
    path.write_text(BASELINE)
    settings.CRS_POPULATION_BASELINE = str(path)
    return path

"""People: ranks, acting ranks, roles and the facts the engine takes from them."""

from crs.accounts.models import Rank, Role
from tests.cases.personas import person


def test_an_acting_inspector_is_titled_acting(acting_insp_carr):
    assert acting_insp_carr.title == "Acting Inspector"


def test_a_role_other_than_officer_is_the_title(yjt_supervisor):
    assert yjt_supervisor.title == "Youth Justice Team Supervisor"


def test_an_officer_gives_the_engine_their_role_and_rj_training(pc_ali):
    assert pc_ali.officer_facts() == {"role": "constable", "rj_level1_trained": True}


def test_a_pcso_gives_the_engine_their_designated_power(north):
    pcso = person("pcso_patel", team=north, rank=Rank.PCSO, pcso_designated_power=True)
    assert pcso.officer_facts() == {
        "role": "pcso",
        "rj_level1_trained": False,
        "pcso_designated_power": True,
    }


def test_a_sergeant_delivers_as_a_warranted_officer(sgt_brown):
    assert sgt_brown.officer_facts()["role"] == "constable"


def test_every_role_the_issue_names_exists():
    assert set(Role.values) == {
        "officer",
        "supervisor_reviewer",
        "imu_quality_assurer",
        "rj_officer",
        "victim_justice_analyst",
        "youth_justice_supervisor",
        "administrator",
    }

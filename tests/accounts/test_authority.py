"""can_satisfy: who may give each authority the engine asks for (Rulings R1, R2, R3)."""

import pytest

from crs.accounts.authority import AUTHORITIES, can_satisfy

RSA = {"authority": "sergeant", "paragraph": "2.3.4", "pse_equivalent_allowed": True}
PLAIN_SERGEANT = {"authority": "sergeant", "paragraph": "3.5.2"}


def test_a_sergeant_satisfies_a_sergeant_requirement(sgt_brown):
    assert can_satisfy(sgt_brown, "sergeant")


def test_a_sergeant_does_not_satisfy_an_inspector_requirement(sgt_brown):
    assert not can_satisfy(sgt_brown, "inspector")


def test_a_constable_satisfies_no_authority(pc_ali):
    assert [a for a in AUTHORITIES if can_satisfy(pc_ali, a)] == []


def test_an_inspector_satisfies_a_sergeant_requirement(insp_carr):
    assert can_satisfy(insp_carr, "sergeant")


def test_a_substantive_inspector_satisfies_an_inspector_requirement(insp_carr):
    assert can_satisfy(insp_carr, "inspector")


def test_a_substantive_inspector_satisfies_a_substantive_inspector_requirement(insp_carr):
    assert can_satisfy(insp_carr, "substantive_inspector")


def test_an_inspector_does_not_satisfy_a_superintendent_requirement(insp_carr):
    assert not can_satisfy(insp_carr, "superintendent")


def test_an_acting_inspector_is_an_inspector(acting_insp_carr):
    assert can_satisfy(acting_insp_carr, "inspector")


def test_an_acting_inspector_is_not_a_substantive_inspector(acting_insp_carr):
    assert not can_satisfy(acting_insp_carr, "substantive_inspector")


def test_a_superintendent_satisfies_every_police_rank_requirement(supt_dale):
    ranks = ("sergeant", "inspector", "substantive_inspector", "superintendent")
    assert all(can_satisfy(supt_dale, a) for a in ranks)


@pytest.mark.parametrize(
    "who", ["sgt_brown", "insp_carr", "acting_insp_carr", "supt_dale", "pc_ali", "ps_okafor"]
)
def test_no_rank_satisfies_the_youth_justice_supervisor_requirement(who, request):
    assert not can_satisfy(request.getfixturevalue(who), "youth_justice_supervisor")


def test_the_youth_justice_supervisor_satisfies_that_requirement(yjt_supervisor):
    assert can_satisfy(yjt_supervisor, "youth_justice_supervisor")


def test_the_youth_justice_supervisor_satisfies_no_police_rank_requirement(yjt_supervisor):
    ranks = ("sergeant", "inspector", "substantive_inspector", "superintendent")
    assert not any(can_satisfy(yjt_supervisor, a) for a in ranks)


def test_police_staff_of_sergeant_grade_satisfy_a_requirement_that_allows_pse(ps_okafor):
    assert can_satisfy(ps_okafor, RSA)


def test_police_staff_of_sergeant_grade_do_not_satisfy_a_plain_sergeant_requirement(ps_okafor):
    assert not can_satisfy(ps_okafor, PLAIN_SERGEANT)


def test_police_staff_of_sergeant_grade_do_not_satisfy_a_sergeant_named_without_entry(ps_okafor):
    assert not can_satisfy(ps_okafor, "sergeant")


def test_police_staff_without_an_equivalent_grade_do_not_satisfy_pse_requirement(imu_fisher):
    assert not can_satisfy(imu_fisher, RSA)


def test_an_inactive_account_satisfies_nothing(insp_carr):
    insp_carr.is_active = False
    assert [a for a in AUTHORITIES if can_satisfy(insp_carr, a)] == []


def test_an_unknown_authority_is_an_error_not_a_refusal(insp_carr):
    with pytest.raises(ValueError, match="unknown authority 'chief_constable'"):
        can_satisfy(insp_carr, "chief_constable")

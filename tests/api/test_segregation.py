"""Segregation of duties through the API (4.2.3, Ruling R38): authorising or refusing is a
403 (not_permitted) saying why for the case's officer, its assessor, or whoever recorded or
changed its facts; someone else may still give it."""

import pytest

from tests.cases import walk
from tests.cases.own_work import WAYS, build, changed_by


@pytest.mark.parametrize(("way", "who", "why"), WAYS)
@pytest.mark.parametrize("step", ["authorise", "refuse"])
def test_who_did_the_cases_work_cannot_authorise_or_refuse_it(
    request, as_user, pc_ali, way, who, why, step
):
    other = request.getfixturevalue(who)
    case = build(way, pc_ali, other)
    response = as_user(other).post(
        f"/cases/{case.pk}/{step}", {"version": case.version, "rationale": "Low value."}
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "not_permitted"
    assert why in error["message"]


def test_the_officer_in_the_case_cannot_authorise_it(as_user, sgt_brown):
    case = walk.awaiting(sgt_brown)
    response = as_user(sgt_brown).post(f"/cases/{case.pk}/authorise", {"rationale": "Mine."})
    assert response.status_code == 403
    assert "your own case" in response.json()["error"]["message"]


def test_someone_who_did_none_of_the_work_authorises_it(as_user, pc_ali, sgt_brown, insp_carr):
    case = changed_by(pc_ali, sgt_brown)
    response = as_user(insp_carr).post(
        f"/cases/{case.pk}/authorise", {"version": case.version, "rationale": "Low value."}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "authorised"

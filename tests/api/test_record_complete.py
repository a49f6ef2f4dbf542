"""The API refuses what the web refuses: an incomplete 1912 goes to no review (4.5.1)."""

import pytest

from tests.cases import walk

pytestmark = pytest.mark.django_db


def test_an_incomplete_case_is_not_sent_for_review_and_the_answer_names_what_is_missing(
    pc_ali, as_user
):
    case = walk.concluded(pc_ali)
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/submit-for-review", {"version": case.version}
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "not_allowed"
    assert "Still to record: how the gravity score was arrived at" in error["message"]
    assert walk.fresh(case).state == "completed"


def test_a_gravity_rationale_written_as_a_record_completes_that_line(pc_ali, as_user):
    case = walk.concluded(pc_ali)
    api = as_user(pc_ali)
    response = api.post(
        f"/cases/{case.pk}/statements",
        {"version": case.version, "kind": "gravity_score_rationale", "text": "Score 1."},
    )
    assert response.status_code == 201, response.content
    response = api.post(f"/cases/{case.pk}/submit-for-review", {"version": case.version + 1})
    assert "how the gravity score was arrived at" not in response.json()["error"]["message"]


def test_a_supervisor_returns_a_case_to_its_officer_with_reasons_kept(pc_ali, sgt_brown, as_user):
    case = walk.in_review(pc_ali)
    api = as_user(sgt_brown)
    refused = api.post(f"/cases/{case.pk}/return-to-officer", {"version": case.version})
    assert refused.status_code == 422
    assert "reasons" in refused.content.decode()
    response = api.post(
        f"/cases/{case.pk}/return-to-officer",
        {"version": case.version, "reasons": "Record what the victim wants."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "completed"
    case = walk.fresh(case)
    assert case.returned_at is not None
    assert case.returns.get().reasons == "Record what the victim wants."


def test_the_officer_cannot_return_their_own_case_from_review(pc_ali, as_user):
    case = walk.in_review(pc_ali)
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/return-to-officer",
        {"version": case.version, "reasons": "Returning my own case."},
    )
    assert response.status_code == 403
    assert walk.fresh(case).state == "supervisor_review"

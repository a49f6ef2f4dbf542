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

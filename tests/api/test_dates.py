"""The API refuses dates that make no sense in the same words as the web, naming the field."""

import pytest

from crs.cases.models import Contact, RemedyAction, Signature, VictimView
from tests.cases import walk

pytestmark = pytest.mark.django_db

BEFORE_OFFENCE = "2024-02-19T10:00:00Z"
SAID = "must be the same as or after the date of the offence, 20 February 2024"

RECORDS = [
    pytest.param(
        "contacts",
        {"party": "victim", "purpose": "other", "method": "phone", "outcome": "spoke"},
        "at",
        "The date of the contact",
        Contact,
        id="contact",
    ),
    pytest.param(
        "victim-views",
        {"method": "phone", "views": "Wants an apology.", "consents": True},
        "asked_at",
        "The date of the conversation",
        VictimView,
        id="victim view",
    ),
    pytest.param(
        "signatures",
        {"party": "victim", "name": "Reese Marlow"},
        "signed_at",
        "The date of the signature",
        Signature,
        id="signature",
    ),
]


@pytest.mark.parametrize(("path", "body", "field", "subject", "model"), RECORDS)
def test_a_record_dated_before_the_offence_is_refused_naming_the_field(
    pc_ali, as_user, path, body, field, subject, model
):
    case = walk.agreed(pc_ali)
    kept = model.objects.count()
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/{path}", {**body, field: BEFORE_OFFENCE, "version": case.version}
    )
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "not_allowed",
        "message": f"{subject} {SAID}",
        "field": field,
    }
    assert model.objects.count() == kept


@pytest.mark.parametrize("due", ["0001-01-01", "2024-02-19"])
def test_an_action_due_before_the_offence_is_refused_naming_the_due_date(pc_ali, as_user, due):
    case = walk.assessed(pc_ali)
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/actions",
        {
            "kind": "financial_compensation",
            "description": "Pay 9 pounds.",
            "due_date": due,
            "version": case.version,
        },
    )
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "not_allowed",
        "message": f"The due date {SAID}",
        "field": "due_date",
    }
    assert not RemedyAction.objects.exists()

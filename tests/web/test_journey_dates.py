"""The journeys refuse dates that make no sense, in the same words as the API, against the
date the person entered (crs.cases.dates)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crs.cases.models import Contact, RemedyAction, Signature, VictimView

from ..cases import walk

BEFORE_OFFENCE = {"on-day": "19", "on-month": "2", "on-year": "2024", "at": "10:00"}
SAID = "must be the same as or after the date of the offence, 20 February 2024"

FORMS = [
    pytest.param(
        "journeys:contacts",
        {"party": "victim", "purpose": "other", "method": "phone", "outcome": "spoke"},
        "The date of the contact",
        Contact,
        id="contact",
    ),
    pytest.param(
        "journeys:victim",
        {"method": "in_person", "views": "Wants an apology.", "consents": "yes"},
        "The date of the conversation",
        VictimView,
        id="victim view",
    ),
    pytest.param(
        "journeys:signatures",
        {"party": "victim", "name": "Reese Marlow"},
        "The date of the signature",
        Signature,
        id="signature",
    ),
]


@pytest.mark.parametrize(("url", "data", "subject", "model"), FORMS)
def test_a_record_dated_before_the_offence_is_refused_against_its_date(
    client, pc_ali, url, data, subject, model
):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    kept = model.objects.count()
    response = client.post(
        reverse(url, args=[case.pk]), {"version": case.version, **data, **BEFORE_OFFENCE}
    )
    assert response.status_code == 200
    assert f'<a href="#id_on-day">{subject} {SAID}</a>' in response.text
    assert model.objects.count() == kept


@pytest.mark.parametrize("due", [("1", "1", "1000"), ("19", "2", "2024")])
def test_an_action_due_before_the_offence_is_refused_against_its_due_date(client, pc_ali, due):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    response = client.post(
        reverse("journeys:actions", args=[case.pk]),
        {
            "kind": "financial_compensation",
            "description": "Pay 9 pounds.",
            "version": case.version,
            "due_date-day": due[0],
            "due_date-month": due[1],
            "due_date-year": due[2],
        },
    )
    assert f'<a href="#id_due_date-day">The due date {SAID}</a>' in response.text
    assert not RemedyAction.objects.exists()

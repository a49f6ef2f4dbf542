"""Bad input to the web forms is a page that names the field, never a server error (issue 11,
item 7): a body over the size limit, text that cannot be stored, text over its maximum
(refused by name and maximum: never cut short, by the server or by the browser)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from crs.cases.models import Case
from crs.web.journeys.forms import StartForm
from crs.web.journeys.signatures import SignatureForm

START = {
    "crime_reference": "CR/1/24",
    "given_name": "Jo",
    "family_name": "Bloggs",
    "date_of_birth-day": "1",
    "date_of_birth-month": "2",
    "date_of_birth-year": "1990",
    "offence_date-day": "1",
    "offence_date-month": "2",
    "offence_date-year": "2024",
    "description": "Took a sandwich.",
}


@pytest.mark.django_db
def test_a_form_posted_over_the_size_limit_is_a_friendly_413_page(pc_ali):
    client = Client(raise_request_exception=False)
    client.force_login(pc_ali)
    url = reverse("journeys:open_case")
    response = client.post(url, {**START, "description": "x" * 3_000_000})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Too much was sent" in html
    assert "govuk-header" in html or "govuk-generic-header" in html
    assert not Case.objects.exists()


def test_a_lone_surrogate_in_a_field_is_a_form_error_naming_it():
    form = StartForm({**START, "crime_reference": "x\udfff"})
    assert not form.is_valid()
    assert form.errors["crime_reference"] == [
        "Crime reference must not contain a lone surrogate (text that cannot be stored)"
    ]


def test_a_nul_character_in_a_field_is_a_form_error_naming_it():
    form = StartForm({**START, "given_name": "Jo\x00"})
    assert not form.is_valid()
    assert form.errors["given_name"] == ["Offender's first name must not contain the NUL character"]


def test_a_crime_reference_over_40_characters_is_refused_naming_field_and_maximum():
    form = StartForm({**START, "crime_reference": "C" * 10_000})
    assert not form.is_valid()
    assert form.errors["crime_reference"] == ["Crime reference must be 40 characters or fewer"]
    assert StartForm({**START, "crime_reference": "C" * 40}).is_valid()


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        (StartForm(), "crime_reference", 40),
        (StartForm(), "given_name", 100),
        (SignatureForm(), "name", 200),
    ],
)
def test_no_box_cuts_what_is_typed_short_in_the_browser(form, field, limit):
    # The maxlength attribute makes a browser drop what is typed or pasted past it, silently:
    # the server says what is too long instead (GOV.UK: avoid maxlength).
    assert form.fields[field].max_length == limit
    assert "maxlength" not in str(form[field])

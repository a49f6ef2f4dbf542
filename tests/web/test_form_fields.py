"""The shared field factories keep each form's GOV.UK wording: the date-and-time pairs and the
radios name what they ask about in their own words (crs.ui.forms, journeys/forms.when)."""

from __future__ import annotations

from datetime import time

import pytest

from crs.scrutiny.forms import FindingForm
from crs.web.journeys.forms import ActionForm, ContactForm, VictimViewForm
from crs.web.journeys.signatures import SignatureForm

WHEN = [
    (ContactForm, "The date of the contact", "Enter the time of the contact"),
    (VictimViewForm, "The date of the conversation", "Enter the time"),
    (SignatureForm, "The date signed", "Enter the time signed"),
]


@pytest.mark.parametrize(("form_class", "date_name", "time_message"), WHEN)
def test_an_unreadable_time_and_a_part_date_are_named_in_the_forms_own_words(
    form_class, date_name, time_message
):
    form = form_class({"on-day": "1", "on-year": "2024", "at": "25:99"})
    form.is_valid()
    assert form.errors["at"] == [f"{time_message} like 14:30"]
    assert form.errors["on"] == [f"{date_name} must include a month"]


@pytest.mark.parametrize("form_class", [row[0] for row in WHEN])
@pytest.mark.parametrize("typed", ["14:30", "14.30", "1430"])
def test_a_time_is_read_with_a_colon_a_full_stop_or_neither(form_class, typed):
    form = form_class({"at": typed})
    form.is_valid()
    assert "at" not in form.errors
    assert form.cleaned_data["at"] == time(14, 30)


@pytest.mark.parametrize("form_class", [row[0] for row in WHEN])
def test_the_date_and_time_may_be_left_blank_for_now(form_class):
    form = form_class({})
    form.is_valid()
    assert "on" not in form.errors and "at" not in form.errors
    assert form.fields["on"].help_text == "Leave blank for now. For example, 27 3 2024"
    assert form.fields["at"].help_text == "24-hour clock, for example 14:30"


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (ContactForm({}), "method", "Select how the contact was made"),
        (VictimViewForm({}), "method", "Select how the victim was asked"),
        (SignatureForm({}), "party", "Select who signed"),
        (FindingForm({}), "finding", "Select the panel's finding"),
        (ActionForm({}), "kind", "Select the action"),
    ],
)
def test_a_radio_question_left_unanswered_says_what_to_select(form, field, message):
    form.is_valid()
    assert form.errors[field] == [message]

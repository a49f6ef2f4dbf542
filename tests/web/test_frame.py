"""The frame every page shares (base.html) and the GOV.UK form helpers the journeys use."""

from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.urls import include, path

from crs.ui.forms import DateField, GovukForm, YesNoField


class ExampleForm(GovukForm):
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea,
        error_messages={"required": "Enter the rationale"},
    )
    decision = forms.ChoiceField(
        label="Do you authorise it?",
        choices=[("give", "Authorise"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you authorise the resolution"},
    )
    consulted = YesNoField(label="Was the victim consulted?", error="Select yes if consulted")
    asked_on = DateField(label="Date asked")
    party = forms.ChoiceField(label="Who", choices=[("victim", "Victim"), ("offender", "Offender")])
    method = forms.CharField(label="How", required=False)


def render(text: str, **context) -> str:
    return Template("{% load govuk %}" + text).render(Context(context))


def test_a_yes_no_field_cleans_to_true_or_false():
    form = ExampleForm(data={"consulted": "no"})
    form.is_valid()
    assert form.cleaned_data["consulted"] is False


def test_a_yes_no_field_left_empty_says_the_message_given():
    form = ExampleForm(data={})
    form.is_valid()
    assert form.errors["consulted"] == ["Select yes if consulted"]


def test_a_date_is_typed_as_day_month_and_year():
    form = ExampleForm(data={"asked_on-day": "5", "asked_on-month": "3", "asked_on-year": "2024"})
    form.is_valid()
    assert form.cleaned_data["asked_on"] == date(2024, 3, 5)


def test_a_date_without_its_month_says_so():
    form = ExampleForm(data={"asked_on-day": "5", "asked_on-month": "", "asked_on-year": "2024"})
    assert form.errors["asked_on"] == ["The date asked must include a month"]


def test_a_date_that_does_not_exist_is_not_a_real_date():
    form = ExampleForm(data={"asked_on-day": "31", "asked_on-month": "2", "asked_on-year": "2024"})
    assert form.errors["asked_on"] == ["The date asked must be a real date"]


def test_a_required_date_left_empty_asks_for_it():
    form = ExampleForm(data={})
    assert form.errors["asked_on"] == ["Enter the date asked"]


def test_the_error_summary_links_each_message_to_its_field_in_page_order():
    html = render("{% govuk_error_summary form %}", form=ExampleForm(data={}))
    assert html.index('href="#id_rationale">Enter the rationale') < html.index(
        'href="#id_decision">Select whether you authorise the resolution'
    )
    assert 'href="#id_asked_on-day">Enter the date asked' in html


def test_the_error_summary_is_absent_when_the_form_is_valid():
    assert render("{% govuk_error_summary form %}", form=ExampleForm()).strip() == ""


def test_a_field_in_error_shows_its_message_and_is_described_by_it():
    html = render("{% govuk_field form.rationale %}", form=ExampleForm(data={}))
    assert "govuk-form-group--error" in html
    assert '<span class="govuk-visually-hidden">Error:</span> Enter the rationale' in html
    assert 'aria-describedby="id_rationale-error"' in html
    assert "govuk-textarea--error" in html


def test_radios_keep_the_answer_given_and_link_the_first_to_the_error_summary():
    html = render("{% govuk_field form.decision %}", form=ExampleForm(data={"decision": "refuse"}))
    assert 'id="id_decision" name="decision" type="radio" value="give">' in html
    assert 'id="id_decision-2" name="decision" type="radio" value="refuse" checked>' in html


def test_a_yes_no_question_is_inline_radios_checked_from_its_initial_value():
    html = render("{% govuk_field form.consulted %}", form=ExampleForm(initial={"consulted": True}))
    assert "govuk-radios govuk-radios--inline" in html
    assert 'value="yes" checked' in html


def test_a_question_can_be_the_page_heading():
    html = render("{% govuk_field form.decision heading=True %}", form=ExampleForm())
    assert '<h1 class="govuk-fieldset__heading">' in html
    assert "govuk-fieldset__legend--l" in html


def test_a_date_field_renders_three_inputs_with_the_values_typed():
    form = ExampleForm(data={"asked_on-day": "5", "asked_on-month": "", "asked_on-year": "2024"})
    html = render("{% govuk_field form.asked_on %}", form=form)
    assert 'id="id_asked_on-day" name="asked_on-day" type="text" value="5"' in html
    assert 'id="id_asked_on-month" name="asked_on-month" type="text" inputmode' in html
    assert 'role="group"' in html


def test_a_select_marks_the_chosen_option():
    html = render("{% govuk_field form.party %}", form=ExampleForm(initial={"party": "offender"}))
    assert '<option value="offender" selected>Offender</option>' in html


def test_a_text_input_takes_width_classes_and_a_hint():
    html = render(
        '{% govuk_field form.method classes="govuk-input--width-10" hint="Phone, or in person" %}',
        form=ExampleForm(),
    )
    assert 'class="govuk-input govuk-input--width-10"' in html
    assert '<div id="id_method-hint" class="govuk-hint">' in html


def test_field_text_is_escaped():
    form = ExampleForm(data={"method": "<script>alert(1)</script>"})
    html = render("{% govuk_field form.method %}", form=form)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_summary_list_row_with_a_link_has_its_hidden_text():
    rows = [{"key": "Offence", "value": "Theft", "href": "/x", "hidden": "offence"}, {"key": "K"}]
    html = render("{% govuk_summary_list rows %}", rows=rows)
    assert '<span class="govuk-visually-hidden"> offence</span>' in html
    assert "govuk-summary-list__row--no-actions" in html


def test_linkto_gives_nothing_for_a_url_that_does_not_exist():
    assert render('{% linkto "journeys:no_such_page" 1 as url %}[{{ url }}]') == "[]"


def test_linkto_gives_the_url_when_it_exists():
    assert render('{% linkto "case_detail" 7 as url %}{{ url }}') == "/cases/7/"


@pytest.mark.django_db
def test_every_page_has_the_skip_link_header_phase_banner_and_footer(client):
    html = client.get("/sign-in/").content.decode()
    for part in (
        'href="#main-content" class="govuk-skip-link"',
        "Community Resolutions",
        "govuk-phase-banner",
        '<main class="govuk-main-wrapper" id="main-content">',
        "govuk-footer",
    ):
        assert part in html


def test_the_signed_in_person_sees_their_name_role_and_sign_out(client, pc_ali):
    client.force_login(pc_ali)
    html = client.get("/").content.decode()
    assert "Amir Ali, Constable" in html
    assert 'action="/sign-out/"' in html


def test_the_administration_link_shows_only_to_staff(client, pc_ali):
    client.force_login(pc_ali)
    assert "Administration" not in client.get("/").content.decode()


def test_a_success_message_shows_as_a_success_banner():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    html = Template('{% extends "base.html" %}').render(
        Context({"messages": [Message(constants.SUCCESS, "Case authorised")]})
    )
    assert "govuk-notification-banner--success" in html
    assert "Case authorised" in html


class PlainForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Note", error_messages={"required": "Enter a note"})


def test_the_error_summary_works_for_any_django_form():
    html = render("{% govuk_error_summary form %}", form=PlainForm(data={}))
    assert '<a href="#id_note">Enter a note</a>' in html


def test_an_error_on_a_hidden_field_links_to_the_first_visible_field():
    html = render("{% govuk_error_summary form %}", form=PlainForm(data={"note": "x"}))
    assert '<a href="#id_note">' in html


def _journey(request):
    from django.http import HttpResponse

    return HttpResponse("a journey")


urlpatterns = [
    path("", include("crs.web.pages.urls")),
    path("", include(([path("cases/new/", _journey, name="open_case")], "journeys"))),
]


@pytest.mark.urls(__name__)
def test_an_officer_is_offered_a_new_case_in_the_navigation(client, pc_ali):
    client.force_login(pc_ali)
    assert 'href="/cases/new/">' in client.get("/").content.decode()


@pytest.mark.urls(__name__)
def test_the_youth_justice_supervisor_is_not_offered_a_new_case(client, yjt_supervisor):
    client.force_login(yjt_supervisor)
    assert "/cases/new/" not in client.get("/").content.decode()

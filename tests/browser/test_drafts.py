"""Nothing typed is lost (issue 13 item 1), in Chromium: pc_ali answers the first pages of
questions of the routine shop theft, signs out half-way, signs in again and finds the answers given,
resumes where they stopped and saves the assessment. Every page is checked by axe-core."""

from __future__ import annotations

from django.urls import reverse

from crs.cases.models import Case

from .helpers import axe_check, fill, press, sign_in
from .test_walk import ANSWERS, TODAY, day_month_year, page_answers

REFERENCE = "CR/4343/24"
BEFORE_SIGNING_OUT = 2  # pages of questions answered before signing out


def answer_here(page) -> list[str]:
    """Answer the questions on the page; the facts it asked."""
    fields, data = page_answers(page)
    fill(page, data)
    press(page, "Continue")
    return fields


def test_answers_given_before_signing_out_are_there_after_signing_in(open_page, demo_force):
    ali = open_page()
    sign_in(ali, "pc_ali")
    ali.goto(reverse("journeys:open_case"))
    axe_check(ali)
    fill(ali, {"crime_reference": REFERENCE, "given_name": "Sam", "family_name": "Smith"})
    fill(ali, day_month_year("date_of_birth", TODAY.replace(year=TODAY.year - 34)))
    press(ali, "Start the assessment")
    first_page = ali.url
    answered = [field for _ in range(BEFORE_SIGNING_OUT) for field in answer_here(ali)]
    stopped_at = ali.url
    assert "/assessment/q/" in stopped_at

    ali.get_by_role("button", name="Sign out").click()
    ali.wait_for_load_state()
    axe_check(ali)
    sign_in(ali, "pc_ali")

    case = Case.objects.get(crime_reference=REFERENCE)
    ali.goto(reverse("journeys:assessment", args=[case.pk]))
    axe_check(ali)
    assert ali.url == stopped_at, "did not resume where it stopped"
    ali.goto(first_page)
    axe_check(ali)
    category = "offence.category"
    chosen = ali.locator(f'main [name="{category}-answer"][value="{ANSWERS[category]}"]')
    assert chosen.is_checked(), f"the answer to {category} is not shown"

    ali.goto(stopped_at)
    axe_check(ali)
    while "/assessment/q/" in ali.url:
        fields = answer_here(ali)
        assert not set(fields) & set(answered), f"asked {fields} again"
    assert "/assessment/check/" in ali.url, ali.url
    press(ali, "Save assessment")
    case.refresh_from_db()
    assert case.state == "assessed"
    assert case.facts["offence"]["category"] == ANSWERS["offence.category"]
    assert ali.locator(".govuk-notification-banner--success").count() == 1

"""Nothing typed is lost (issue 13 item 1), in Chromium: pc_ali answers the first questions
of the routine shop theft, signs out half-way, signs in again and finds the answers given,
resumes where they stopped and saves the assessment. Every page is checked by axe-core."""

from __future__ import annotations

from django.urls import reverse

from crs.cases.models import Case

from .helpers import axe_check, fill, press, sign_in
from .test_walk import ANSWERS, TODAY, as_form, day_month_year

REFERENCE = "CR/4343/24"
BEFORE_SIGNING_OUT = 3  # questions answered before signing out


def answer_here(page) -> str:
    """Answer the question on the page; the field it asked."""
    field = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert field in ANSWERS, f"asked {field}, which this test does not answer"
    fill(page, as_form(ANSWERS[field]))
    press(page, "Continue")
    return field


def test_answers_given_before_signing_out_are_there_after_signing_in(open_page, demo_force):
    ali = open_page()
    sign_in(ali, "pc_ali")
    ali.goto(reverse("journeys:open_case"))
    axe_check(ali)
    fill(ali, {"crime_reference": REFERENCE, "given_name": "Sam", "family_name": "Smith"})
    fill(ali, day_month_year("date_of_birth", TODAY.replace(year=TODAY.year - 34)))
    press(ali, "Start the assessment")
    answered = [answer_here(ali) for _ in range(BEFORE_SIGNING_OUT)]
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
    ali.goto(reverse("journeys:question", args=[case.pk, answered[0]]))
    axe_check(ali)
    chosen = ali.locator(f'main [name="answer"][value="{ANSWERS[answered[0]]}"]')
    assert chosen.is_checked(), f"the answer to {answered[0]} is not shown"

    ali.goto(stopped_at)
    axe_check(ali)
    while "/assessment/q/" in ali.url:
        field = answer_here(ali)
        assert field not in answered, f"asked {field} again"
    assert "/assessment/check/" in ali.url, ali.url
    press(ali, "Save assessment")
    case.refresh_from_db()
    assert case.state == "assessed"
    assert case.facts["offence"]["category"] == ANSWERS["offence.category"]
    assert ali.locator(".govuk-notification-banner--success").count() == 1

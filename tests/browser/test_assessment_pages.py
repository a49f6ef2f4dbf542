"""Pages of several questions in Chromium, on a phone 390 px wide: "None of these" unticks the
other boxes (GOV.UK Frontend's exclusive checkbox), every question's error shows by it, axe
finds nothing, and nothing scrolls sideways."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crs.accounts.models import User
from crs.cases import services
from crs.cases.models import Person
from tests.answers import adult_shop_theft, answers_on_page

from .helpers import axe_check, fill, press, sign_in


@pytest.fixture
def new_case(demo_force):
    owner = User.objects.get(username="pc_ali")
    case = services.open_case(owner, crime_reference="CR/7007/24")
    services.add_person(
        case,
        owner,
        role=Person.Role.OFFENDER,
        given_name="Casey",
        family_name="Marlow",
        date_of_birth=date(1990, 5, 17),
    )
    return case


def fits(page) -> None:
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{page.url} is {scroll} px wide on a {client} px phone"


def test_none_of_these_unticks_the_status_checks_ticked(phone_page, new_case):
    sign_in(phone_page, "pc_ali")
    phone_page.goto(reverse("journeys:question", args=[new_case.pk, "offender.court_order"]))
    axe_check(phone_page)
    fits(phone_page)
    boxes = phone_page.locator('main [name="status-checks"]')
    boxes.and_(phone_page.locator('[value="offender.court_order"]')).check()
    boxes.and_(phone_page.locator('[value="none"]')).check()
    ticked = boxes.evaluate_all("els => els.filter(e => e.checked).map(e => e.value)")
    assert ticked == ["none"]


def test_a_page_of_questions_left_blank_shows_each_error_by_its_question(phone_page, new_case):
    sign_in(phone_page, "pc_ali")
    phone_page.goto(reverse("journeys:question", args=[new_case.pk, "offence.category"]))
    axe_check(phone_page)
    press(phone_page, "Continue")
    assert phone_page.locator("main .govuk-error-message").count() == 5  # with the scores
    assert phone_page.title().startswith("Error: The offence")
    fits(phone_page)


def test_the_gravity_look_up_works_without_javascript_and_fits_a_phone(open_page, new_case):
    from .helpers import PHONE

    context_page = open_page(PHONE)
    context_page.context.route("**/*.js", lambda route: route.abort())  # no JavaScript
    context_page.context.route("**/*.mjs", lambda route: route.abort())
    sign_in(context_page, "pc_ali")
    url = reverse("journeys:question", args=[new_case.pk, "offence.gravity.base_score"])
    context_page.goto(url)
    axe_check(context_page)
    answers = context_page.locator('main [name="offence.category-answer"]')
    answers.and_(context_page.locator('[value="theft"]')).check()
    context_page.locator("#gravity-search").fill("shoplifting")
    press(context_page, "Look up")
    # The look-up sent the page: the answer typed before it is still there, not saved.
    assert answers.and_(context_page.locator('[value="theft"]')).is_checked()
    results = context_page.locator("#gravity-results")
    assert results.get_by_text("Shoplifting (goods under £100)").count() == 1
    fits(context_page)


def test_with_javascript_the_look_up_keeps_the_scores_typed(page, new_case):
    sign_in(page, "pc_ali")
    page.goto(reverse("journeys:question", args=[new_case.pk, "offence.gravity.base_score"]))
    axe_check(page)
    page.locator('[name="offence.gravity.base_score-answer"]').fill("2")
    page.locator("#gravity-search").fill("shoplifting")
    page.locator("#gravity-search").press("Enter")  # looks up, as the button does
    page.locator("#gravity-results").wait_for()
    axe_check(page)
    assert "/assessment/q/" in page.url and "gravity=" not in page.url  # no page load
    assert page.locator('[name="offence.gravity.base_score-answer"]').input_value() == "2"


def test_enter_in_an_answers_box_continues_rather_than_looking_up(page, new_case):
    sign_in(page, "pc_ali")
    first = reverse("journeys:question", args=[new_case.pk, "offence.category"])
    page.goto(first)
    axe_check(page)
    offence = timezone.localdate() - timedelta(days=2)
    answers = {**adult_shop_theft(offence_date=offence), "victim.kind": "organisation"}
    _asked, data = answers_on_page(page, answers)
    fill(page, data)
    page.locator('main [name="offence.gravity.final_score-answer"]').press("Enter")
    page.wait_for_load_state()
    axe_check(page)
    assert page.url.rstrip("/").split("/q/")[-1] != "offence.category", "Enter did not continue"
    assert not page.locator(".govuk-error-summary").count()

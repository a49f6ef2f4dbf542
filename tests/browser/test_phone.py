"""The pages an officer works with, on a phone 390 px wide: nothing scrolls sideways."""

import pytest
from django.urls import reverse

from crs.cases.models import Case

from .helpers import axe_check, sign_in

# (the page, the state of the demo case it is about, or None for a page of no case)
PAGES = [
    ("home", None),
    ("case_list", None),
    ("case_detail", "actions_in_progress"),
    ("journeys:check_answers", "draft"),
    ("journeys:actions", "actions_in_progress"),
]


@pytest.mark.parametrize(("name", "state"), PAGES)
def test_the_page_does_not_scroll_sideways_on_a_390_pixel_phone(
    phone_page, demo_cases, name, state
):
    case = Case.objects.filter(state=state or "actions_in_progress").first()
    sign_in(phone_page, case.owner.username)
    phone_page.goto(reverse(name, args=[case.pk] if state else []))
    axe_check(phone_page)
    scroll, client = phone_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert client == 390
    assert scroll <= client, f"{name} is {scroll} px wide on a 390 px phone"

"""The oversight dashboard in the browser: an analyst reads it, filters it and downloads a
table, at desktop width and on a 390 px phone; axe finds nothing serious on any page."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils.text import slugify

from .helpers import axe_check, press, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def count_of_cases(page) -> int:
    """The first row of the summary table: every case the filters choose."""
    row = page.locator("#table-summary tbody tr").first
    assert row.locator("th").inner_text() == "Cases"
    return int(row.locator("td").inner_text().replace(",", ""))


def test_an_analyst_opens_filters_and_downloads_the_dashboard(page, demo_cases):
    sign_in(page, "vja_hughes")
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_load_state()
    axe_check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Community Resolutions dashboard"
    # Each figure is a chart and a table beside it; the demo's cases are all counted.
    cases = count_of_cases(page)
    assert cases == demo_cases.cases
    assert page.locator(".dash-chart").count() >= 10

    district = page.get_by_label("District", exact=True)
    first = district.locator("option").nth(1).get_attribute("value")  # after "All districts"
    district.select_option(first)
    press(page, "Apply filters")
    assert "district=" + first.replace(" ", "+") in page.url
    north = count_of_cases(page)
    assert 0 < north <= cases

    with page.expect_download() as info:
        page.locator("#by-district").get_by_role("link", name=re.compile("Download")).click()
    assert slugify(first) in info.value.suggested_filename  # named for its filters
    with open(info.value.path(), encoding="utf-8") as fh:
        rows = list(csv.reader(io.StringIO(fh.read())))
    # A block of what the table is of, a blank row, then the table.
    assert ["District", first] in rows[: rows.index([])]
    assert rows[rows.index([]) + 1 :] == [["District", "Cases"], [first, str(north)]]


def test_the_dashboard_reads_on_a_390_pixel_phone_without_scrolling_sideways(
    phone_page, demo_cases
):
    sign_in(phone_page, "vja_hughes")
    phone_page.goto(reverse("dashboard:dashboard"))
    axe_check(phone_page)
    scroll, client = phone_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert client == 390
    assert scroll <= client, f"the dashboard is {scroll} px wide on a 390 px phone"


def test_an_officer_has_no_dashboard_link_and_is_refused_it(page, demo_cases):
    sign_in(page, "pc_ali")
    assert page.get_by_role("link", name="Dashboard").count() == 0
    response = page.goto(reverse("dashboard:dashboard"))
    axe_check(page)
    assert response.status == 403
    assert "Inspectors and above" in page.locator("main").inner_text()

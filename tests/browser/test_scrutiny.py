"""The scrutiny panel's pages in Chromium: draw a sample, record a finding, read the report.

vja_hughes (a Victim Justice analyst, on the panel) draws a sample of the demo
force's closed cases, opens a case under its pseudonym, records the panel's finding
and reads the findings report; every page, and the draw form with its errors, is
checked by axe-core. pc_ali, not on the panel, is refused.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crs.scrutiny.models import Finding, Sample

from .helpers import axe_check, fill, press, sign_in

TODAY = timezone.localdate()


def day_month_year(name: str, day) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def test_a_panel_member_draws_a_sample_and_records_a_finding(page, demo_cases):
    sign_in(page, "vja_hughes")
    page.goto(reverse("scrutiny:sample_list"))
    axe_check(page)
    page.get_by_role("button", name="Draw a new sample").click()
    page.wait_for_load_state()
    axe_check(page)

    press(page, "Draw the sample")  # nothing entered: the errors, axe-checked
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("Enter the start of the period").count()

    fill(page, day_month_year("start", TODAY - timedelta(days=3 * 365)))
    fill(page, day_month_year("end", TODAY) | {"size": "5", "seed": "1912"})
    press(page, "Draw the sample")
    sample = Sample.objects.get()
    assert page.url.endswith(reverse("scrutiny:sample", args=[sample.pk]))
    assert "1912" in page.locator("main").inner_text()

    first = sample.cases.order_by("position").first()
    page.get_by_role("link", name=first.pseudonym).click()
    page.wait_for_load_state()
    axe_check(page)
    body = page.locator("main").inner_text()
    assert first.case.crime_reference not in body

    press(page, "Save the finding")  # no finding chosen
    assert page.title().startswith("Error: ")
    fill(page, {"finding": "inappropriate"})
    press(page, "Save the finding")  # comments needed for this finding
    assert page.get_by_role("alert").get_by_text("Enter the panel's comments").count()
    fill(page, {"finding": "inappropriate", "comments": "The victim was not asked."})
    press(page, "Save the finding")
    assert Finding.objects.get().comments == "The victim was not asked."

    page.goto(reverse("scrutiny:findings", args=[sample.pk]))
    axe_check(page)
    assert "The victim was not asked." in page.locator("main").inner_text()


def test_someone_not_on_the_panel_is_refused(page, demo_force):
    sign_in(page, "pc_ali")
    response = page.goto(reverse("scrutiny:sample_list"))
    axe_check(page)
    assert response.status == 403
    assert "Only scrutiny panel members" in page.locator("main").inner_text()

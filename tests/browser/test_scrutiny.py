"""The scrutiny panel's pages in Chromium: draw a sample, record a finding, read the report.

vja_hughes (a Victim Justice analyst, on the panel) draws a sample of the demo
force's closed cases, opens a case under its pseudonym, records the panel's finding
and reads the findings report; every page, and the draw form with its errors, is
checked by axe-core. pc_ali, not on the panel, is refused. The pack is refused until a
person has reviewed every case's free text: the review page marks the suggested
redactions, refuses text that still names someone, and then the pack downloads.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crs.scrutiny import review
from crs.scrutiny.models import Finding, ReviewedText, Sample

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
    page.get_by_role("link", name=first.pseudonym, exact=True).click()
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


def test_a_panel_member_reviews_the_free_text_then_downloads_the_pack(page, demo_cases):
    sign_in(page, "vja_hughes")
    page.goto(reverse("scrutiny:draw"))
    axe_check(page)
    fill(page, day_month_year("start", TODAY - timedelta(days=3 * 365)))
    fill(page, day_month_year("end", TODAY) | {"size": "5", "seed": "7"})
    press(page, "Draw the sample")
    sample = Sample.objects.get()
    left = review.outstanding(sample)
    assert left, "the demo's closed cases have free text to review"

    # The pack is refused, naming the cases to review (an HTML page, axe-checked).
    page.goto(reverse("scrutiny:pack", args=[sample.pk]))
    axe_check(page)
    main = page.locator("main").inner_text()
    assert "cannot be made yet" in main
    first, _ = left[0]
    page.get_by_role("link", name=f"Review case {first.pseudonym}").click()
    page.wait_for_load_state()
    axe_check(page)
    assert page.url.endswith(reverse("scrutiny:review", args=[sample.pk, first.position]))

    # A name left in the text is refused on its field, and nothing is saved.
    textarea = page.locator("main textarea").first
    suggestion = textarea.input_value()
    textarea.fill(suggestion + " Seen by PC Ali.")
    press(page, "Save the reviewed text")
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("take out what still identifies").count()
    assert not ReviewedText.objects.exists()

    # Accepting each suggestion, case after case, until the pack can be made.
    for _ in range(len(left)):
        for i, r in enumerate(review.reviews(sample.cases.get(pk=_current(page, sample))), 1):
            page.locator(f'main [name="text-{i}"]').fill(r.suggestion.text)
        press(page, "Save the reviewed text")
    assert review.outstanding(sample) == []
    sample_page = page.locator("main").inner_text()
    assert "Every case: the pack can be downloaded" in sample_page

    response = page.request.get(reverse("scrutiny:pack", args=[sample.pk]))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def _current(page, sample) -> int:
    """The SampleCase whose review page is open."""
    from urllib.parse import urlsplit

    from django.urls import resolve

    match = resolve(urlsplit(page.url).path)
    return sample.cases.get(position=match.kwargs["position"]).pk

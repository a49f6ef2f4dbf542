"""The people of a case, its signatures and its printed documents, in Chromium, from the
case page as an officer reaches them; every page checked by axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.urls import reverse

from crs.cases.models import Case

from .helpers import axe_check, fill, press, sign_in


@pytest.fixture
def agreed_case(demo_cases) -> Case:
    case = Case.objects.filter(state="agreed", crime_reference__startswith="DEMO-").first()
    assert case is not None, "the demo has no agreed case"
    return case


@pytest.fixture
def officer(open_page, agreed_case):
    page = open_page()
    sign_in(page, agreed_case.owner.username)
    return page


def follow(page, link: str) -> None:
    page.locator("main").get_by_role("link", name=link, exact=True).click()
    page.wait_for_load_state()
    axe_check(page)


def test_the_officer_adds_a_parent_and_changes_their_details(officer, agreed_case):
    page = officer
    page.goto(reverse("case_detail", args=[agreed_case.pk]))
    axe_check(page)
    follow(page, "Add or change the people in the case")
    follow(page, "Add a parent or guardian")
    press(page, "Save")
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("Enter the name of the parent or guardian").count()
    fill(page, {"given_name": "Robin", "family_name": "Hale", "relationship": "Mother"})
    press(page, "Save")
    parent = agreed_case.people.get(role="parent_guardian")
    assert parent.relationship == "Mother"
    page.locator(f"#person-{parent.pk}").get_by_role("link", name="Change").click()
    page.wait_for_load_state()
    axe_check(page)
    fill(page, {"phone": "01632 960 010"})
    press(page, "Save")
    parent.refresh_from_db()
    assert (parent.given_name, parent.phone) == ("Robin", "01632 960 010")
    assert "01632 960 010" in page.locator("main").inner_text()


def test_the_officer_records_the_victims_signature(officer, agreed_case):
    page = officer
    page.goto(reverse("case_detail", args=[agreed_case.pk]))
    axe_check(page)
    follow(page, "Record signatures on the 1912")
    fill(page, {"party": "victim", "name": "Reese Marlow"})
    press(page, "Record the signature")
    assert agreed_case.signatures.filter(party="victim", name="Reese Marlow").exists()
    assert "Reese Marlow" in page.locator("#signed").inner_text()


def test_the_case_page_downloads_form_1912_and_the_acceptance_form(officer, agreed_case):
    page = officer
    page.goto(reverse("case_detail", args=[agreed_case.pk]))
    axe_check(page)
    # WeasyPrint's first document in a process loads Pango and the fonts: allow for it.
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Download form 1912 (PDF)").click()
    saved = download.value
    assert saved.suggested_filename.startswith("form-1912-")
    with open(saved.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    link = page.get_by_role("link", name="Print acceptance form for the offender to sign (PDF)")
    response = page.request.get(link.get_attribute("href"), timeout=60_000)
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.body()[:5] == b"%PDF-"


def test_a_page_with_a_back_link_has_all_its_content_in_landmarks(officer, agreed_case):
    """axe's "region" rule (moderate, so axe_check lets it pass): the back link sits
    before <main>, as the Design System asks, in a landmark of its own."""
    page = officer
    page.goto(reverse("journeys:people", args=[agreed_case.pk]))
    axe_check(page)
    assert page.locator(".govuk-back-link").count() == 1
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate("() => axe.run(document, {runOnly: ['region']})")
    assert result["violations"] == []
    assert result["passes"], "the region rule did not run"

"""The frame of the site in a browser: the sign-in and home pages, accessible."""

from urllib.parse import urlsplit

from .helpers import axe_check, sign_in


def test_the_sign_in_page_has_no_serious_accessibility_violations(page, demo_force):
    from django.conf import settings
    from django.shortcuts import resolve_url

    page.goto(resolve_url(settings.LOGIN_URL))
    axe_check(page)


def test_the_home_page_has_no_serious_accessibility_violations(page, demo_cases):
    sign_in(page, "sgt_brown")
    assert urlsplit(page.url).path == "/"
    axe_check(page)


def test_an_officer_signs_in_and_the_home_page_names_them(page, demo_force):
    sign_in(page, "pc_ali")
    assert page.url.endswith("/")
    assert "Amir Ali, Constable" in page.locator("body").inner_text()


def test_a_wrong_password_is_refused_with_an_error_summary(page, demo_force):
    from django.conf import settings
    from django.shortcuts import resolve_url

    page.goto(resolve_url(settings.LOGIN_URL))
    page.get_by_label("Username").fill("pc_ali")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    axe_check(page)
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_text("Enter a correct username and password").count()

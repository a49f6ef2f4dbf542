"""What the browser tests share: the Chromium to drive, axe_check and sign_in."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CRS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")
# The admin's login says "Log in"; GOV.UK services say "Sign in".
SIGN_IN_BUTTON = re.compile(r"^(sign in|log in)$", re.IGNORECASE)


def chromium_missing_message() -> str:
    return (
        f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
        "Install it with `sudo scripts/install-chromium` (Debian's chromium package), "
        "point CRS_CHROMIUM at another Chromium, or set CRS_SKIP_BROWSER=1 to skip them."
    )


# Pages whose colour contrast axe has checked this session, by the view that drew them.
_contrast_checked: set[str] = set()


def axe_check(page) -> None:
    """Fail on any serious or critical axe-core violation of the page as it is now.

    Every rule runs on every page, except colour contrast (three quarters of axe's
    time) and orientation lock (which fetches the stylesheets again): they run on the
    first page each view draws in a session, since colours and stylesheets come from
    the view's template and the site's CSS, not from a case's data.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.wait_for_load_state()
    view = _view_of(page.url)
    options = {"resultTypes": ["violations"]}
    if view is not None and view in _contrast_checked:
        options["rules"] = {
            "color-contrast": {"enabled": False},
            "css-orientation-lock": {"enabled": False},
        }
        options["preload"] = False
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("options => axe.run(document, options)", options)["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    visits = getattr(page, "visits", None)
    if visits is not None:
        visits.unchecked = [url for url in visits.unchecked if url != page.url]
    if blocking:
        lines = [f"axe-core: {len(blocking)} serious or critical violation(s) on {page.url}"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:120]}")
        pytest.fail("\n".join(lines), pytrace=False)
    if view is not None:
        _contrast_checked.add(view)


def _view_of(url: str) -> str | None:
    """The name of the site's view that drew the page at url (None if not the site's)."""
    from django.urls import Resolver404, resolve

    if not url.startswith("http"):
        return None
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def sign_in(page, username: str) -> None:
    """Sign in through the site's own sign-in form, as a demo persona."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    from crs.cases.demo import DEMO_PASSWORD

    sign_in_path = resolve_url(settings.LOGIN_URL)
    page.goto(sign_in_path)
    axe_check(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path != sign_in_path, (
        f"{username} could not sign in: still on the sign-in page"
    )
    axe_check(page)


def fill(page, data: dict[str, str | list[str]]) -> None:
    """Answer the main form's fields, found by name as the server reads them.

    Radios and checkboxes are ticked by value, selects chosen, text typed: what a
    person does with the labels they see, without depending on the labels' wording.
    """
    for name, value in data.items():
        field = page.locator(f'main [name="{name}"]')
        kind = field.first.evaluate("e => e.type || e.tagName.toLowerCase()")
        if kind in ("radio", "checkbox"):
            for one in [value] if isinstance(value, str) else value:
                field.and_(page.locator(f'[value="{one}"]')).check()
        elif kind.startswith("select"):
            field.select_option(value)
        else:
            field.fill(value)


def press(page, button: str | re.Pattern) -> None:
    """Press a button of the page's main content, wait for the next page and check it."""
    page.locator("main").get_by_role("button", name=button).click()
    page.wait_for_load_state()
    axe_check(page)

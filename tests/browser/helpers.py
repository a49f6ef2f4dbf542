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


def axe_check(page) -> None:
    """Fail on any serious or critical axe-core violation of the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state()
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    visits = getattr(page, "visits", None)
    if visits is not None:
        visits.unchecked = [url for url in visits.unchecked if url != page.url]
        visits.checked += 1
    if blocking:
        lines = [f"axe-core: {len(blocking)} serious or critical violation(s) on {page.url}"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:120]}")
        pytest.fail("\n".join(lines), pytrace=False)


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

"""Browser tests: the real site in Debian's Chromium, headless, checked by axe-core.

The site runs in pytest-django's live server on the Django tests' database
(every test is transactional, so each builds its own data with the demo seed
code and is flushed after). Playwright drives the machine's Chromium at
/usr/bin/chromium (scripts/install-chromium); it never downloads a browser.
When Chromium is missing the tests fail and say how to install it, unless
CRS_SKIP_BROWSER=1 is set.

Every page a test visits must pass `axe_check` (no serious or critical
violation): the `page` fixture notes each page the browser lands on and fails
the test if one was never checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, chromium_missing_message

HERE = Path(__file__).resolve().parent


def skip_requested() -> bool:
    value = os.environ.get("CRS_SKIP_BROWSER", "")
    if value not in ("", "0", "1"):
        raise pytest.UsageError(f"CRS_SKIP_BROWSER must be 1 or unset, got {value!r}")
    return value == "1"


def pytest_collection_modifyitems(config, items):
    if not skip_requested():
        return
    skip = pytest.mark.skip(reason="CRS_SKIP_BROWSER=1: the browser tests are skipped")
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixture reads this to leave a failed test's own error alone.
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser():
    """Chromium, for this package's tests only: Playwright's sync API keeps an asyncio
    loop running on the main thread while it is open, which the tests after these must
    not inherit."""
    if not CHROMIUM.exists():
        pytest.fail(chromium_missing_message(), pytrace=False)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # With that loop running Django refuses the ORM calls the tests make between
        # browser steps, though they are synchronous and on one thread.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Visits:
    """The pages a test's browser landed on, and whether axe has checked each."""

    unchecked: list[str] = field(default_factory=list)


@pytest.fixture
def site(live_server):
    """The live server's address (asking for it makes the test transactional)."""
    return live_server.url


@pytest.fixture
def open_page(browser, site, request):
    """Open a page at a given viewport on the live site, in a fresh context."""
    contexts = []
    visits = Visits()

    def open_page(viewport: dict = DESKTOP):
        context = browser.new_context(base_url=site, viewport=viewport)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()

        def landed(frame):
            if frame == page.main_frame:
                visits.unchecked.append(frame.url)

        page.on("framenavigated", landed)
        page.visits = visits
        return page

    yield open_page
    for context in contexts:
        context.close()
    call = getattr(request.node, "report_call", None)
    if call is not None and call.passed and visits.unchecked:
        pytest.fail(
            "pages visited but never checked with axe_check: " + ", ".join(visits.unchecked),
            pytrace=False,
        )


@pytest.fixture
def page(open_page):
    return open_page(DESKTOP)


@pytest.fixture
def phone_page(open_page):
    return open_page(PHONE)


@pytest.fixture
def demo_force(transactional_db):
    """The demo force's people: a user for every role, all with the demo password."""
    from crs.cases.demo import load_demo

    return load_demo(cases=0)


@pytest.fixture
def demo_cases(transactional_db):
    """The demo force and one case in every state, driven there by the services."""
    from crs.cases.demo import load_demo
    from crs.cases.workflow import State

    return load_demo(cases=len(State))

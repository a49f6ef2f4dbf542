"""Officer time (issue 13, item 8): a routine CR recorded in Chromium, counted.

    .venv/bin/python benchmarks/officer_journey.py [--url URL] [--width 390] [--case youth]

pc_ali records the routine case of issue 13 as a constable would on a shift, from "New case"
on the home page to the case sent for supervisor review, and the last line says what it
took:

    officer journey (routine adult shop theft): P page loads, F fields, C clicks, S s

- the adult case: 34, no previous outcomes, stole £25 of groceries from a shop, admits it and
  agrees; the shop manager wants a verbal apology now and £25 compensation later (done
  later, and recorded);
- the youth case (`--case youth`): 15, damaged a neighbour's fence; the neighbour does not
  consent, so the Youth Justice Team Supervisor and an Inspector must authorise (their
  work is not counted: it is not the officer's), and a parent is told.

Page loads are the documents Chromium loads (a POST answered by a redirect is one);
fields are the inputs given a value (a radio group or a "select all" is one); clicks are
buttons and links pressed and boxes ticked. Going to a page by its address counts as the
click on the link that leads there. Target (issue 13): at most 15 page loads, 35 fields,
45 clicks.

Without --url it starts `crs serve --demo` on a free port with a new data directory (the
demo force's first start takes about a minute). Chromium is Debian's (/usr/bin/chromium,
or $CRS_CHROMIUM), driven headless by Playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.answers import adult_shop_theft, answers_on_page, day_month_year  # noqa: E402

CHROMIUM = os.environ.get("CRS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
PASSWORD = "crs-demo-only"  # the demo force's (crs.cases.demo)
TODAY = date.today()


class Counted:
    """A Chromium page that counts what the officer does on it."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.loads = self.fields = self.clicks = 0
        self.trace = False
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1
        if self.trace:
            print(f"  load {self.loads}: {self.path}", file=sys.stderr)

    def reset(self):
        self.loads = self.fields = self.clicks = 0

    def go(self, path: str) -> None:
        self.clicks += 1
        self.page.goto(self.base + path)

    def link(self, text: str | re.Pattern) -> None:
        self.clicks += 1
        self.page.locator("main").get_by_role("link", name=text).first.click()
        self.page.wait_for_load_state()

    def menu(self, text: str) -> None:
        """A link of the service's navigation (behind its Menu button on a phone)."""
        toggle = self.page.locator("button.govuk-service-navigation__toggle")
        if toggle.is_visible():
            self.clicks += 1
            toggle.click()
        self.clicks += 1
        self.page.locator(".govuk-service-navigation").get_by_role("link", name=text).click()
        self.page.wait_for_load_state()

    def press(self, text: str | re.Pattern) -> None:
        self.clicks += 1
        self.page.locator("main").get_by_role("button", name=text).first.click()
        self.page.wait_for_load_state()

    def fill(self, data: dict) -> None:
        """Give each named input its value, as test helpers do (by name and value)."""
        page = self.page
        days = {re.sub(r"-(day|month|year)$", "", n) for n in data if n.endswith("-day")}
        self.fields += len(days)
        for name, value in data.items():
            field = page.locator(f'main [name="{name}"]')
            kind = field.first.evaluate("e => e.type || e.tagName.toLowerCase()")
            if kind in ("radio", "checkbox"):
                self.fields += 1
                for one in [value] if isinstance(value, str) else value:
                    field.and_(page.locator(f'[value="{one}"]')).check()
                    self.clicks += 1
            elif kind.startswith("select"):
                self.fields += 1
                self.clicks += 1
                field.select_option(value)
            else:
                if not re.search(r"-(month|year)$", name) and not name.endswith("-day"):
                    self.fields += 1
                field.fill(value)

    def tick_all(self, name: str) -> None:
        """Tick every box of the group `name` on the page, if it has one."""
        boxes = self.page.locator(f'main input[type="checkbox"][name="{name}"]')
        if boxes.count():
            self.fields += 1
            for i in range(boxes.count()):
                boxes.nth(i).check()
                self.clicks += 1

    def fill_empty_texts(self, text: str) -> None:
        """Write `text` in each empty text box of the page's main form."""
        boxes = self.page.locator("main form textarea")
        for i in range(boxes.count()):
            if not boxes.nth(i).input_value():
                self.fields += 1
                boxes.nth(i).fill(text)

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base)


def case_pk(journey: Counted) -> int:
    found = re.search(r"/cases/(\d+)/", journey.page.url)
    assert found, journey.page.url
    return int(found.group(1))


def assess(journey: Counted, answers: dict) -> None:
    """Every page of questions, then check your answers and save."""
    while "/assessment/q/" in journey.path:
        _asked, data = answers_on_page(journey.page, answers)
        journey.fill(data)
        journey.press("Continue")
        refused = journey.page.locator(".govuk-error-summary")
        assert not refused.count(), f"{journey.path}: {refused.inner_text()}"
    assert "/assessment/check/" in journey.path, journey.path
    journey.press("Save assessment")


def open_case(journey: Counted, reference: str, name: tuple[str, str], age: int, what: str):
    journey.menu("New case")
    journey.fill({"crime_reference": reference, "given_name": name[0], "family_name": name[1]})
    # Another day of birth each run, so a second run on one server meets a new offender (the
    # first's case would be a previous outcome of the second's).
    born = TODAY.replace(year=TODAY.year - age - 1) + timedelta(days=1 + int(time.time()) % 300)
    journey.fill(day_month_year("date_of_birth", born))
    journey.fill({"description": what})
    journey.press("Start the assessment")


def adult(journey: Counted, reference: str, others) -> None:
    later_sitting(journey, adult_delivered(journey, reference, others), ADULT_DONE)


def youth(journey: Counted, reference: str, others) -> None:
    later_sitting(journey, youth_delivered(journey, reference, others), YOUTH_DONE)


ADULT_DONE, YOUTH_DONE = r"^Mark as done\W*Pay", r"^Mark as done\W*Repair"


def adult_delivered(journey: Counted, reference: str, others) -> int:
    """34, no previous outcomes, £25 of groceries from a shop; the shop manager wants an
    apology now and £25 later. The case's number once the resolution is delivered."""
    offence = TODAY - timedelta(days=1)
    answers = {
        **adult_shop_theft(offence_date=offence),
        "offender.previous_outcomes": {"answer": "no"},
        "victim.kind": "organisation",
    }
    open_case(journey, reference, ("Sam", "Smith"), 34, "Took £25 of groceries from a shop.")
    assess(journey, answers)
    journey.press("Deliver the resolution")
    journey.fill(
        {
            "action1_kind": "verbal_apology",
            "action2_kind": "financial_compensation",
            "action2_description": "Pay the shop £25.",
            **day_month_year("action2_due_date", TODAY + timedelta(days=28)),
            "victim_method": "in_person",
            "victim_views": "Wants an apology now and the £25 back.",
        }
    )
    journey.tick_all("victim_told")
    journey.fill({"acceptance": "I took the groceries."})
    journey.tick_all("told")
    journey.fill({"victim_signature": "Morgan Lee"})
    journey.press("Agree the resolution")
    return case_pk(journey)


def youth_delivered(journey: Counted, reference: str, others) -> int:
    """15, damaged a neighbour's fence; the neighbour does not consent, so the Youth Justice
    Team Supervisor and an Inspector authorise (their work, in `others`, is not counted);
    a parent is told. The offender repairs the fence later."""
    offence = TODAY - timedelta(days=1)
    answers = {
        **adult_shop_theft(offence_date=offence),
        "offence.category": "criminal_damage",
        "offender.previous_outcomes": {"answer": "no"},
        "offence.gravity.base_score": "2",
        "offence.gravity.final_score": "2",
        "victim.consents": "no",
    }
    open_case(journey, reference, ("Alex", "Jones"), 15, "Kicked down a neighbour's fence.")
    assess(journey, answers)
    journey.press("Ask for authorisation")
    pk = case_pk(journey)
    for who in ("yjt_supervisor", "insp_carr"):
        others(who, pk)
    journey.go(f"/cases/{pk}/")
    journey.press("Deliver the resolution")
    journey.fill(
        {
            "action1_kind": "reparation",
            "action1_description": "Repair the fence panels he kicked down.",
            **day_month_year("action1_due_date", TODAY + timedelta(days=21)),
            "parent_method": "in_person",
            "victim_method": "phone",
            "victim_views": "Does not want a community resolution; wants the fence mended.",
        }
    )
    journey.tick_all("victim_told")
    journey.fill({"acceptance": "I kicked the fence down. I'm sorry."})
    journey.tick_all("told")
    journey.fill({"parent_signature": "Chris Jones", "victim_signature": "Pat Green"})
    journey.press("Agree the resolution")
    return case_pk(journey)


def later_sitting(journey: Counted, pk: int, done: str) -> None:
    """The action done later: marked done (which completes the case), the victim told, the
    case signed and sent for review."""
    journey.go(f"/cases/{pk}/actions/")
    journey.press(re.compile(done))
    refused = journey.page.locator(".govuk-error-summary")
    assert not refused.count(), f"{journey.path}: {refused.inner_text()}"
    journey.fill({"told_victim_by": "phone"})
    journey.press(re.compile("send for review$", re.I))


def authorise(browser, base: str):
    """Another person's authority on a case, in their own window (not counted)."""

    def give(username: str, pk: int) -> None:
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, base, username)
        page.goto(f"{base}/cases/{pk}/authorisation/")
        page.locator('main [name="decision"][value="authorise"]').check()
        page.locator('main [name="rationale"]').fill("Proportionate: a first offence, admitted.")
        page.locator("main").get_by_role("button", name="Record my decision").click()
        page.wait_for_load_state()
        refused = page.locator(".govuk-error-summary")
        assert not refused.count(), f"{username}: {refused.inner_text()}"
        context.close()

    return give


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_load_state()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve() -> tuple[subprocess.Popen, str]:
    port = free_port()
    data = tempfile.mkdtemp(prefix="crs-journey-")
    env = {**os.environ, "CRS_DATA_DIR": data}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/crs"), "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sign-in/", timeout=5)
            return server, base
        except OSError:
            time.sleep(1)
    server.kill()
    raise SystemExit("crs serve --demo did not answer within 5 minutes")


CASES = {
    "adult": ("routine adult shop theft", adult),
    "youth": ("youth criminal damage, victim refuses", youth),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running crs with the demo force (default: start one)")
    parser.add_argument("--width", type=int, default=1280, help="window width (390: a phone)")
    parser.add_argument("--case", choices=tuple(CASES), default="adult")
    parser.add_argument("--trace", action="store_true", help="name each page as it loads")
    args = parser.parse_args()
    server, base = (None, args.url.rstrip("/")) if args.url else serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            sign_in(page, base, "pc_ali")
            journey = Counted(page, base)
            journey.reset()
            journey.trace = args.trace
            started = time.monotonic()
            reference = f"OJ/{int(time.time()) % 1_000_000:06}/26"
            CASES[args.case][1](journey, reference, authorise(browser, base))
            seconds = time.monotonic() - started
            refused = page.locator(".govuk-error-summary")
            assert not refused.count(), f"not sent for review: {refused.inner_text()}"
            assert re.search(r"supervisor review", page.content(), re.I), page.url
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"officer journey ({CASES[args.case][0]}, {args.width} px): {journey.loads} page "
        f"loads, {journey.fields} fields, {journey.clicks} clicks, {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

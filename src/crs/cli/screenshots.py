"""`crs screenshots`: pictures of the main pages, taken from a throwaway demo site.

The site runs in this process on a free loopback port, on a new SQLite
database in a temporary directory (whatever DATABASE_URL says: a real
database is never touched), loaded with the demo force by crs.cases.demo as
`crs serve --demo` does. Debian's Chromium, driven by Playwright, signs in as
the persona each page is for and saves each page at desktop width and at 390
px. The case shown returned to its officer is returned here, by its reviewer through
crs.cases.services. A page the site does not have yet is skipped with a message; a page
that answers with an error is reported and makes the command exit 1.

Run it as `crs screenshots [--output DIR] [--width N]`, or as
`python -m crs.cli.screenshots` with the same options.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, reverse

from crs.cli.serve import prepare_site
from crs.site import setup

CHROMIUM = Path(os.environ.get("CRS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
DEFAULT_OUTPUT = "docs/screenshots"
DEFAULT_WIDTH = 1280
PHONE_WIDTH = 390
HEIGHTS = {"desktop": 800, "phone": 844}
# Long pages are cut: the top of a page shows what it is, and the files stay small.
MAX_SCREENS = 1.5
# Two cases in every state: enough for lists that look like work, quick to load.
DEMO_CASES = 26
# Who reviews a case in supervisor review: its team's sergeant, else the force's reviewer.
REVIEWERS = ("sgt_brown", "rev_evans")


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    url_name: str
    persona: str | None = None  # None: signed out; "owner"/"authoriser"/"reviewer": per case
    state: str | None = None  # the case's state, for pages of one case
    anchor: str = ""  # the id of the part of the page the picture starts at (else the top)
    returned: bool = False  # the case is first returned to its officer by the reviewer


SHOTS = (
    Shot("sign-in", "Sign in", "sign_in"),
    Shot("home", "Home page of an officer", "home", "pc_ali"),
    Shot("case-list", "Case list", "case_list", "pc_ali"),
    Shot("case", "A case, actions in progress", "case_detail", "owner", "actions_in_progress"),
    Shot("assessment-question", "A question of the assessment", "journeys:assessment", "owner"),
    Shot("check-answers", "Check your answers", "journeys:check_answers", "owner", "draft"),
    Shot(
        "authorisation",
        "Authorisation",
        "journeys:authorise",
        "authoriser",
        "awaiting_authorisation",
    ),
    Shot("deliver", "Deliver the resolution", "journeys:deliver", "owner", "authorised"),
    Shot(
        "case-checklist",
        "A case's 1912 checklist, part done",
        "case_detail",
        "owner",
        "authorised",  # the demo's first: authorised, the victim heard, no actions yet
        anchor="the-checklist",
    ),
    Shot("submit-review", "Send for review", "journeys:submit_review", "owner", "completed"),
    Shot("review", "Supervisor review", "journeys:review", "reviewer", "supervisor_review"),
    Shot(
        "returned-case",
        "A case returned by the supervisor, with the reasons",
        "case_detail",
        "owner",
        "supervisor_review",
        returned=True,
    ),
)


def cmd_screenshots(args) -> int:
    if not CHROMIUM.exists():
        sys.stderr.write(
            f"crs: Chromium is not installed at {CHROMIUM}: run `sudo scripts/install-chromium`"
            " (or set CRS_CHROMIUM to another Chromium)\n"
        )
        return 1
    try:
        # Playwright is a development dependency: say so rather than fail to import
        import playwright.sync_api  # noqa: F401 (a development dependency)
    except ImportError:
        sys.stderr.write("crs: screenshots need Playwright: `uv sync` installs it (dev group)\n")
        return 1
    pages = getattr(args, "page", None) or []
    names = [shot.name for shot in SHOTS]
    unknown = [name for name in pages if name not in names]
    if unknown:
        sys.stderr.write(f"crs: --page: no page {unknown[0]!r}; pages: {', '.join(names)}\n")
        return 2
    if not 320 <= args.width <= 3840:
        sys.stderr.write(f"crs: --width: must be 320 to 3840 pixels, got {args.width}\n")
        return 2
    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="crs-screenshots-") as tmp:
        _configure(Path(tmp))
        shots = [shot for shot in SHOTS if not pages or shot.name in pages]
        targets, sessions = _prepare(shots)
        with _serve() as base:
            taken, problems = _take(base, targets, sessions, output, args.width)
    _write_index(output, args.width)
    sys.stdout.write(f"crs: {len(taken)} pages, {2 * len(taken)} screenshots in {output}\n")
    for problem in problems:
        sys.stderr.write(f"crs: {problem}\n")
    return 1 if problems else 0


def _configure(tmp: Path) -> None:
    """Settings for a throwaway demo site; Django must not have been set up before."""
    os.environ["CRS_DATA_DIR"] = str(tmp)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'crs.sqlite3'}"
    os.environ["CRS_DEMO"] = "True"
    os.environ["DEBUG"] = "False"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    os.environ.pop("SECRET_KEY", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "crs.site.settings"
    setup()


def _prepare(shots: list[Shot]) -> tuple[dict, dict]:
    """Migrate, load the demo force, and choose a case (and who signs in) for each page."""
    prepare_site(demo=True, cases=DEMO_CASES)
    # The database is read here, before Playwright starts its event loop on this thread.
    targets = {shot: _target(shot) for shot in shots}
    personas = {t[1] for t in targets.values() if not isinstance(t, str) and t[1]}
    return targets, {persona: _session_cookie(persona) for persona in sorted(personas)}


def _session_cookie(username: str) -> str:
    """A signed-in session for a demo persona, as Django's test client makes one.

    Quicker than the sign-in form (one password hash a persona); the form itself is
    tested by the browser tests.
    """
    # Not at the top: crs's apps load only once _configure has set Django up
    from crs.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _target(shot: Shot) -> tuple[str, str | None] | str:
    """(path, persona) for a shot, or why it is skipped."""
    case = None
    persona = shot.persona
    if shot.state or persona in ("owner", "authoriser", "reviewer"):
        case, persona = _case_for(shot)
        if case is None:
            return f"{shot.name}: no demo case {persona}"
    try:
        path = reverse(shot.url_name, args=[case.pk] if case else [])
    except NoReverseMatch:
        return f"{shot.name}: the site has no page {shot.url_name!r} yet"
    return path, persona


def _case_for(shot: Shot):
    # Not at the top: crs's apps load only once _configure has set Django up
    from crs.accounts.authority import can_satisfy
    from crs.accounts.models import User
    from crs.cases import services
    from crs.cases.demo import AUTHORISERS
    from crs.cases.guards import outstanding_requirements
    from crs.cases.models import Case, Person
    from crs.cases.permissions import can_review
    from crs.cases.workflow import State

    if shot.url_name == "journeys:assessment":
        # A new case with only the offender known, so the first question is asked.
        owner = User.objects.get(username="pc_ali")
        case = services.open_case(owner, crime_reference="SHOT-00001")
        services.add_person(
            case,
            owner,
            role=Person.Role.OFFENDER,
            given_name="Casey",
            family_name="Marlow",
            date_of_birth="2001-05-17",
        )
        return case, owner.username
    state = State(shot.state)
    # The first case in the state; a case to return, the last (the others' stays as it was).
    case = Case.objects.filter(state=state).order_by("-pk" if shot.returned else "pk").first()
    if case is None:
        return None, f"in state {state.label}"
    if shot.returned or shot.persona == "reviewer":
        users = (User.objects.get(username=username) for username in REVIEWERS)
        reviewer = next((user for user in users if can_review(user, case) is None), None)
        if reviewer is None:
            return None, "that a demo reviewer can review"
        if shot.persona == "reviewer":
            return case, reviewer.username
        case = services.return_to_officer(
            case, reviewer, reasons="Record the victim's wishes and what they were told."
        )
    if shot.persona == "authoriser":
        needed = outstanding_requirements(case)
        for username in AUTHORISERS:
            user = User.objects.get(username=username)
            if user != case.owner and any(can_satisfy(user, entry) for entry in needed):
                return case, username
        return None, "that a demo authoriser can authorise"
    return case, case.owner.username


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _serve:
    """The site's WSGI application on a free loopback port, in a thread."""

    def __enter__(self) -> str:
        # crs.site.wsgi sets Django up as it loads: only once _configure has chosen the settings
        from crs.site.wsgi import application

        self.server = make_server(
            "127.0.0.1", 0, application, _ThreadingServer, handler_class=_QuietHandler
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _take(base: str, targets: dict, sessions: dict, output: Path, width: int):
    # Playwright is a development dependency: cmd_screenshots checks for it first
    from playwright.sync_api import sync_playwright

    taken, problems, contexts = [], [], {}

    def context(persona, size):
        if (persona, size) not in contexts:
            w = width if size == "desktop" else PHONE_WIDTH
            contexts[persona, size] = _context(
                browser, base, sessions.get(persona), w, HEIGHTS[size]
            )
        return contexts[persona, size]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for shot, target in targets.items():
            if isinstance(target, str):
                sys.stdout.write(f"skipped {target}\n")
                continue
            path, persona = target
            problem = None
            for size in HEIGHTS:
                png = output / f"{shot.name}-{size}.png"
                problem = problem or _shoot(context(persona, size), shot, path, persona, png)
            if problem:
                problems.append(problem)
                continue
            signed_in = f" as {persona}" if persona else ""
            sys.stdout.write(f"saved {shot.name} ({path}{signed_in})\n")
            taken.append(shot)
        browser.close()
    return taken, problems


def _shoot(context, shot: Shot, path: str, persona: str | None, png: Path) -> str | None:
    """Save one page at the context's size; or say why not."""
    page = context.new_page()
    try:
        response = page.goto(path)
        status = response.status if response else 0
        if status >= 400:
            return f"{shot.name}: GET {path} answered {status}"
        if persona and urlsplit(page.url).path == resolve_url(settings.LOGIN_URL):
            return f"{shot.name}: {persona} was sent to the sign-in page"
        if shot.anchor and not page.locator(f"#{shot.anchor}").count():
            return f"{shot.name}: GET {path} has no #{shot.anchor}"
        _save(page, png, shot.anchor)
        return None
    finally:
        page.close()


def _context(browser, base: str, session: str | None, width: int, height: int):
    context = browser.new_context(
        base_url=base, viewport={"width": width, "height": height}, reduced_motion="reduce"
    )
    if session:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}
        context.add_cookies([cookie])
    return context


def _save(page, path: Path, anchor: str = "") -> None:
    page.wait_for_load_state()
    page.evaluate("document.fonts.ready.then(() => true)")
    full = page.evaluate("document.documentElement.scrollHeight")
    top = 0
    if anchor:
        # A little above the part shown, so its heading is not cut
        top = page.evaluate(
            "id => Math.max(0, document.getElementById(id).getBoundingClientRect().top"
            " + window.scrollY - 20)",
            anchor,
        )
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    clip = {"x": 0, "y": top, "width": width, "height": min(full - top, MAX_SCREENS * height)}
    page.screenshot(path=path, full_page=True, clip=clip, animations="disabled", caret="hide")


def _write_index(output: Path, width: int) -> None:
    """docs/screenshots/README.md: every page whose screenshots are in the folder."""
    lines = [
        "# Screenshots of the main pages",
        "",
        "Written by `crs screenshots` from the demo force (`crs serve --demo`); do not edit.",
        f"Each page at {width} px and at {PHONE_WIDTH} px wide (a phone), "
        "cut at one and a half screens.",
        "",
    ]
    for shot in SHOTS:
        if not (output / f"{shot.name}-desktop.png").exists():
            continue
        lines += [
            f"## {shot.title}",
            "",
            f"![{shot.title}, desktop]({shot.name}-desktop.png)",
            f"![{shot.title}, phone]({shot.name}-phone.png)",
            "",
        ]
    (output / "README.md").write_text("\n".join(lines))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        metavar="DIR",
        default=DEFAULT_OUTPUT,
        help=f"where to write the PNG files (default {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--page",
        action="append",
        choices=[shot.name for shot in SHOTS],
        metavar="NAME",
        help="only this page (repeatable): " + ", ".join(shot.name for shot in SHOTS),
    )
    parser.add_argument(
        "--width",
        type=int,
        default=DEFAULT_WIDTH,
        metavar="N",
        help=f"desktop width in pixels (default {DEFAULT_WIDTH}); phones are {PHONE_WIDTH}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crs.cli.screenshots", description=__doc__)
    add_arguments(parser)
    return cmd_screenshots(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

"""Words for people (issue 13, item 6): no page of the journeys shows the engine's rule codes,
a fact's dotted path, an option's code or a timestamp as the database keeps it.

Every page each person can reach by following links from their home page, over cases in
every state the walk makes (adult and youth, eligible and needing authority), is read as a
person reads it (the text, not the markup), and each internal word found is named with the
page that showed it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from crs.cases.models import Case
from crs.policy.rules import BY_CODE

from ..cases import facts as f
from ..cases import walk

DOTTED_PATH = re.compile(r"\b(?:offence|offender|victim|officer)\.[a-z_]+\b")
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# A ruling is named as people read it, "Ruling R14" (or "Rulings R23, R33"); a bare "R14" is
# the software's shorthand.
NAMED_RULINGS = re.compile(r"\bRulings? R\d+(?:(?:, | and | or )R\d+)*")
BARE_RULING = re.compile(r"\bR\d{1,2}\b")
ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?\b")
NOT_PAGES = ("/static/", "/admin/", "/api/", "/sign-out", "/oidc/", "/media/")
MOST_PAGES = 600


class _Text(HTMLParser):
    """The text a person reads, and the links they can follow."""

    def __init__(self):
        super().__init__()
        self.words, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.words.append(data)


def internal_words(text: str, allowed: set[str]) -> list[str]:
    """The words in `text` that are the software's, not a person's."""
    found = [code for code in BY_CODE if re.search(rf"\b{code}\b", text)]
    found += DOTTED_PATH.findall(text)
    found += [w for w in CODE.findall(text) if w not in allowed]
    found += ISO_MOMENT.findall(text)
    found += BARE_RULING.findall(NAMED_RULINGS.sub("", text))
    return sorted(set(found))


def test_internal_words_are_found_so_the_crawl_can_fail():
    text = "In place of a Sergeant for: victim_does_not_support_cr. offender.consents 2024-03-01"
    assert internal_words(text, set()) == [
        "2024-03-01",
        "offender.consents",
        "victim_does_not_support_cr",
    ]
    assert internal_words("Ruling R4, on “No authority needed”; sgt_brown", {"sgt_brown"}) == []
    assert internal_words("Rulings R23, R33 apply; age (R14)", set()) == ["R14"]


def _page(url: str) -> str:
    """A page: its path (a list's other pages and sort orders say the same words)."""
    return urlsplit(url).path


def crawl(client, start: str = "/") -> dict[str, str]:
    """Each page shape reachable from `start`: its text, by URL."""
    pages, seen, todo = {}, set(), [start]
    while todo and len(pages) < MOST_PAGES:
        url = todo.pop(0)
        if _page(url) in seen:
            continue
        seen.add(_page(url))
        # Followed as a browser would: "the next question" is a redirect to its page.
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        if response.redirect_chain:
            url = response.redirect_chain[-1][0]
            seen.add(_page(url))
        parser = _Text()
        parser.feed(response.content.decode())
        pages[url] = " ".join(" ".join(parser.words).split())
        for href in parser.links:
            page = href.split("#")[0]
            if page.startswith("/") and not page.startswith(NOT_PAGES) and "." not in page:
                todo.append(page)
    return pages


@pytest.fixture
def cases_in_every_state(pc_ali, sgt_brown, insp_carr, imu_fisher, yjt_supervisor):
    walked = [
        lambda: walk.assessed(pc_ali, f.not_eligible()),
        lambda: walk.awaiting(pc_ali, f.needs_inspector()),
        lambda: walk.authorised(pc_ali, sgt_brown),
        lambda: walk.planned(pc_ali),
        lambda: walk.in_progress(pc_ali),
        lambda: walk.non_compliant(pc_ali),
        lambda: walk.in_review(pc_ali),
        lambda: walk.closed(pc_ali, sgt_brown, imu_fisher),
        lambda: walk.awaiting(pc_ali, f.child_needs_yjs_and_inspector()),
    ]
    for n, make in enumerate(walked, start=1):
        case = make()
        # The walk names every case CR/0001/24; the reference is unique.
        Case.objects.filter(pk=case.pk).update(crime_reference=f"WL/{n:04}/24")


@pytest.mark.parametrize("persona", ["pc_ali", "sgt_brown", "insp_carr", "imu_fisher"])
def test_no_page_shows_an_internal_word(client, request, persona, cases_in_every_state):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    pages = crawl(client)
    case_pages = [url for url in pages if re.fullmatch(r"/cases/\d+/", url)]
    assert len(case_pages) >= 5, f"the crawl must reach the case pages: {sorted(pages)}"
    usernames = {"pc_ali", "sgt_brown", "insp_carr", "imu_fisher", "yjt_supervisor"}
    problems = {}
    for url, text in pages.items():
        found = internal_words(text, usernames | {user.username})
        if found:
            problems[url] = found
    assert problems == {}

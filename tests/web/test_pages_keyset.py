"""The case list's pages by key (crs.web.pages.keyset): following the links older then newer
shows every case once, in order, whatever the filters, without a page number."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict

from crs.cases.models import Case
from crs.web.pages import keyset
from tests.cases import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty(pc_ali, outsider):
    """Sixty cases opened in one go (their creation times may be equal: the key is the id),
    every third another team's."""
    for n in range(60):
        walk.opened(outsider if n % 3 == 0 else pc_ali, ref=f"CR/{n:04d}/24")


@pytest.fixture(params=["query", "ids"])
def paged(request):
    """Both ways to a page: by a query per page (a list), or from the ids read once (a
    search's matches). They must give the same pages."""
    if request.param == "query":
        return keyset.page

    def from_ids(cases, params, size):
        ids = list(cases.order_by("-pk").values_list("pk", flat=True))
        return keyset.page_of_ids(cases, ids, params, size)

    return from_ids


def walk_pages(paged, size: int, cases) -> tuple[list[list[int]], list[list[int]]]:
    """The pages met following "older" to the end, then "newer" back to the start."""
    forwards, page = [], paged(cases, QueryDict(""), size)
    forwards.append([c.pk for c in page.object_list])
    while page.older is not None:
        page = paged(cases, QueryDict(f"before={page.older}"), size)
        forwards.append([c.pk for c in page.object_list])
    backwards = [forwards[-1]]
    while page.newer is not None:
        page = paged(cases, QueryDict(f"after={page.newer}"), size)
        backwards.append([c.pk for c in page.object_list])
    return forwards, backwards[::-1]


@pytest.mark.parametrize("size", [1, 7, 20, 60, 61])
def test_older_then_newer_shows_every_case_once_newest_first(sixty, paged, size):
    cases = Case.objects.all()
    everyone = list(cases.order_by("-pk").values_list("pk", flat=True))
    forwards, backwards = walk_pages(paged, size, cases)
    assert [pk for page in forwards for pk in page] == everyone
    assert backwards == forwards  # the same pages, met the other way
    assert all(len(page) == size for page in forwards[:-1])


def test_a_filtered_list_pages_over_its_own_cases_only(sixty, paged, pc_ali):
    mine = Case.objects.filter(owner=pc_ali)
    forwards, backwards = walk_pages(paged, 7, mine)
    expected = list(mine.order_by("-pk").values_list("pk", flat=True))
    assert (
        [pk for page in forwards for pk in page]
        == expected
        == [pk for page in backwards for pk in page]
    )


def test_a_case_leaving_the_list_between_pages_makes_the_next_skip_none(sixty, paged):
    """With a page number (OFFSET) the next page would start one case too late."""
    drafts = Case.objects.filter(state="draft")
    first = paged(drafts, QueryDict(""), 10)
    Case.objects.filter(pk=first.object_list[0].pk).update(state="withdrawn")
    second = paged(drafts, QueryDict(f"before={first.older}"), 10)
    everyone = list(Case.objects.order_by("-pk").values_list("pk", flat=True))
    assert [c.pk for c in second.object_list] == everyone[10:20]


def test_the_newest_page_reached_going_newer_is_the_first_page_full(sixty, paged):
    cases = Case.objects.all()
    newest = max(cases.values_list("pk", flat=True))
    page = paged(cases, QueryDict(f"after={newest - 3}"), 10)
    assert [c.pk for c in page.object_list] == list(range(newest, newest - 10, -1))
    assert page.first and page.older is not None


def test_the_links_work_without_javascript_and_keep_the_filters(client, imu_fisher, sixty):
    client.force_login(imu_fisher)
    html = client.get("/cases/?state=draft").content.decode()
    seen = re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html)
    pages = 1
    while m := re.search(r'href="\?([^"]+)" rel="next"', html):
        assert "state=draft" in m[1]
        html = client.get("/cases/?" + m[1].replace("&amp;", "&")).content.decode()
        seen += re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html)
        pages += 1
    assert pages == 3 and len(seen) == len(set(seen)) == 60
    assert "60 cases" in html


def test_a_search_pages_its_matches_with_the_same_links(client, imu_fisher, sixty):
    client.force_login(imu_fisher)
    html = client.get("/cases/?q=CR%2F00").content.decode()
    seen = re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html)
    assert "60 cases matching" in html
    while m := re.search(r'href="\?([^"]+)" rel="next"', html):
        assert "q=CR%2F00" in m[1]
        html = client.get("/cases/?" + m[1].replace("&amp;", "&")).content.decode()
        seen += re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html)
    assert sorted(seen) == [f"CR/{n:04d}/24" for n in range(60)]


def test_a_search_with_more_matches_than_it_reads_at_once_pages_in_the_database(
    client, imu_fisher, sixty, monkeypatch
):
    monkeypatch.setattr("crs.web.pages.cases.SEARCH_IDS", 10)
    client.force_login(imu_fisher)
    html = client.get("/cases/?q=CR%2F00").content.decode()
    assert "60 cases matching" in html
    assert len(re.findall(r'href="/cases/\d+/"', html)) == 25

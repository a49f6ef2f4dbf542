"""The case list: search by name, date of birth or crime reference; filters; pages; and only
the cases the person may see."""

import re
from datetime import date

import pytest

from tests.cases import facts as f
from tests.cases import walk


def refs(client, user, query: str) -> list[str]:
    client.force_login(user)
    html = client.get(f"/cases/{query}").content.decode()
    return re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html)


def with_offender(owner, ref, given, family, born):
    offender = {"given_name": given, "family_name": family, "date_of_birth": born}
    return walk.opened(owner, ref=ref, offender=offender)


@pytest.fixture
def three(pc_ali):
    with_offender(pc_ali, "CR/0001/24", "Avery", "Ashdown", date(1990, 1, 31))
    with_offender(pc_ali, "CR/0002/24", "Blake", "Brackley", date(1985, 6, 2))
    with_offender(pc_ali, "XY/77/23", "Casey", "Ashdown", date(2001, 12, 9))


def test_the_list_shows_the_offenders_name_and_date_of_birth(client, pc_ali, three):
    client.force_login(pc_ali)
    html = client.get("/cases/").content.decode()
    assert "Avery Ashdown" in html
    assert "Avery Ashdown, born 31 Jan 1990" in html


def test_search_by_family_name_finds_every_offender_of_that_name(client, pc_ali, three):
    assert sorted(refs(client, pc_ali, "?q=ashdown")) == ["CR/0001/24", "XY/77/23"]


def test_search_by_full_name_needs_every_word_to_match(client, pc_ali, three):
    assert refs(client, pc_ali, "?q=Avery+Ashdown") == ["CR/0001/24"]


@pytest.mark.parametrize(
    "typed",
    ["31/01/1990", "31 1 1990", "1990-01-31", "31.1.1990", "31/1/90", "31 January 1990",
     "31st Jan 1990", "31 jan, 1990"],
)  # fmt: skip
def test_search_by_date_of_birth_in_the_ways_officers_type_it(client, pc_ali, three, typed):
    assert refs(client, pc_ali, f"?q={typed}") == ["CR/0001/24"]


def test_search_by_crime_reference(client, pc_ali, three):
    assert refs(client, pc_ali, "?q=xy/77") == ["XY/77/23"]


@pytest.mark.parametrize("typed", ["0002", "/0002/", "77/2", "0002/24"])
def test_search_finds_a_crime_reference_by_any_part_of_it(client, pc_ali, three, typed):
    assert set(refs(client, pc_ali, f"?q={typed}")) == (
        {"XY/77/23"} if "77" in typed else {"CR/0002/24"}
    )


def test_a_date_that_is_not_one_is_searched_as_text_and_finds_nothing(client, pc_ali, three):
    assert refs(client, pc_ali, "?q=31+February+1990") == []


def test_a_search_that_finds_nothing_says_so(client, pc_ali, three):
    client.force_login(pc_ali)
    html = client.get("/cases/?q=Nobody").content.decode()
    assert "0 cases matching" in html
    assert "No cases match" in html


def test_the_state_filter_keeps_only_that_state(client, pc_ali, three):
    walk.assessed(pc_ali, ref="CR/0009/24")
    assert refs(client, pc_ali, "?state=assessed") == ["CR/0009/24"]


def test_an_unknown_state_or_list_filters_nothing(client, pc_ali, three):
    assert len(refs(client, pc_ali, "?state=nonsense&list=nonsense")) == 3


def test_the_work_list_filter_is_the_home_pages_list(client, pc_ali, sgt_brown):
    walk.awaiting(pc_ali)
    walk.opened(pc_ali, ref="CR/0002/24")
    assert refs(client, sgt_brown, "?list=awaiting_me") == ["CR/0001/24"]


def test_search_and_filters_combine(client, pc_ali, three):
    assert refs(client, pc_ali, "?q=ashdown&state=assessed") == []


def test_an_outsider_finds_none_of_another_teams_cases(client, outsider, three):
    assert refs(client, outsider, "?q=ashdown") == []
    assert refs(client, outsider, "") == []


def test_the_youth_justice_supervisor_sees_youth_cases_only(client, pc_ali, yjt_supervisor):
    walk.assessed(pc_ali, f.child(), ref="CR/0001/24")
    walk.assessed(pc_ali, f.eligible(), ref="CR/0002/24")
    assert refs(client, yjt_supervisor, "") == ["CR/0001/24"]


def test_the_imu_sees_every_teams_cases(client, pc_ali, outsider, imu_fisher):
    walk.opened(pc_ali, ref="CR/0001/24")
    walk.opened(outsider, ref="CR/0002/24")
    assert sorted(refs(client, imu_fisher, "")) == ["CR/0001/24", "CR/0002/24"]


def test_thirty_cases_come_in_two_pages_keeping_the_search(client, pc_ali):
    for n in range(30):
        walk.opened(pc_ali, ref=f"CR/{n:04d}/24")
    client.force_login(pc_ali)
    first = client.get("/cases/?q=CR%2F").content.decode()
    assert len(re.findall(r'href="/cases/\d+/"', first)) == 25
    older = re.search(r'href="(\?q=CR%2F&amp;before=\d+)" rel="next"', first)
    assert older, "a plain link to the older cases, keeping the search"
    second = client.get("/cases/" + older[1].replace("&amp;", "&")).content.decode()
    assert len(re.findall(r'href="/cases/\d+/"', second)) == 5
    assert "(older cases)" in second and "30 cases matching" in second
    assert 'rel="next"' not in second and re.search(r'after=\d+" rel="prev"', second)


def test_a_key_past_the_end_shows_no_cases_and_a_way_back(client, pc_ali, three):
    client.force_login(pc_ali)
    html = client.get("/cases/?before=1").content.decode()
    assert "No older cases." in html and "Back to the newest cases" in html


@pytest.mark.parametrize("param", ["before", "after"])
def test_a_key_that_is_not_a_case_number_is_refused_naming_it(client, pc_ali, three, param):
    client.force_login(pc_ali)
    response = client.get(f"/cases/?{param}=abc")
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{param}:")


def test_the_search_text_is_escaped(client, pc_ali, three):
    client.force_login(pc_ali)
    html = client.get("/cases/?q=%3Cscript%3Ealert(1)%3C/script%3E").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize(
    "persona", ["pc_ali", "sgt_brown", "insp_carr", "yjt_supervisor", "rev_evans", "imu_fisher"]
)
def test_every_persona_can_open_the_case_list(client, request, persona, three):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/cases/").status_code == 200


def test_letters_alone_also_match_the_start_of_a_crime_reference(client, pc_ali, three):
    assert refs(client, pc_ali, "?q=xy") == ["XY/77/23"]


def test_the_newest_case_comes_first(client, pc_ali, three):
    assert refs(client, pc_ali, "") == ["XY/77/23", "CR/0002/24", "CR/0001/24"]

"""Records the app accepts never break the dashboard (issue 11, item 6): a draft with no
offence category, or none of its facts, is counted and shown as "Not recorded"."""

from __future__ import annotations

import pytest
from django.test import Client

from crs.accounts.models import Rank, Role, Team, User
from crs.cases import services as s
from crs.dashboard import figures, summary, tables
from crs.dashboard.access import can_see_dashboard
from crs.dashboard.export import table_of
from tests.cases import facts as f
from tests.cases import walk

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def every_role() -> list[User]:
    """One person of every role, and of every rank for officers."""
    team = Team.objects.get_or_create(name="Odd", district="Odd district")[0]
    people = [
        User.objects.create(username=f"role-{role}", role=role, rank=Rank.POLICE_STAFF)
        for role in Role
    ]
    people += [
        User.objects.create(username=f"rank-{rank}", rank=rank, team=team)
        for rank in Rank
        if rank != Rank.POLICE_STAFF
    ]
    return people


def every_dashboard_page() -> list[dict]:
    """The page, unfiltered and filtered by category and by district, and every table's
    CSV (each table is also on the page)."""
    queries = [{}, {"category": "theft"}, {"district": "Testshire North"}]
    keys = [table.key for table in tables.build(figures.filtered(), None)]
    return queries + [{"format": "csv", "table": key} for key in keys]


def open_every_dashboard_page(people) -> dict[str, int]:
    """Each page as each person who may see the dashboard, and the page as each who may
    not: {"who query": status} of those that did not answer 200 (or 403 to the refused)."""
    client = Client(raise_request_exception=False)
    wrong = {}
    for user in people:
        client.force_login(user)
        refused = can_see_dashboard(user)
        for query in [{}] if refused else every_dashboard_page():
            status = client.get(URL, query).status_code
            if status != (403 if refused else 200):
                wrong[f"{user.username} {query}"] = status
    return wrong


def csv_rows(client, table: str) -> list[list[str]]:
    response = client.get(URL, {"format": "csv", "table": table})
    assert response.status_code == 200
    return table_of(response.content.decode())  # the table, after the file's metadata rows


def test_a_draft_with_no_offence_category_does_not_break_any_dashboard_page(pc_ali):
    walk.assessed(pc_ali)  # an ordinary theft
    without = f.facts()
    del without["offence"]["category"]
    walk.opened(pc_ali, without, ref="CR/0002/24")  # abandoned before the category
    summary.refresh(full=True)
    assert open_every_dashboard_page(every_role()) == {}


def test_a_draft_with_no_facts_at_all_does_not_break_any_dashboard_page(pc_ali):
    s.open_case(pc_ali, crime_reference="CR/0003/24", facts={})
    walk.assessed(pc_ali)
    summary.refresh()  # the page refreshes too; both must cope
    assert open_every_dashboard_page(every_role()) == {}


def test_a_missing_category_is_counted_as_not_recorded_after_the_named_ones(client, pc_ali):
    walk.assessed(pc_ali)
    without = f.facts()
    del without["offence"]["category"]
    walk.opened(pc_ali, without, ref="CR/0002/24")
    walk.opened(pc_ali, f.facts(offence={"category": "criminal_damage"}), ref="CR/0003/24")
    summary.refresh(full=True)
    client.force_login(User.objects.create(username="vja", role=Role.VICTIM_JUSTICE_ANALYST))
    assert csv_rows(client, "by-category") == [
        ["Offence category", "Cases"],
        ["criminal damage", "1"],
        ["theft", "1"],
        ["Not recorded", "1"],
    ]


def test_a_team_with_no_district_is_counted_as_not_recorded(client, pc_ali):
    walk.assessed(pc_ali)  # North
    nowhere = Team.objects.create(name="Nowhere", district="")
    constable = User.objects.create(username="pc_nowhere", team=nowhere, rank=Rank.CONSTABLE)
    walk.opened(constable, ref="CR/0002/24")
    summary.refresh(full=True)
    client.force_login(User.objects.create(username="vja", role=Role.VICTIM_JUSTICE_ANALYST))
    assert csv_rows(client, "by-district") == [
        ["District", "Cases"],
        ["Testshire North", "1"],
        ["Not recorded", "1"],
    ]

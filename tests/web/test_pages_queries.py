"""The number of SQL queries a page makes does not grow with the data (issue 4's benchmark).

Each test counts a page's queries on a little data, adds ten times as much, and checks the
page asks no more; the ceiling pins today's count so a new query per row shows up here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crs.cases import services as s
from crs.cases.models import Case
from tests.cases import facts as f

HOME_MAX = 11
LIST_MAX = 7
CASE_MAX = 18  # 17, and the header's count of unread notifications (crs.reminders)


def build(owner, authoriser, start: int, count: int) -> None:
    """Cases in the states the lists count: awaiting authority, actions under way, in review."""
    for n in range(start, start + count):
        ref = f"CR/{n:04d}/24"
        kind = n % 3
        document = f.needs_sergeant() if kind == 0 else f.eligible()
        case = s.open_case(owner, crime_reference=ref, facts=document)
        s.add_person(case, owner, role="offender", given_name="Avery", family_name=f"Ash{n}")
        s.assess(Case.objects.get(pk=case.pk), owner)
        case = Case.objects.get(pk=case.pk)
        if kind == 0:
            s.request_authorisation(case, owner)
            continue
        s.add_action(case, owner, kind="verbal_apology", description="Apologise.")
        case = s.agree(Case.objects.get(pk=case.pk), owner)
        s.log_contact(
            case, owner, party="victim", purpose="after_delivery", method="phone", outcome="spoke"
        )
        if kind == 2:
            case = Case.objects.get(pk=case.pk)
            s.complete_action(case, owner, case.actions.get())
            case = s.complete(Case.objects.get(pk=case.pk), owner)
            s.log_contact(
                case, owner, party="victim", purpose="on_conclusion", method="phone",
                outcome="spoke",
            )  # fmt: skip
            s.submit_for_review(Case.objects.get(pk=case.pk), owner)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["pc_ali", "sgt_brown", "insp_carr"])
def test_the_home_page_asks_as_many_queries_for_30_cases_as_for_3(
    client, request, pc_ali, sgt_brown, persona, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 0, 3)
    client.force_login(request.getfixturevalue(persona))
    small = queries(client, "/")
    build(pc_ali, sgt_brown, 3, 27)
    with django_assert_max_num_queries(min(small, HOME_MAX)):
        client.get("/")


@pytest.mark.parametrize("query", ["", "?q=ash", "?list=awaiting_me", "?q=01/01/1990"])
def test_the_case_list_asks_as_many_queries_for_30_cases_as_for_3(
    client, pc_ali, sgt_brown, query, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 0, 3)
    client.force_login(sgt_brown)
    small = queries(client, f"/cases/{query}")
    build(pc_ali, sgt_brown, 3, 27)
    with django_assert_max_num_queries(min(small, LIST_MAX)):
        client.get(f"/cases/{query}")


def test_the_case_page_asks_as_many_queries_for_30_contacts_as_for_3(
    client, pc_ali, sgt_brown, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 1, 1)  # actions under way
    case = Case.objects.get()

    def contacts(n):
        for _ in range(n):
            s.log_contact(
                Case.objects.get(pk=case.pk), pc_ali, party="witness", purpose="other",
                method="visit", outcome="spoke",
            )  # fmt: skip

    contacts(2)
    client.force_login(sgt_brown)
    small = queries(client, f"/cases/{case.pk}/")
    contacts(27)
    with django_assert_max_num_queries(min(small, CASE_MAX)):
        client.get(f"/cases/{case.pk}/")

"""The number of SQL queries a page makes does not grow with the data (issue 4's benchmark).

Each test counts a page's queries on a little data, adds ten times as much, and checks the
page asks no more; the ceiling pins today's count so a new query per row shows up here.
Every page of the case list (each work list, filter, search, and older or newer page), the case
page in each stage, and the home page of each role are covered.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crs.cases import services as s
from crs.cases.models import Case
from tests.cases import facts as f
from tests.cases import walk

# The access log (crs.audit.access) adds 5 to the case list and the case page: read the
# cases' references, lock the chain's head, append the entries (one insert however many
# cases the page showed), move the head on, in a transaction of its own.
ACCESS_LOG = 5
HOME_MAX = 11
LIST_MAX = 7 + ACCESS_LOG
# The list awaiting one's authority is counted from the kept counts (crs.cases.counts),
# less the cases one's own work bars (R38): reading that work is one query more.
OWN_WORK = 1
# The case page reads once who recorded the facts, to offer authority only to others (R38).
CASE_MAX = 20 + ACCESS_LOG


def build(owner, authoriser, start: int, count: int) -> None:
    """Cases in the states the lists count: awaiting authority, actions under way, in review,
    and an under-18's case delivered with the parent not yet reached."""
    for n in range(start, start + count):
        ref = f"CR/{n:04d}/24"
        kind = n % 4
        document = {0: f.needs_sergeant(), 3: f.child()}.get(kind) or f.eligible()
        facts, born = f.split(document)  # the date of birth is the offender's (0011)
        case = s.open_case(owner, crime_reference=ref, facts=facts)
        s.add_person(
            case, owner, role="offender", given_name="Avery", family_name=f"Ash{n}",
            date_of_birth=born,
        )  # fmt: skip
        s.assess(Case.objects.get(pk=case.pk), owner)
        case = Case.objects.get(pk=case.pk)
        if kind == 0:
            s.request_authorisation(case, owner)
            continue
        s.add_action(case, owner, kind="verbal_apology", description="Apologise.")
        if kind == 3:
            s.log_contact(
                Case.objects.get(pk=case.pk), owner, party="parent_guardian",
                purpose="before_delivery", method="phone", outcome="no_answer",
            )  # fmt: skip
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
            s.submit_for_review(walk.record_in_full(case, owner), owner)


def queries(client, url: str) -> int:
    warm(client, url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def warm(client, url: str) -> None:
    """Ask once before counting: the session's "last seen" is written at most once a
    minute (crs.accounts.sessions), on whichever request comes first after it."""
    client.get(url)


PERSONAS = ["pc_ali", "sgt_brown", "insp_carr", "yjt_supervisor", "imu_fisher", "rev_evans"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_home_page_asks_as_many_queries_for_30_cases_as_for_3(
    client, request, pc_ali, sgt_brown, persona, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 0, 4)
    client.force_login(request.getfixturevalue(persona))
    small = queries(client, "/")
    build(pc_ali, sgt_brown, 4, 28)
    warm(client, "/")
    with django_assert_max_num_queries(min(small, HOME_MAX)):
        client.get("/")


LISTS = [
    "",
    "?before=999999999",
    "?after=1",
    "?state=awaiting_authorisation",
    "?list=mine",
    "?list=awaiting_me",
    "?list=actions_overdue",
    "?list=actions_due",
    "?list=contacts_due",
    "?list=review",
    "?list=review&before=999999999",
    "?q=ash",
    "?q=Avery Ash1",
    "?q=31/01/1990",
    "?q=CR/00",
]


@pytest.mark.parametrize("query", LISTS)
def test_the_case_list_asks_as_many_queries_for_30_cases_as_for_3(
    client, pc_ali, sgt_brown, query, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 0, 4)
    client.force_login(sgt_brown)
    small = queries(client, f"/cases/{query}")
    build(pc_ali, sgt_brown, 4, 28)
    warm(client, f"/cases/{query}")
    ceiling = LIST_MAX + (OWN_WORK if "awaiting_me" in query else 0)
    with django_assert_max_num_queries(min(small, ceiling)):
        client.get(f"/cases/{query}")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("query", ["", "?q=ash", "?before=999999999"])
def test_each_roles_case_list_asks_as_many_queries_for_30_cases_as_for_3(
    client, request, pc_ali, sgt_brown, persona, query, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, 0, 4)
    client.force_login(request.getfixturevalue(persona))
    small = queries(client, f"/cases/{query}")
    build(pc_ali, sgt_brown, 4, 28)
    warm(client, f"/cases/{query}")
    with django_assert_max_num_queries(min(small, LIST_MAX)):
        client.get(f"/cases/{query}")


@pytest.mark.parametrize("kind", [0, 1, 2, 3], ids=["awaiting", "agreed", "review", "child"])
@pytest.mark.parametrize("persona", ["sgt_brown", "imu_fisher"])
def test_the_case_page_asks_as_many_queries_for_30_contacts_as_for_3(
    client, request, pc_ali, sgt_brown, kind, persona, django_assert_max_num_queries
):
    build(pc_ali, sgt_brown, kind, 1)
    case = Case.objects.get()

    def more(n):
        for i in range(n):
            c = Case.objects.get(pk=case.pk)
            s.log_contact(
                c, pc_ali, party="witness", purpose="other", method="visit", outcome="spoke"
            )
            s.add_person(
                Case.objects.get(pk=case.pk), pc_ali, role="victim", given_name="Drew",
                family_name=f"Witness{i}",
            )  # fmt: skip

    more(2)
    client.force_login(request.getfixturevalue(persona))
    small = queries(client, f"/cases/{case.pk}/")
    more(27)
    warm(client, f"/cases/{case.pk}/")
    with django_assert_max_num_queries(min(small, CASE_MAX)):
        client.get(f"/cases/{case.pk}/")

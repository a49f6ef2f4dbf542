"""Data minimisation for Victim Justice analysts (issue 11, item 10).

Their work is monitoring (SOP 8.1): they see every case, pseudonymised: no name, address,
phone, email or date of birth of anyone in a case, an age band instead. Every page, file
and API answer an analyst may open (crs.accounts.matrix) is read here as an analyst and
searched for the child's name and date of birth in every common format. Recording a reason
(crs.cases.identities) opens one case's identities for a few hours and is in the access log.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from crs.accounts.matrix import ROUTES
from crs.accounts.models import Rank, Role
from crs.api.models import SCOPES, ApiToken
from crs.audit.models import AccessEntry
from crs.cases import identities
from crs.cases import services as s
from crs.cases.access_report import accesses
from tests.cases import facts as f
from tests.cases import walk
from tests.cases.personas import person

from .test_access_matrix import routes

BORN = date(2009, 11, 7)  # 14 at the offence (20 February 2024): day and month differ
REFERENCE = "CR/0777/24"
NAMES = ("Jessamy", "Quillfeather", "Ottoline", "Brackenbury", "Fenwick-Oduya")
CONTACT = ("12 Larkspur Row", "07700 900123", "jessamy@example.org")
DOB_FORMATS = (
    "2009-11-07",
    "07/11/2009",
    "7/11/2009",
    "07.11.2009",
    "07-11-2009",
    "7 November 2009",
    "07 November 2009",
    "7 Nov 2009",
    "07 Nov 2009",
    "November 7, 2009",
    "Nov. 7, 2009",
    "20091107",
)
# Routes about one case, and the lists that show many.
LISTS = {
    "case_list",
    "home",
    "reminders:notifications",
    "dashboard:dashboard",
    "api:list_cases",
    "api:authorisations",
    "api:export_records",
}


def leaks(body: str) -> list[str]:
    """The child's identity as it appears in `body` (names and contact details in any case)."""
    lowered = body.lower()
    found = [n for n in NAMES + CONTACT if n.lower() in lowered]
    return found + [d for d in DOB_FORMATS if d.lower() in lowered]


@pytest.fixture
def analyst(db):
    return person("vj_patel", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)


@pytest.fixture
def child_case(pc_ali, sgt_brown):
    document = f.child()
    document["offender"]["date_of_birth"] = BORN.isoformat()
    offender = {
        "given_name": "Jessamy",
        "family_name": "Quillfeather",
        "date_of_birth": BORN,
        "address": "12 Larkspur Row, Testtown",
        "phone": "07700 900123",
        "email": "jessamy@example.org",
    }
    case = walk.assessed(pc_ali, document, ref=REFERENCE, offender=offender)
    parent = s.add_person(
        walk.fresh(case),
        pc_ali,
        role="parent_guardian",
        given_name="Ottoline",
        family_name="Quillfeather",
        relationship="mother",
    )
    s.add_person(
        walk.fresh(case),
        pc_ali,
        role="victim",
        given_name="Brackenbury",
        family_name="Fenwick-Oduya",
    )
    s.log_contact(
        walk.fresh(case),
        pc_ali,
        party="parent_guardian",
        person=parent,
        purpose="before_delivery",
        method="phone",
        outcome="spoke",
    )
    s.sign(walk.fresh(case), pc_ali, party="offender", name="Jessamy Quillfeather")
    return walk.fresh(case)


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def with_token(user) -> Client:
    token = ApiToken.issue(user, name="minimise", scopes=sorted(SCOPES), days=1)[1]
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})


def analyst_urls(case) -> list[str]:
    """Every GET route an analyst may open that shows a case or a list of cases."""
    urls = []
    for name, keys in routes():
        if "analyst" not in ROUTES.get(name, ()) or name.startswith("scrutiny:"):
            continue
        if keys & {"pk", "case_id"} and keys <= {"pk", "case_id"}:
            urls.append(reverse(name, kwargs={k: case.pk for k in keys}))
        elif name in LISTS:
            urls.append(reverse(name))
    return urls


def test_every_page_and_api_answer_an_analyst_opens_names_no_one(analyst, child_case):
    web, api = signed_in(analyst), with_token(analyst)
    urls = analyst_urls(child_case)
    assert len(urls) > 25  # the case's pages, its PDFs, the lists and the API
    seen = []
    for url in urls:
        client = api if url.startswith("/api/") else web
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.get("Content-Type", "").startswith("application/pdf"):
            body = pdf_text(body).encode()
        seen += [f"{url}: {leak}" for leak in leaks(body.decode())]
    assert seen == [], "\n".join(seen)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def case_page(client, case) -> str:
    return client.get(reverse("case_detail", args=[case.pk])).content.decode()


def open_with(client, case, reason: str):
    return client.post(reverse("journeys:identities", args=[case.pk]), {"reason": reason})


def test_an_analyst_sees_the_offenders_age_band_where_the_date_of_birth_was(analyst, child_case):
    client = signed_in(analyst)
    listed = client.get(reverse("case_list")).content.decode()
    assert "Offender 1, aged 10 to 14 at the offence" in listed
    page = case_page(client, child_case)
    assert "Age at the offence" in page and "10 to 14" in page  # where the date of birth was
    assert "Withheld: Offender 1" in page and "Withheld: Parent or guardian 1" in page
    assert leaks(page) == []
    api = with_token(analyst).get(f"/api/v1/cases/{child_case.pk}").json()
    assert "date_of_birth" not in api["facts"]["offender"]  # the offender's, not a fact (0011)
    assert api["assessment"]["facts"]["offender"]["date_of_birth"].startswith("Withheld")


def test_an_analyst_who_records_a_reason_sees_that_case_and_the_reason_is_in_the_access_log(
    analyst, child_case, pc_ali
):
    other = walk.assessed(
        pc_ali,
        f.facts(),
        ref="CR/0778/24",
        offender={"given_name": "Jessamy", "family_name": "Other"},
    )
    client = signed_in(analyst)
    reason = "Complaint from the parent received by Victim Justice, ref VJ-2024-118"
    response = open_with(client, child_case, reason)
    assert response.status_code == 302
    page = case_page(client, child_case)
    assert "Jessamy Quillfeather" in page and "7 November 2009" in page
    assert "12 Larkspur Row" in page
    people = with_token(analyst).get(f"/api/v1/cases/{child_case.pk}/people").json()
    assert people["items"][0]["date_of_birth"] == BORN.isoformat()
    # Only that case: the other one is still pseudonymised, in the list and on its page.
    assert "Other" not in case_page(client, other)
    listed = client.get(reverse("case_list")).content.decode()
    assert "Jessamy Quillfeather" in listed and "Jessamy Other" not in listed
    # The reason is in the access log, and in the access report for the case.
    entry = AccessEntry.objects.get(case=child_case, what__startswith=identities.OPENED)
    assert entry.actor == analyst and reason in entry.why
    assert entry in accesses(case_ref=REFERENCE)


def test_an_opening_ends_after_four_hours(analyst, child_case, monkeypatch):
    client = signed_in(analyst)
    open_with(client, child_case, "Subject access request from the offender's mother")
    assert "Jessamy" in case_page(client, child_case)
    later = timezone.now() + identities.OPEN_FOR + timedelta(minutes=1)
    monkeypatch.setattr(identities, "now", lambda: later)
    assert leaks(case_page(client, child_case)) == []


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("", "Enter why you need to see the names in this case"),
        ("   ", "Enter why you need to see the names in this case"),
        ("curious", "Give the reason in at least 10 characters"),
        ("x" * (identities.REASON_MAX + 1), "The reason must be 500 characters or fewer"),
    ],
)
def test_an_opening_without_a_proper_reason_is_refused_with_a_field_error(
    analyst, child_case, reason, error
):
    client = signed_in(analyst)
    response = open_with(client, child_case, reason)
    assert response.status_code == 200
    body = response.content.decode()
    assert error in body and 'href="#id_reason"' in body  # the error summary links the field
    assert not AccessEntry.objects.filter(what__startswith=identities.OPENED).exists()
    assert leaks(case_page(client, child_case)) == []


def test_an_analyst_finds_cases_by_crime_reference_only(analyst, child_case):
    client = signed_in(analyst)
    api = with_token(analyst)
    for text in ("Quillfeather", "Jessamy Quillfeather", "07/11/2009", "2009-11-07"):
        listed = client.get(reverse("case_list"), {"q": text}).content.decode()
        assert REFERENCE not in listed, text
        assert api.get("/api/v1/cases", {"q": text}).json()["count"] == 0, text
    assert REFERENCE in client.get(reverse("case_list"), {"q": "CR/0777"}).content.decode()
    assert api.get("/api/v1/cases", {"q": "CR/0777"}).json()["count"] == 1


@pytest.mark.parametrize("who", ["pc_ali", "imu_fisher"])
def test_other_roles_see_the_people_as_before(who, child_case, request):
    user = request.getfixturevalue(who)
    client = signed_in(user)
    for url in (
        reverse("case_detail", args=[child_case.pk]),
        reverse("journeys:people", args=[child_case.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Jessamy" in page and "Quillfeather" in page and "7 November 2009" in page
    listed = client.get(reverse("case_list"), {"q": "Quillfeather"}).content.decode()
    assert REFERENCE in listed and "born 7 Nov 2009" in listed
    people = with_token(user).get(f"/api/v1/cases/{child_case.pk}/people").json()["items"]
    assert people[0]["given_name"] == "Jessamy"
    # The reason page is the analysts' alone.
    assert client.get(reverse("journeys:identities", args=[child_case.pk])).status_code == 403

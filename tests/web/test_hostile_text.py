"""Hostile input (issue 6, point 5): markup typed into every free-text field of a case comes
back as text, in every page that shows it and in the printed form, never as markup."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from crs.cases import services as s
from tests.cases import walk

PAYLOAD = '<script>alert("crs")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_case(pc_ali, sgt_brown):
    """A case whose every free-text field a person can type holds the payload."""
    case = walk.awaiting(pc_ali, offender={"given_name": f"Jo{PAYLOAD}", "family_name": "Bloggs"})
    case = s.authorise(case, sgt_brown, rationale=f"Authorised. {PAYLOAD}")
    s.update_person(
        walk.fresh(case),
        pc_ali,
        case.people.get(role="offender"),
        address=PAYLOAD,
        relationship=PAYLOAD,
        capacity_notes=PAYLOAD,
    )
    victim = s.add_person(walk.fresh(case), pc_ali, role="victim", organisation=PAYLOAD)
    s.record_victim_view(
        walk.fresh(case),
        pc_ali,
        victim=victim,
        asked_at=timezone.now(),
        method="phone",
        views=PAYLOAD,
        wishes=PAYLOAD,
        consents=True,
    )
    s.log_contact(
        walk.fresh(case),
        pc_ali,
        party="victim",
        purpose="before_delivery",
        method="phone",
        outcome="spoke",
        notes=PAYLOAD,
    )
    s.add_action(walk.fresh(case), pc_ali, kind="verbal_apology", description=PAYLOAD)
    s.add_statement(walk.fresh(case), pc_ali, kind="rationale", text=PAYLOAD)
    s.sign(walk.fresh(case), pc_ali, party="officer", name=f"PC {PAYLOAD}")
    return walk.fresh(case)


PAGES = [
    "case_detail",
    "journeys:people",
    "journeys:contacts",
    "journeys:victim",
    "journeys:actions",
    "journeys:signatures",
    "journeys:authorise",
]


@pytest.mark.parametrize("name", PAGES)
def test_markup_typed_into_a_case_is_shown_as_text(client, pc_ali, hostile_case, name):
    client.force_login(pc_ali)
    page = client.get(reverse(name, args=[hostile_case.pk]))
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text


def test_the_case_page_shows_the_payload_escaped_so_it_was_really_rendered(
    client, pc_ali, hostile_case
):
    client.force_login(pc_ali)
    page = client.get(reverse("case_detail", args=[hostile_case.pk]))
    assert escape(PAYLOAD) in page.text


def test_a_search_for_markup_is_shown_as_text(client, pc_ali, hostile_case):
    client.force_login(pc_ali)
    page = client.get(reverse("case_list"), {"q": PAYLOAD})
    assert page.status_code == 200
    assert "<script>alert" not in page.text


def test_the_printed_form_1912_holds_the_markup_as_plain_words(client, pc_ali, hostile_case):
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:form_1912", args=[hostile_case.pk]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(
        " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages).split()
    )
    assert '<script>alert("crs")</script>' in text.replace("\n", "")

"""Segregation of duties on the pages (4.2.3, Ruling R38): nobody who did the case's own
work (its officer, its assessor, whoever recorded or changed its facts) is offered the
authorisation, and a post from them is refused saying why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crs.cases.models import Case
from crs.web.pages import worklists

from ..cases import walk
from ..cases.own_work import WAYS, build, changed_by


@pytest.mark.parametrize(("way", "who", "why"), WAYS)
def test_the_case_page_does_not_offer_authority_to_who_did_its_work(
    client, request, pc_ali, way, who, why
):
    other = request.getfixturevalue(who)
    case = build(way, pc_ali, other)
    client.force_login(other)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Give or refuse authority" not in page
    assert case not in worklists.awaiting_my_authorisation(other, Case.objects.all())


@pytest.mark.parametrize(("way", "who", "why"), WAYS)
def test_the_authorise_page_says_why_and_offers_no_form(client, request, pc_ali, way, who, why):
    other = request.getfixturevalue(who)
    case = build(way, pc_ali, other)
    client.force_login(other)
    page = client.get(reverse("journeys:authorise", args=[case.pk])).content.decode()
    assert why in page
    assert 'name="rationale"' not in page


@pytest.mark.parametrize(("way", "who", "why"), WAYS)
def test_a_post_to_authorise_is_refused_saying_why(client, request, pc_ali, way, who, why):
    other = request.getfixturevalue(who)
    case = build(way, pc_ali, other)
    client.force_login(other)
    response = client.post(
        reverse("journeys:authorise", args=[case.pk]),
        {"decision": "authorise", "rationale": "Low value.", "version": case.version},
    )
    assert response.status_code == 403
    assert why in response.content.decode()
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_someone_else_is_still_offered_the_authority(client, pc_ali, sgt_brown, insp_carr):
    case = changed_by(pc_ali, sgt_brown)
    client.force_login(insp_carr)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "Give or refuse authority" in page
    assert case in worklists.awaiting_my_authorisation(insp_carr, Case.objects.all())

"""Authorising or refusing in the browser (4.2.2, 4.2.3; Rulings R1-R3): the right rank or
role, never one's own case, always with a rationale; refusals shown as GOV.UK errors."""

from __future__ import annotations

from django.urls import reverse

from crs.cases.models import Authorisation

from ..cases import facts as f
from ..cases import walk


def authorise_url(case):
    return reverse("journeys:authorise", args=[case.pk])


def post(client, case, decision="authorise", rationale="First offence of its kind in two years."):
    return client.post(
        authorise_url(case),
        {"decision": decision, "rationale": rationale, "version": case.version},
    )


def test_a_sergeant_authorises_a_case_that_needs_a_sergeant(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    response = post(client, case)
    assert response.status_code == 302
    case = walk.fresh(case)
    given = case.authorisations.get()
    assert (case.state, given.given_by, given.decision, given.rationale) == (
        "authorised",
        sgt_brown,
        Authorisation.Decision.GIVEN,
        "First offence of its kind in two years.",
    )


def test_the_page_lists_the_authority_still_needed(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    page = client.get(authorise_url(case)).content.decode()
    assert "Sergeant (or above)" in page
    assert "SOP 3.5.2" in page
    assert 'name="rationale"' in page


def test_a_sergeant_gives_their_part_and_the_inspectors_is_still_needed(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali, f.needs_inspector())
    client.force_login(sgt_brown)
    response = client.post(
        authorise_url(case),
        {"decision": "authorise", "rationale": "Low value.", "version": case.version},
        follow=True,
    )
    assert "You gave your authority. Another authority is still needed." in (
        response.content.decode()
    )
    case = walk.fresh(case)
    assert case.state == "awaiting_authorisation"
    assert list(case.authorisations.values_list("authority", flat=True)) == ["sergeant"]


def test_a_sergeant_cannot_give_a_superintendents_authority(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali, f.needs_superintendent())
    client.force_login(sgt_brown)
    response = post(client, case)
    page = response.content.decode()
    assert response.status_code == 403
    assert "<title>Error: " in page
    assert "Your rank or role cannot give the authority this case needs (superintendent)." in page
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_the_page_says_at_once_when_the_rank_is_wrong(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali, f.needs_superintendent())
    client.force_login(sgt_brown)
    page = client.get(authorise_url(case)).content.decode()
    assert "Your rank or role cannot give the authority this case needs (superintendent)." in page
    assert 'name="rationale"' not in page


def test_a_sergeant_cannot_authorise_their_own_case(client, sgt_brown):
    case = walk.awaiting(sgt_brown)
    client.force_login(sgt_brown)
    response = post(client, case)
    assert response.status_code == 403
    assert "You cannot authorise your own case (4.2.3)." in response.content.decode()
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_an_authorisation_without_a_rationale_is_refused(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    response = post(client, case, rationale="  ")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_rationale">Enter the rationale for the authorisation (4.2.3).</a>' in page
    assert not walk.fresh(case).authorisations.exists()


def test_choosing_neither_authorise_nor_refuse_is_refused(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    page = client.post(authorise_url(case), {"rationale": "x"}).content.decode()
    assert '<a href="#id_decision">Select whether you authorise or refuse</a>' in page


def test_a_refusal_with_its_rationale_closes_the_case_as_refused(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    post(client, case, decision="refuse", rationale="Third theft this year: charge instead.")
    case = walk.fresh(case)
    assert (case.state, case.outcome_reason) == (
        "refused",
        "Third theft this year: charge instead.",
    )


def test_the_youth_justice_supervisor_and_an_inspector_each_give_their_part(
    client, pc_ali, yjt_supervisor, insp_carr
):
    case = walk.awaiting(pc_ali, f.child_needs_yjs_and_inspector())
    client.force_login(yjt_supervisor)
    post(client, case, rationale="Engaging with the Youth Justice Team.")
    case = walk.fresh(case)
    assert case.state == "awaiting_authorisation"
    client.force_login(insp_carr)
    post(client, case, rationale="The victim's refusal is outweighed by the offender's age.")
    assert walk.fresh(case).state == "authorised"


def test_a_stale_page_is_refused_as_a_conflict(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    response = client.post(
        authorise_url(case),
        {"decision": "authorise", "rationale": "Fine.", "version": case.version - 1},
    )
    assert response.status_code == 409
    assert "was changed by someone else since you opened it" in response.content.decode()


def test_a_rationale_with_markup_is_shown_escaped(client, pc_ali, yjt_supervisor, insp_carr):
    case = walk.awaiting(pc_ali, f.child_needs_yjs_and_inspector())
    client.force_login(yjt_supervisor)
    post(client, case, rationale="<script>alert('x')</script>")
    client.force_login(insp_carr)
    page = client.get(authorise_url(case)).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert(" not in page


def test_asking_for_authorisation_moves_the_case_on(client, pc_ali):
    case = walk.assessed(pc_ali, f.needs_sergeant())
    client.force_login(pc_ali)
    response = client.post(
        reverse("journeys:request_authorisation", args=[case.pk]), {"version": case.version}
    )
    assert response.status_code == 302
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_asking_for_authorisation_an_eligible_case_does_not_need_is_refused(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    response = client.post(
        reverse("journeys:request_authorisation", args=[case.pk]), {"version": case.version}
    )
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "This case does not need authorisation: its assessment does not ask for any." in page


def test_the_assessment_page_offers_to_ask_for_authorisation(client, pc_ali):
    case = walk.assessed(pc_ali, f.needs_sergeant())
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:request_authorisation", args=[case.pk]))
    assert response["Location"] == reverse("journeys:assessment_result", args=[case.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Ask for authorisation" in page
    assert "Sergeant (or above)" in page

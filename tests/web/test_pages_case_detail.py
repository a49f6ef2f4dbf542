"""The case page: the 1912 record, the stored assessment's decision with the SOP's own words,
authorities, actions, contacts, duties and history; and only for those who may see it."""

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.urls import include, path, reverse
from django.utils.html import escape

from crs.cases import services as s
from crs.cases.models import Case
from crs.policy import pack_for
from crs.web.pages import urls as pages_urls
from crs.web.pages import worklists
from crs.web.pages.record import describe
from tests.cases import facts as f
from tests.cases import walk


def _journey(request, pk):
    return HttpResponse("a journey")


# A site whose journeys offer only two pages: links to the others must not show.
JOURNEYS = [
    path("cases/<int:pk>/authorise/", _journey, name="authorise"),
    path("cases/<int:pk>/agree/", _journey, name="agree"),
]
urlpatterns = [
    path("", include(pages_urls)),
    path("", include((JOURNEYS, "journeys"))),
]


def page(client, user, case) -> str:
    client.force_login(user)
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["pc_ali", "sgt_brown", "insp_carr", "rev_evans", "imu_fisher"])
def test_the_officer_their_team_and_the_force_wide_roles_see_the_case(
    client, request, pc_ali, persona
):
    case = walk.assessed(pc_ali)
    page(client, request.getfixturevalue(persona), case)


def test_an_outsider_is_refused_another_teams_case(client, pc_ali, outsider):
    case = walk.assessed(pc_ali)
    client.force_login(outsider)
    assert client.get(f"/cases/{case.pk}/").status_code == 404


def test_the_youth_justice_supervisor_sees_a_youth_case(client, pc_ali, yjt_supervisor):
    case = walk.assessed(pc_ali, f.child())
    page(client, yjt_supervisor, case)


def test_the_youth_justice_supervisor_is_refused_an_adult_case(client, pc_ali, yjt_supervisor):
    case = walk.assessed(pc_ali)
    client.force_login(yjt_supervisor)
    assert client.get(f"/cases/{case.pk}/").status_code == 404


def test_an_authoriser_of_another_team_sees_a_case_awaiting_authority(
    client, pc_ali, acting_insp_carr, south
):
    acting_insp_carr.team = south
    acting_insp_carr.save()
    case = walk.awaiting(pc_ali)
    page(client, acting_insp_carr, case)


def test_a_case_that_does_not_exist_is_not_found(client, pc_ali):
    client.force_login(pc_ali)
    assert client.get("/cases/999999/").status_code == 404


def test_every_reason_shows_its_paragraph_and_the_sops_own_words(client, pc_ali):
    case = walk.assessed(pc_ali, f.needs_inspector())
    html = page(client, pc_ali, case)
    reasons = case.current_assessment.result["reasons"]
    assert reasons
    for reason in reasons:
        assert f"Paragraph {reason['paragraph']}:" in html
        assert f"&ldquo;{escape(reason['sop'])}&rdquo;" in html


def test_the_victims_consent_reason_quotes_paragraph_4_3_2(client, pc_ali):
    html = page(client, pc_ali, walk.assessed(pc_ali, f.needs_inspector()))
    assert "Paragraph 4.3.2: Needs authority" in html
    assert "the officer must seek agreement from an Inspector" in html


def test_rulings_applied_are_named_with_their_titles_from_the_pack(client, pc_ali):
    case = walk.assessed(pc_ali, f.child_needs_yjs_and_inspector())
    html = page(client, pc_ali, case)
    assessment = case.current_assessment
    rulings = pack_for(assessment.assessed_on).rulings
    for rid in assessment.result["interpretations"]:
        # By number and what it is about: a title alone can read as a verdict on the case.
        assert escape(f"Ruling {rid}, on “{rulings[rid].title}”") in html


def test_each_authority_needed_shows_whether_it_was_given(
    client, pc_ali, insp_carr, yjt_supervisor
):
    case = walk.assessed(pc_ali, f.child_needs_yjs_and_inspector())
    case = s.request_authorisation(case, pc_ali)
    s.authorise(case, yjt_supervisor, rationale="A first youth caution, long ago.")
    html = page(client, pc_ali, case)
    panel = html[
        html.index('id="authorities-needed"') : html.index(
            "</dl>", html.index('id="authorities-needed"')
        )
    ]
    assert panel.count("Not yet given") == 1
    assert panel.count(">Given<") == 2


def test_missing_facts_are_named_with_their_path(client, pc_ali):
    facts = f.facts()
    del facts["offender"]["consents"]
    case = walk.assessed(pc_ali, facts)
    assert case.current_assessment.decision == "incomplete"
    html = page(client, pc_ali, case)
    assert "Consents to the community resolution" in html
    assert "(offender.consents)" in html


def test_the_deadlines_show_the_16_week_limit(client, pc_ali):
    html = page(client, pc_ali, walk.assessed(pc_ali))
    assert "11 June 2024" in html


def test_the_record_shows_the_facts_with_their_descriptions(client, pc_ali):
    html = page(client, pc_ali, walk.assessed(pc_ali))
    assert "The offender&#x27;s date of birth" in html
    assert "31 January 1990" in html
    assert "Theft of a phone charger worth 9 pounds" in html


def test_authorisations_show_who_when_and_the_rationale(client, pc_ali, sgt_brown):
    case = walk.authorised(pc_ali, sgt_brown)
    html = page(client, pc_ali, case)
    assert "First offence of its kind in two years." in html
    assert "sgt_brown, Sergeant" in html


def test_actions_show_their_due_dates(client, pc_ali):
    html = page(client, pc_ali, walk.planned(pc_ali))
    assert "1 May 2024" in html
    assert "Pay 9 pounds." in html


def test_contacts_are_listed(client, pc_ali):
    html = page(client, pc_ali, walk.agreed(pc_ali))
    assert "Victim: Immediately after delivery (4.3.5)" in html


def test_an_overdue_duty_is_shown(client, monkeypatch, pc_ali):
    monkeypatch.setattr(worklists, "now", lambda: datetime(2024, 5, 20, tzinfo=UTC))
    html = page(client, pc_ali, walk.in_progress(pc_ali))
    assert "Overdue" in html
    assert "Check the action is done: Pay 9 pounds." in html


def test_the_history_says_who_did_what_when_and_why(client, pc_ali, sgt_brown):
    case = walk.authorised(pc_ali, sgt_brown)
    html = page(client, pc_ali, case)
    history = html[html.index('id="history"') :]
    assert "Authority given" in history
    assert "sgt_brown (Sergeant)" in history
    assert "Why: First offence of its kind in two years." in history
    assert "Awaiting authorisation → Authorised" in history
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', history)


def test_the_history_names_the_facts_that_changed(client, pc_ali):
    case = walk.assessed(pc_ali)
    document = f.case_facts(f.needs_inspector())
    s.update_facts(case, pc_ali, document, reason="The victim changed their mind.")
    history = page(client, pc_ali, case).split('id="history"')[1]
    assert "Changed: Victim consents" in history
    assert "victim.consents" not in history
    assert "Why: The victim changed their mind." in history


def test_the_history_writes_recorded_dates_and_times_as_people_read_them():
    entry = SimpleNamespace(
        before={},
        after={"contact": {"method": "phone", "at": "2026-07-01T19:22:00+00:00",
                           "on": "2026-07-02"}},
    )  # fmt: skip
    (line,) = describe(entry)
    assert "1 July 2026, 20:22" in line  # British Summer Time, the site's zone
    assert "2 July 2026" in line
    assert "2026-07-0" not in line


def test_free_text_is_escaped(client, pc_ali):
    case = walk.opened(pc_ali, f.facts(offence={"description": "<script>alert(1)</script>"}))
    s.update_person(case, pc_ali, case.people.get(role="offender"), given_name="<script>x</script>")
    html = page(client, pc_ali, Case.objects.get(pk=case.pk))
    assert "<script>alert(1)</script>" not in html
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.urls(__name__)
def test_a_journey_link_shows_when_its_page_exists_and_the_person_may_use_it(
    client, pc_ali, sgt_brown
):
    case = walk.awaiting(pc_ali)
    assert f'href="/cases/{case.pk}/authorise/">Give or refuse authority' in page(
        client, sgt_brown, case
    )


@pytest.mark.urls(__name__)
def test_no_journey_link_for_ones_own_case_authority(client, pc_ali):
    case = walk.awaiting(pc_ali)
    assert "Give or refuse authority" not in page(client, pc_ali, case)


@pytest.mark.urls(__name__)
def test_no_link_to_a_journey_page_that_does_not_exist(client, pc_ali):
    html = page(client, pc_ali, walk.assessed(pc_ali))
    assert "Answer the assessment questions" not in html


@pytest.mark.urls(__name__)
def test_agreement_is_offered_on_an_eligible_assessment(client, pc_ali):
    case = walk.assessed(pc_ali)
    assert f'href="/cases/{case.pk}/agree/">Agree with the offender' in page(client, pc_ali, case)


@pytest.mark.urls(__name__)
def test_agreement_is_not_offered_before_the_authority_it_needs(client, pc_ali):
    case = walk.assessed(pc_ali, f.needs_sergeant())
    assert "Agree with the offender" not in page(client, pc_ali, case)


def test_a_not_eligible_case_shows_no_authority_as_a_way_to_proceed(client, pc_ali):
    # Ruling R37: the stored JSON keeps the Sergeant of 4.2.1; the page does not offer it.
    pc_ali.rj_level1_trained = False  # from the officer's record (Ruling R39)
    pc_ali.save(update_fields=["rj_level1_trained"])
    case = walk.assessed(pc_ali, f.facts(offender={"court_order": True}))
    assert case.current_assessment.decision == "not_eligible"
    assert case.current_assessment.result["authorisations"]
    html = page(client, pc_ali, case)
    assert 'id="authorities-needed"' not in html
    assert "may authorise" not in html


def test_a_knife_offence_shows_the_exceptional_circumstances_route(client, pc_ali):
    case = walk.assessed(pc_ali, f.facts(offence={"category": "weapon_possession"}))
    assert case.current_assessment.decision == "not_eligible"
    html = page(client, pc_ali, case)
    assert "with exceptional circumstances recorded, an Inspector may authorise it (2.3.2)" in html


def test_how_the_victims_views_were_taken_is_said_in_words(client, pc_ali):
    case = walk.assessed(pc_ali)
    s.record_victim_view(
        case,
        pc_ali,
        asked_at=datetime(2024, 3, 1, 10, tzinfo=UTC),
        method="in_person",
        views="Wants an apology.",
        consents=True,
    )
    html = page(client, pc_ali, Case.objects.get(pk=case.pk))
    assert "In person" in html
    assert "in_person" not in html


def test_a_long_description_is_cut_short_in_the_journeys_caption(client, pc_ali):
    case = walk.opened(pc_ali, f.facts(offence={"description": "x" * 10_000}))
    client.force_login(pc_ali)
    html = client.get(reverse("journeys:actions", args=[case.pk])).content.decode()
    caption = html.split('class="govuk-caption-l crs-wrap">')[1].split("</span>")[0]
    assert len(caption) < 200

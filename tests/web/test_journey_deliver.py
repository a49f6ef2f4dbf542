"""Deliver the resolution: the actions, the victim, the agreement, the records and the
signatures on one page, saved together or not at all (crs.web.journeys.deliver).

The offence was on 20 February 2024, so deferred actions are due by 11 June 2024.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from crs.accounts.models import Rank, Role
from crs.audit.models import AuditEntry
from crs.cases import checklist, services
from crs.cases.models import Contact, RemedyAction, Signature
from crs.cases.workflow import State
from crs.web.journeys.deliver import gravity_rationale

from ..cases import facts as f
from ..cases import walk
from ..cases.personas import person


def url(case):
    return reverse("journeys:deliver", args=[case.pk])


def delivery(case, **changes) -> dict:
    """What an officer enters for a shop theft: an apology now and compensation later."""
    data = {
        "version": case.version,
        "action1_kind": "verbal_apology",
        "action1_description": "Apologise to the shop manager.",
        "action2_kind": "financial_compensation",
        "action2_description": "Pay the shop 25 pounds.",
        "action2_due_date-day": "1",
        "action2_due_date-month": "5",
        "action2_due_date-year": "2024",
        "victim_method": "in_person",
        "victim_views": "Wants an apology and the money back.",
        "victim_consents": "yes",
        "victim_told": ["told_what_was_agreed", "told_voluntary", "questions_answered"],
        "acceptance": "Said: I took it and I'm sorry.",
        "consent": "Agreed to apologise and pay.",
        "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        "gravity_rationale": "Adult matrix, score 1, no factors.",
        "offender_signature": "Avery Ashdown",
        "victim_signature": "Morgan Lee",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# The compensation of `delivery` left out: its row blank.
NO_SECOND_ACTION = {
    "action2_kind": "",
    "action2_description": "",
    **{f"action2_due_date-{part}": "" for part in ("day", "month", "year")},
}


@pytest.fixture
def case(pc_ali):
    return walk.assessed(pc_ali)


def test_the_page_prefills_the_consent_the_offenders_name_and_the_gravity_rationale(
    client, pc_ali, case
):
    client.force_login(pc_ali)
    page = client.get(url(case)).content.decode()
    assert "Deliver the resolution" in page
    assert 'value="Avery Ashdown"' in page
    assert "The offender consented to this community resolution" in page
    assert case.current_assessment.result["records_required"]
    assert "matrix: a score of" in page


def test_gravity_rationale_says_the_matrix_the_score_and_whether_a_factor_changed_it():
    facts = {
        "offence": {
            "category": "theft",
            "gravity": {"matrix": "adult", "base_score": 2, "final_score": 2},
        }
    }
    said = gravity_rationale(facts)
    assert said.startswith("Adult matrix: a score of 2 for theft,")
    assert "no aggravating or mitigating factor" in said
    facts["offence"]["gravity"]["final_score"] = 3
    assert "changed to 3 by" in gravity_rationale(facts)
    assert gravity_rationale({"offence": {}}) == ""


def test_delivering_records_every_part_of_the_1912_in_one_post(client, pc_ali, case):
    client.force_login(pc_ali)
    response = client.post(url(case), delivery(case))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = walk.fresh(case)
    assert case.state in (State.AGREED, State.ACTIONS_IN_PROGRESS)
    actions = {a.kind: a for a in case.actions.all()}
    assert actions["verbal_apology"].status == RemedyAction.Status.COMPLETED
    assert actions["financial_compensation"].status == RemedyAction.Status.PENDING
    assert str(actions["financial_compensation"].due_date) == "2024-05-01"
    view = case.victim_views.get()
    assert (view.method, view.consents, view.told_voluntary) == ("in_person", True, True)
    assert set(case.signatures.values_list("party", "name")) == {
        (Signature.Party.OFFENDER, "Avery Ashdown"),
        (Signature.Party.VICTIM, "Morgan Lee"),
    }
    assert case.contacts.get().purpose == Contact.Purpose.AFTER_DELIVERY
    assert case.gravity_rationale == "Adult matrix, score 1, no factors."
    kinds = set(case.statements.values_list("kind", flat=True))
    assert {"acceptance_of_responsibility", "offender_consent", "dbs_disclosure_explained"} <= kinds
    # What is left for the record is the officer's signature and the end of the actions.
    left = {line.key for line in checklist.lines(case) if line.status == checklist.NOT_DONE}
    assert "signature_officer" in left
    assert "victim_views" not in left and "signature_victim" not in left


def test_each_part_is_its_own_entry_in_the_audit_trail(client, pc_ali, case):
    client.force_login(pc_ali)
    client.post(url(case), delivery(case))
    actions = list(AuditEntry.objects.filter(case=case).values_list("action", flat=True))
    for done in ("add_action", "record_victim_view", "agree", "add_statement", "sign"):
        assert done in actions


def test_an_action_due_after_the_16_weeks_refuses_everything_and_keeps_every_answer(
    client, pc_ali, case
):
    client.force_login(pc_ali)
    version = case.version
    response = client.post(url(case), delivery(case, **{"action2_due_date-month": "7"}))
    page = response.content.decode()
    assert '<a href="#id_action2_due_date-day">' in page
    assert "11 June 2024" in page
    case = walk.fresh(case)
    assert (case.state, case.version) == (State.ASSESSED, version)
    assert not case.actions.exists() and not case.signatures.exists()
    assert not case.victim_views.exists()
    assert "Wants an apology and the money back." in page
    assert "Morgan Lee" in page


def test_a_row_with_words_but_no_action_chosen_is_refused_against_its_choice(client, pc_ali, case):
    client.force_login(pc_ali)
    page = client.post(url(case), delivery(case, action1_kind="")).content.decode()
    assert '<a href="#id_action1_kind">Select the action</a>' in page
    assert not walk.fresh(case).actions.exists()


def test_no_action_at_all_is_refused(client, pc_ali, case):
    client.force_login(pc_ali)
    data = delivery(case, action1_kind="", action1_description="", **NO_SECOND_ACTION)
    page = client.post(url(case), data).content.decode()
    assert "Select at least one action the offender will do" in page
    assert walk.fresh(case).state == State.ASSESSED


def test_a_bad_date_names_the_action_it_belongs_to(client, pc_ali, case):
    client.force_login(pc_ali)
    page = client.post(
        url(case), delivery(case, **{"action2_due_date-day": "31", "action2_due_date-month": "2"})
    ).content.decode()
    assert "The due date of action 2 must be a real date" in page
    assert not walk.fresh(case).actions.exists()


def test_a_child_needs_a_parent_or_guardian_told_before_the_delivery(client, pc_ali):
    case = walk.assessed(pc_ali, f.child())
    client.force_login(pc_ali)
    page = client.get(url(case)).content.decode()
    assert "How was a parent or guardian told before the delivery?" in page
    refused = client.post(url(case), delivery(case)).content.decode()
    assert "Select how a parent or guardian was told" in refused
    ok = client.post(
        url(case), delivery(case, parent_method="phone", parent_signature="Jo Ashdown")
    )
    assert ok.status_code == 302
    case = walk.fresh(case)
    contact = case.contacts.get(party=Contact.Party.PARENT_GUARDIAN)
    assert (contact.purpose, contact.method) == (Contact.Purpose.BEFORE_DELIVERY, "phone")
    assert case.signatures.filter(party=Signature.Party.PARENT_GUARDIAN).exists()


def test_a_case_awaiting_authority_cannot_be_delivered(client, pc_ali):
    case = walk.awaiting(pc_ali)
    client.force_login(pc_ali)
    page = client.get(url(case)).content.decode()
    assert "Authority is still needed" in page
    assert 'name="acceptance"' not in page
    client.post(url(case), delivery(case))
    assert walk.fresh(case).state == State.AWAITING_AUTHORISATION


def test_an_agreed_case_goes_to_its_case_page(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    assert client.get(url(case)).status_code == 302


def test_the_result_of_an_eligible_assessment_leads_to_the_delivery(client, pc_ali, case):
    client.force_login(pc_ali)
    page = client.get(reverse("journeys:assessment_result", args=[case.pk])).content.decode()
    assert url(case) in page


def test_the_case_page_puts_the_delivery_first_before_agreement(client, pc_ali, case):
    client.force_login(pc_ali)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert url(case) in page


def test_an_action_done_at_once_needs_no_words_but_a_later_one_does(client, pc_ali, case):
    client.force_login(pc_ali)
    page = client.post(
        url(case), delivery(case, action1_description="", action2_description="")
    ).content.decode()
    assert '<a href="#id_action2_description">' in page
    assert not walk.fresh(case).actions.exists()
    client.post(url(case), delivery(case, action1_description=""))
    apology = walk.fresh(case).actions.get(kind="verbal_apology")
    assert apology.description == "Verbal apology to the victim"


def test_with_the_victims_views_already_recorded_only_telling_them_what_was_agreed_is_asked(
    client, pc_ali, case
):
    services.record_victim_view(
        case,
        pc_ali,
        asked_at=timezone.now(),
        method="phone",
        views="Wants it sorted.",
        consents=True,
    )
    case = walk.fresh(case)
    client.force_login(pc_ali)
    page = client.get(url(case)).content.decode()
    assert "The victim's views are recorded" in page
    assert 'name="victim_views"' not in page
    assert "How was the victim told what was agreed?" in page
    data = delivery(
        case, victim_method=None, victim_views=None, victim_told=["told_what_was_agreed"]
    )
    refused = client.post(url(case), data).content.decode()
    assert '<a href="#id_victim_method">Select how the victim was told</a>' in refused
    assert walk.fresh(case).state == State.ASSESSED
    client.post(url(case), {**data, "victim_method": "email"})
    contact = walk.fresh(case).contacts.get()
    assert (contact.purpose, contact.method) == (Contact.Purpose.AFTER_DELIVERY, "email")
    assert walk.fresh(case).victim_views.count() == 1


def test_an_apology_alone_completes_the_case_and_goes_to_send_for_review(client, pc_ali, case):
    client.force_login(pc_ali)
    data = delivery(case, **NO_SECOND_ACTION)
    response = client.post(url(case), data)
    assert response.url == reverse("journeys:submit_review", args=[case.pk])
    assert walk.fresh(case).state == State.COMPLETED


def test_an_apology_now_and_money_later_leaves_the_money_monitored(client, pc_ali, case):
    client.force_login(pc_ali)
    client.post(url(case), delivery(case))
    case = walk.fresh(case)
    assert case.state == State.ACTIONS_IN_PROGRESS
    assert case.actions.get(kind="financial_compensation").status == RemedyAction.Status.PENDING


def test_someone_who_may_not_work_on_the_case_is_told_so_and_shown_no_names(
    client, pc_ali, sgt_brown, case
):
    analyst = person("vj_patel", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)
    client.force_login(analyst)
    page = client.get(url(case)).content.decode()
    assert "Avery" not in page and 'name="acceptance"' not in page
    assert client.post(url(case), delivery(case)).status_code == 403
    assert walk.fresh(case).state == State.ASSESSED


def test_a_change_made_meanwhile_is_said_of_the_page_and_writes_nothing(client, pc_ali, case):
    client.force_login(pc_ali)
    read = delivery(case)
    services.add_person(walk.fresh(case), pc_ali, role="victim", given_name="Morgan")
    response = client.post(url(case), read)
    page = response.content.decode()
    assert response.status_code == 409
    assert "You changed case CR/0001/24 in another tab or window" in page
    assert page.count("in another tab or window") == 1  # in the summary, not on an input
    assert not walk.fresh(case).actions.exists()
    assert "Wants an apology and the money back." in page


def test_without_a_victim_to_ask_the_page_asks_nothing_of_one(client, pc_ali, sgt_brown):
    document = f.facts()
    document["victim"] = {"kind": "state"}
    case = walk.authorised(pc_ali, sgt_brown, document)
    client.force_login(pc_ali)
    page = client.get(url(case)).content.decode()
    assert "The victim" not in page and 'name="victim_signature"' not in page
    data = {
        k: v
        for k, v in delivery(case).items()
        if not k.startswith("victim") and k != "gravity_rationale"
    }
    response = client.post(url(case), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = walk.fresh(case)
    assert not case.victim_views.exists() and not case.contacts.exists()
    assert case.state == State.ACTIONS_IN_PROGRESS

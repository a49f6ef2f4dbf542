"""The rest of the 1912: victim views, contacts, restorative justice, signatures, statements."""

from datetime import UTC, datetime

import pytest

from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted
from crs.cases.models import Contact, VictimView, WrittenOnce

from . import facts as f
from .walk import assessed, fresh, opened

ASKED = datetime(2024, 2, 22, 10, 30, tzinfo=UTC)


def test_the_victims_views_record_who_asked_when_how_and_what_they_said(pc_ali):
    case = opened(pc_ali)
    victim = s.add_person(case, pc_ali, role="victim", given_name="Reese", family_name="Marlow")
    view = s.record_victim_view(
        fresh(case),
        pc_ali,
        victim=victim,
        asked_at=ASKED,
        method="in person",
        views="Wants an apology and the charger paid for.",
        wishes="verbal_apology, financial_compensation",
        consents=True,
    )
    assert (view.asked_by, view.asked_at, view.method, view.consents) == (
        pc_ali,
        ASKED,
        "in person",
        True,
    )


def test_victim_views_are_kept_as_written(pc_ali):
    view = s.record_victim_view(
        opened(pc_ali), pc_ali, asked_at=ASKED, method="phone", views="Content.", consents=True
    )
    with pytest.raises(WrittenOnce):
        VictimView.objects.filter(pk=view.pk).update(consents=False)


def test_victim_views_without_what_was_said_are_refused(pc_ali):
    with pytest.raises(Invalid, match="what the victim said"):
        s.record_victim_view(
            opened(pc_ali), pc_ali, asked_at=ASKED, method="phone", views="", consents=None
        )


def test_recording_victim_views_is_audited_with_what_they_said(pc_ali):
    case = opened(pc_ali)
    s.record_victim_view(case, pc_ali, asked_at=ASKED, method="phone", views="Fine.", consents=True)
    entry = case.audit_entries.get(action="record_victim_view")
    assert (entry.after["victim_view"]["views"], entry.after["victim_view"]["consents"]) == (
        "Fine.",
        True,
    )


def test_a_contact_records_who_when_how_and_the_outcome(pc_ali):
    contact = s.log_contact(
        opened(pc_ali, f.child()),
        pc_ali,
        party="parent_guardian",
        purpose="before_delivery",
        method="phone",
        outcome="message_left",
        at=ASKED,
    )
    assert (contact.made_by, contact.at, contact.method, contact.outcome) == (
        pc_ali,
        ASKED,
        "phone",
        "message_left",
    )


def test_a_contact_of_an_unknown_purpose_is_refused(pc_ali):
    with pytest.raises(Invalid, match="'chat' is not a contact purpose"):
        s.log_contact(
            opened(pc_ali), pc_ali, party="victim", purpose="chat", method="phone", outcome="spoke"
        )


def test_contacts_are_kept_as_written(pc_ali):
    s.log_contact(
        opened(pc_ali), pc_ali, party="victim", purpose="other", method="phone", outcome="spoke"
    )
    with pytest.raises(WrittenOnce):
        Contact.objects.all().delete()


def test_the_restorative_process_counts_only_when_all_four_checks_are_met(pc_ali):
    rj = s.record_restorative(
        opened(pc_ali),
        pc_ali,
        delivery="level1",
        offender_accepted_responsibility=True,
        offender_understood_effect=True,
        victim_shared_views=True,
        victim_questions_answered=False,
    )
    assert rj.restorative_process_used is False


def test_the_restorative_process_counts_when_the_checklist_is_complete(pc_ali):
    rj = s.record_restorative(
        opened(pc_ali),
        pc_ali,
        delivery="level1",
        offender_accepted_responsibility=True,
        offender_understood_effect=True,
        victim_shared_views=True,
        victim_questions_answered=True,
    )
    assert rj.restorative_process_used is True


def test_an_officer_not_trained_to_level_1_cannot_record_delivering_it(sgt_brown, north):
    from .personas import person

    untrained = person("pc_new", team=north)
    with pytest.raises(NotPermitted, match="trained to Restorative Justice level 1"):
        s.record_restorative(opened(untrained), untrained, delivery="level1")


def test_a_referral_to_the_rj_officer_needs_its_reason(pc_ali):
    with pytest.raises(Invalid, match="referred to the RJ officer"):
        s.record_restorative(opened(pc_ali), pc_ali, delivery="referred")


def test_a_signature_records_the_name_and_the_time(pc_ali):
    signature = s.sign(
        opened(pc_ali), pc_ali, party="offender", name="Quinn Redbrook", signed_at=ASKED
    )
    assert (signature.party, signature.name, signature.signed_at) == (
        "offender",
        "Quinn Redbrook",
        ASKED,
    )


def test_a_statement_must_be_a_record_the_1912_asks_for(pc_ali):
    with pytest.raises(Invalid, match="not a record the 1912 asks for"):
        s.add_statement(opened(pc_ali), pc_ali, kind="horoscope", text="Mercury retrograde.")


def test_a_statement_records_the_officers_words(pc_ali):
    statement = s.add_statement(
        opened(pc_ali), pc_ali, kind="dbs_disclosure_explained", text="Told at 10:40."
    )
    assert (statement.kind, statement.recorded_by) == ("dbs_disclosure_explained", pc_ali)


def test_an_officer_of_another_team_cannot_add_to_the_record(pc_ali, outsider):
    with pytest.raises(NotPermitted):
        s.sign(opened(pc_ali), outsider, party="officer", name="Someone")


def test_a_closed_record_cannot_be_added_to(pc_ali):
    case = s.withdraw(assessed(pc_ali), pc_ali, reason="Charged instead.")
    with pytest.raises(NotAllowed, match="closed"):
        s.sign(case, pc_ali, party="officer", name="Amir Ali")


def test_previous_outcomes_go_into_the_facts(pc_ali):
    case = s.set_previous_outcomes(
        opened(pc_ali),
        pc_ali,
        [{"outcome": "penalty_notice", "date": datetime(2022, 5, 1).date()}],
    )
    assert case.facts["offender"]["previous_outcomes"] == [
        {"outcome": "penalty_notice", "date": "2022-05-01"}
    ]
    assert case.previous_outcomes.get().outcome == "penalty_notice"


def test_an_earlier_resolution_of_the_same_person_is_found(pc_ali):
    from .walk import completed

    completed(pc_ali)  # the walk's offender, Avery Ashdown born 31 January 1990
    case = opened(
        pc_ali, ref="CR/0002/24", offender={"given_name": "avery", "family_name": "ASHDOWN"}
    )
    found = s.find_previous_outcomes(case)
    assert [(o["outcome"], o["source"]) for o in found] == [
        ("community_resolution", "case CR/0001/24")
    ]


def test_victim_satisfaction_is_recorded_when_asked(pc_ali):
    from django.utils import timezone

    case = assessed(pc_ali)
    view = s.record_victim_view(
        case,
        pc_ali,
        asked_at=timezone.now(),
        method="phone",
        views="Happy with the apology.",
        consents=True,
        satisfaction="satisfied",
    )
    assert view.satisfaction == "satisfied"
    entry = case.audit_entries.get(action="record_victim_view")
    assert entry.after["victim_view"]["satisfaction"] == "satisfied"


def test_a_satisfaction_the_record_cannot_hold_is_refused(pc_ali):
    from django.utils import timezone

    case = assessed(pc_ali)
    with pytest.raises(Invalid, match="level of satisfaction"):
        s.record_victim_view(
            case,
            pc_ali,
            asked_at=timezone.now(),
            method="phone",
            views="x",
            consents=True,
            satisfaction="ecstatic",
        )
    assert not case.victim_views.exists()

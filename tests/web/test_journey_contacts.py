"""The contact log in the browser: who, when, how, what happened (3.4.2, 3.4.3, 4.3.5)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crs.cases import services as s

from ..cases import facts as f
from ..cases import walk


def contacts_url(case):
    return reverse("journeys:contacts", args=[case.pk])


def log(client, case, **extra):
    data = {
        "party": "victim",
        "purpose": "after_delivery",
        "method": "phone",
        "outcome": "spoke",
        "version": case.version,
        **extra,
    }
    return client.post(contacts_url(case), data)


def test_a_victim_contact_is_logged_with_who_when_how_and_what_happened(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    response = log(
        client,
        case,
        **{"on-day": "2", "on-month": "3", "on-year": "2024", "at": "14:30", "notes": "Happy."},
    )
    assert response.status_code == 302
    contact = case.contacts.get()
    local = timezone.localtime(contact.at)
    assert (contact.party, contact.method, contact.outcome, contact.made_by) == (
        "victim",
        "phone",
        "spoke",
        pc_ali,
    )
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2024, 3, 2, 14, 30)
    page = client.get(contacts_url(case)).content.decode()
    assert "2 Mar 2024, 14:30" in page
    assert "Phone: Spoke to them" in page


def test_a_contact_without_a_date_is_logged_now(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    before = timezone.now()
    log(client, case)
    assert case.contacts.get().at >= before


def test_a_time_without_a_date_is_refused(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = log(client, case, at="14:30").content.decode()
    assert '<a href="#id_on-day">Enter the date of the contact</a>' in page


def test_a_contact_in_the_future_is_refused(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    later = timezone.localtime() + timedelta(days=2)
    page = log(
        client,
        case,
        **{"on-day": later.day, "on-month": later.month, "on-year": later.year, "at": "10:00"},
    ).content.decode()
    assert "The date and time of the contact must be in the past" in page


def test_who_was_contacted_must_be_chosen(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = log(client, case, party="").content.decode()
    assert '<a href="#id_party">Select who was contacted</a>' in page


def test_a_child_s_case_shows_the_parent_or_guardian_duty_before_delivery(client, pc_ali):
    case = walk.assessed(pc_ali, f.child())
    client.force_login(pc_ali)
    page = client.get(contacts_url(case)).content.decode()
    assert "Parent or guardian (the offender is under 18)." in page
    assert "inform them within 24 hours of delivery (SOP 3.4.3)" in page
    assert "No parent or guardian contact is logged yet." in page


def test_after_delivery_the_24_hour_deadline_is_shown_with_its_time(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    case = s.log_contact(
        case,
        pc_ali,
        party="parent_guardian",
        purpose="before_delivery",
        method="phone",
        outcome="no_answer",
    ).case
    case = s.agree(case, pc_ali)
    client.force_login(pc_ali)
    page = client.get(contacts_url(case)).content.decode()
    due = timezone.localtime(case.agreed_at + timedelta(hours=24))
    assert f"by <strong>{due.day} {due:%B %Y} at {due:%H:%M}</strong> (SOP 3.4.3)" in page
    assert "Inform a parent or guardian of the resolution within 24 hours." in page


def test_a_note_with_markup_is_shown_escaped(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    log(client, case, notes="<img src=x onerror=alert(1)>")
    page = client.get(contacts_url(case)).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page

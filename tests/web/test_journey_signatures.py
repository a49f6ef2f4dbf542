"""Signatures on the 1912 in the browser (4.5.1): who signed, their name, when; audited."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from crs.audit.models import AuditEntry
from crs.cases import services as s

from ..cases import facts as f
from ..cases import walk


def sign_url(case):
    return reverse("journeys:signatures", args=[case.pk])


def sign(client, case, **data):
    return client.post(sign_url(case), {"version": case.version, **data})


def test_the_victims_signature_is_recorded_with_name_and_time_and_audited(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    response = sign(
        client,
        case,
        party="victim",
        name="Reese Marlow",
        **{"on-day": "2", "on-month": "3", "on-year": "2024", "at": "09:15"},
    )
    assert response.status_code == 302
    signature = case.signatures.get(party="victim")
    local = timezone.localtime(signature.signed_at)
    assert (signature.name, signature.recorded_by) == ("Reese Marlow", pc_ali)
    assert (local.day, local.month, local.year, local.hour, local.minute) == (2, 3, 2024, 9, 15)
    entry = AuditEntry.objects.filter(case_id=case.pk).latest("seq")
    assert (entry.action, entry.after["signature"]["name"]) == ("sign", "Reese Marlow")
    page = client.get(sign_url(case)).content.decode()
    assert "Reese Marlow, 2 March 2024, 09:15" in page


def test_a_signature_without_a_name_is_refused_naming_the_field(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    page = sign(client, case, party="officer").content.decode()
    assert '<a href="#id_name">Enter the name of the person signing</a>' in page
    assert not case.signatures.filter(party="officer").exists()


def test_a_signature_without_a_party_is_refused(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    page = sign(client, case, name="A Person").content.decode()
    assert '<a href="#id_party">Select who signed</a>' in page


def test_a_signature_in_the_future_is_refused(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    later = timezone.localtime() + timedelta(days=2)
    page = sign(
        client,
        case,
        party="officer",
        name="PC Ali",
        **{"on-day": later.day, "on-month": later.month, "on-year": later.year, "at": "10:00"},
    ).content.decode()
    assert "The date and time of the signature must be in the past" in page


def test_the_supervisor_cannot_be_signed_for_here(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    page = sign(client, case, party="supervisor", name="Sgt Brown").content.decode()
    assert "Select a valid choice" in page
    assert not case.signatures.filter(party="supervisor").exists()


def test_the_page_lists_who_has_not_signed_yet(client, pc_ali):
    case = walk.planned(pc_ali, f.child())
    case = s.log_contact(
        case, pc_ali, party="parent_guardian", purpose="before_delivery", method="phone",
        outcome="spoke",
    ).case  # fmt: skip
    case = s.agree(case, pc_ali)
    client.force_login(pc_ali)
    page = client.get(sign_url(case)).content.decode()
    unsigned = page.split('id="unsigned"')[1].split("</div>")[0]
    assert "Parent or guardian" in unsigned
    assert "Officer in the case" in unsigned
    s.sign(walk.fresh(case), pc_ali, party="officer", name="PC Ali")
    page = client.get(sign_url(case)).content.decode()
    assert "Officer in the case" not in page.split('id="unsigned"')[1].split("</div>")[0]


def test_the_case_page_does_not_offer_signatures_before_agreement(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    assert sign_url(case) not in client.get(reverse("case_detail", args=[case.pk])).text


def test_the_case_page_offers_signatures_once_agreed(client, pc_ali):
    case = walk.agreed(pc_ali)
    client.force_login(pc_ali)
    assert sign_url(case) in client.get(reverse("case_detail", args=[case.pk])).text


def test_someone_who_cannot_see_the_case_gets_not_found(client, pc_ali, outsider):
    case = walk.agreed(pc_ali)
    client.force_login(outsider)
    assert client.get(sign_url(case)).status_code == 404
    assert sign(client, case, party="victim", name="Mallory").status_code == 404
    assert not case.signatures.filter(party="victim").exists()


def test_someone_who_sees_but_does_not_work_the_case_cannot_sign_for_it(client, pc_ali, imu_fisher):
    case = walk.agreed(pc_ali)
    client.force_login(imu_fisher)
    response = sign(client, case, party="victim", name="Mallory")
    assert response.status_code == 403
    assert not case.signatures.filter(party="victim").exists()

"""The people of a case in the browser: add and change the offender, a parent or guardian,
an appropriate adult and victims (docs/record.md, People), each change audited."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.cases.models import Person

from ..cases import walk


def people_url(case):
    return reverse("journeys:people", args=[case.pk])


def add_url(case, role):
    return reverse("journeys:add_person", args=[case.pk, role])


def change_url(case, person):
    return reverse("journeys:change_person", args=[case.pk, person.pk])


def add(client, case, role, **data):
    return client.post(add_url(case, role), {"version": case.version, **data})


def test_a_parent_or_guardian_is_added_with_contact_details_and_audited(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    response = add(
        client,
        case,
        "parent-or-guardian",
        given_name="Robin",
        family_name="Hale",
        relationship="Mother",
        phone="01632 960 001",
        email="robin@example.com",
    )
    assert response.status_code == 302
    parent = case.people.get(role=Person.Role.PARENT_GUARDIAN)
    assert (parent.given_name, parent.relationship, parent.email) == (
        "Robin",
        "Mother",
        "robin@example.com",
    )
    entry = AuditEntry.objects.filter(case_id=case.pk).latest("seq")
    assert (entry.action, entry.actor, entry.after["person"]["role"]) == (
        "add_person",
        pc_ali,
        "parent_guardian",
    )


def test_a_victim_may_be_an_organisation(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    add(client, case, "victim", organisation="Marlow Stores", sex="", ethnicity="")
    assert case.people.get(role="victim").organisation == "Marlow Stores"


def test_a_person_without_a_name_is_refused_naming_the_field(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    response = add(client, case, "appropriate-adult", phone="01632 960 002")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_given_name">Enter the name of the appropriate adult</a>' in page
    assert "<title>Error: " in page
    assert not case.people.filter(role="appropriate_adult").exists()


def test_an_email_address_that_is_not_one_is_refused(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    page = add(client, case, "victim", given_name="Reese", email="reese at home").content.decode()
    assert '<a href="#id_email">Enter an email address in the correct format' in page


def test_a_date_of_birth_in_the_future_is_refused(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    later = date.today().year + 1
    page = add(
        client,
        case,
        "victim",
        given_name="Reese",
        **{"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": later},
    ).content.decode()
    assert '<a href="#id_date_of_birth-day">The date of birth must be in the past</a>' in page


def test_an_unknown_role_is_not_found(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    assert client.get(add_url(case, "witness")).status_code == 404


def test_a_second_offender_cannot_be_offered(client, pc_ali):
    case = walk.opened(pc_ali)  # with its offender
    client.force_login(pc_ali)
    page = client.get(people_url(case)).content.decode()
    assert "Add the offender" not in page
    assert "Add a victim" in page


def test_the_offenders_details_are_changed_and_the_audit_keeps_what_they_were(client, pc_ali):
    case = walk.opened(pc_ali, offender={"given_name": "Quinn", "family_name": "Redbrook"})
    offender = case.people.get(role="offender")
    client.force_login(pc_ali)
    response = client.post(
        change_url(case, offender),
        {
            "version": case.version,
            "given_name": "Quinn",
            "family_name": "Redbrook-Hale",
            "vulnerable": "true",
            "capacity_notes": "Spoke with the custody nurse; understood each step.",
            "sex": "not_stated",
            "ethnicity": "W2",
        },
    )
    assert response.status_code == 302
    offender.refresh_from_db()
    assert (offender.family_name, offender.vulnerable, offender.sex, offender.ethnicity) == (
        "Redbrook-Hale",
        True,
        "not_stated",
        "W2",
    )
    entry = AuditEntry.objects.filter(case_id=case.pk).latest("seq")
    assert entry.action == "update_person"
    assert entry.before["person"]["family_name"] == "Redbrook"
    assert entry.after["person"]["family_name"] == "Redbrook-Hale"
    assert "given_name" not in entry.after["person"]  # only what changed


def test_the_change_page_shows_the_current_details(client, pc_ali):
    case = walk.opened(pc_ali)
    victim = s.add_person(case, pc_ali, role="victim", given_name="Reese", phone="01632 960 003")
    client.force_login(pc_ali)
    page = client.get(change_url(case, victim)).content.decode()
    assert 'value="01632 960 003"' in page
    assert 'name="relationship"' not in page  # a victim is not asked the relationship


def test_a_change_made_by_someone_else_meanwhile_is_refused_as_a_conflict(client, pc_ali):
    case = walk.opened(pc_ali)
    victim = s.add_person(case, pc_ali, role="victim", given_name="Reese")
    client.force_login(pc_ali)
    stale = case.version  # read before the person was added
    response = client.post(change_url(case, victim), {"version": stale, "given_name": "Rees"})
    assert response.status_code == 409
    victim.refresh_from_db()
    assert victim.given_name == "Reese"


def test_a_person_of_another_case_is_not_found(client, pc_ali):
    case = walk.opened(pc_ali)
    other = walk.opened(pc_ali, ref="CR/0002/24")
    victim = s.add_person(other, pc_ali, role="victim", given_name="Reese")
    client.force_login(pc_ali)
    assert client.get(change_url(case, victim)).status_code == 404


def test_someone_who_cannot_see_the_case_gets_not_found(client, pc_ali, outsider):
    case = walk.opened(pc_ali)
    victim = s.add_person(case, pc_ali, role="victim", given_name="Reese")
    client.force_login(outsider)
    assert client.get(people_url(case)).status_code == 404
    assert add(client, case, "victim", given_name="Mallory").status_code == 404
    assert client.get(change_url(case, victim)).status_code == 404
    assert case.people.count() == 2  # the offender and the victim


def test_someone_who_sees_but_does_not_work_the_case_is_refused(client, pc_ali, imu_fisher):
    case = walk.opened(pc_ali)
    client.force_login(imu_fisher)
    assert client.get(people_url(case)).status_code == 200  # may read who is in it
    response = add(client, case, "victim", given_name="Mallory")
    assert response.status_code == 403
    assert "Only the officer in the case" in response.content.decode()
    assert not case.people.filter(role="victim").exists()


def test_the_case_page_links_to_the_people_pages(client, pc_ali):
    case = walk.opened(pc_ali)
    client.force_login(pc_ali)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert people_url(case) in page


def test_the_person_pages_show_free_text_as_text(client, pc_ali):
    case = walk.opened(pc_ali)
    s.add_person(case, pc_ali, role="victim", given_name="<script>alert(1)</script>")
    client.force_login(pc_ali)
    page = client.get(people_url(case)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

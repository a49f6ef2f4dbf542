"""Who has looked at a case or a person, on a page (issue 15, item 5): for the IMU and
administrators, the same reading of the access log as `crs audit access`."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from crs.audit.access import record_access
from crs.audit.models import AccessEntry

from ..cases import walk


@pytest.fixture
def looked_at(pc_ali, sgt_brown):
    offender = {"given_name": "Jo", "family_name": "Bloggs", "date_of_birth": date(1990, 2, 3)}
    case = walk.assessed(pc_ali, offender=offender)
    record_access(actor=sgt_brown, case=case, action="view", what=f"/cases/{case.pk}/")
    return case


def report(client, **query):
    return client.get(reverse("access_report"), query)


def test_the_imu_sees_who_viewed_a_case_by_its_crime_reference(client, imu_fisher, looked_at):
    client.force_login(imu_fisher)
    page = report(client, case=looked_at.crime_reference).text
    assert ("Viewed" in page and "sgt_brown" in page) or "Brown" in page
    assert f"/cases/{looked_at.pk}/" in page


def test_the_report_names_the_pages_in_words_not_their_internal_names(
    client, imu_fisher, sgt_brown, looked_at
):
    client.force_login(sgt_brown)
    client.get(f"/cases/{looked_at.pk}/")  # logged as "Sergeant: case_detail"
    client.force_login(imu_fisher)
    page = report(client, case=looked_at.crime_reference).text
    assert "the case page" in page
    assert "case_detail" not in page


def test_a_person_is_found_by_name_and_date_of_birth(client, imu_fisher, looked_at):
    client.force_login(imu_fisher)
    page = report(
        client, family_name="bloggs", **{"dob-day": "3", "dob-month": "2", "dob-year": "1990"}
    ).text
    assert looked_at.crime_reference in page
    assert "0 entries" not in page


def test_reading_the_report_is_itself_recorded(client, imu_fisher, looked_at):
    client.force_login(imu_fisher)
    before = AccessEntry.objects.count()
    report(client, case=looked_at.crime_reference)
    entry = AccessEntry.objects.latest("seq")
    assert AccessEntry.objects.count() == before + 1
    assert (entry.actor, entry.action, entry.case_id) == (imu_fisher, "search", looked_at.pk)


def test_a_search_naming_nothing_is_refused_naming_the_field(client, imu_fisher, db):
    client.force_login(imu_fisher)
    page = report(client, given_name="Jo").text
    assert '<a href="#id_case">Enter a crime reference, or the person&#x27;s last name</a>' in page


def test_a_bad_date_of_birth_is_refused_naming_it(client, imu_fisher, db):
    client.force_login(imu_fisher)
    page = report(
        client, family_name="Bloggs", **{"dob-day": "31", "dob-month": "2", "dob-year": "1990"}
    ).text
    assert "The date of birth must be a real date" in page


@pytest.mark.parametrize("who", ["pc_ali", "sgt_brown", "insp_carr"])
def test_officers_may_not_read_the_access_log(client, who, request, db):
    client.force_login(request.getfixturevalue(who))
    assert report(client, case="CR/0001/24").status_code == 403


def test_the_case_page_links_to_who_has_looked_at_it_for_the_imu_only(
    client, imu_fisher, pc_ali, looked_at
):
    link = f"{reverse('access_report')}?case={looked_at.crime_reference.replace('/', '%2F')}"
    client.force_login(imu_fisher)
    assert link in client.get(reverse("case_detail", args=[looked_at.pk])).text
    client.force_login(pc_ali)
    assert (
        "Who has looked at this case"
        not in client.get(reverse("case_detail", args=[looked_at.pk])).text
    )

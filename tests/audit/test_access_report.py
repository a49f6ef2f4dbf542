"""A person's access report shows the searches that found them or named them (issue 11,
item 5): before, it held only entries about their cases, and a search left none per case."""

from datetime import date

import pytest
from django.urls import reverse

from crs.cases.access_report import accesses
from crs.cli import main
from tests.cases import facts as f
from tests.cases.walk import assessed, fresh

BORN = date(2008, 2, 3)


@pytest.fixture
def bloggs(pc_ali):
    offender = {"given_name": "Jo", "family_name": "Bloggs", "date_of_birth": BORN}
    case = assessed(pc_ali, f.child(), offender=offender)  # a child: the child matrix (R29)
    return fresh(case)


def search(client, user, text):
    client.force_login(user)
    assert client.get(reverse("case_list"), {"q": text}).status_code == 200


def test_a_search_that_showed_their_case_is_in_a_persons_report(client, bloggs, sgt_brown):
    search(client, sgt_brown, "jo bloggs")
    (entry,) = accesses(family_name="Bloggs")
    assert (entry.actor_name, entry.action, entry.case_id) == ("sgt_brown", "search", bloggs.pk)


def test_a_search_that_named_them_but_could_not_show_their_case_is_in_their_report(
    client, bloggs, outsider
):
    search(client, outsider, "Bloggs")  # another team's case: not shown, but they were named
    (entry,) = accesses(family_name="bloggs")
    assert (entry.actor_name, entry.case_id) == ("outsider", None)


def test_a_search_by_their_date_of_birth_names_them_when_the_report_gives_it(
    client, bloggs, outsider
):
    search(client, outsider, "3/2/2008")
    assert [e.actor_name for e in accesses(family_name="Bloggs", dob=BORN)] == ["outsider"]


def test_searches_for_someone_else_are_not_in_a_persons_report(client, bloggs, outsider):
    search(client, outsider, "Bloggsworth")  # a longer name: not theirs
    search(client, outsider, "4/2/2008")  # another date of birth
    search(client, outsider, "CR/0001")  # their case's reference: found nothing for outsider
    assert list(accesses(family_name="Bloggs", dob=BORN)) == []


def test_crs_audit_access_for_a_person_prints_the_searches_as_typed(
    client, bloggs, sgt_brown, capsys
):
    search(client, sgt_brown, "Jo Bloggs")
    assert main(["audit", "access", "--family-name", "Bloggs"]) == 0
    out = capsys.readouterr().out
    assert "sgt_brown" in out and "search" in out and "/cases/?q=Jo Bloggs" in out
    assert bloggs.crime_reference in out and out.endswith("1 access\n")

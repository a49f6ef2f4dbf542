"""The offender's date of birth on the web (decision 0011): asked and changed on the
offender's page, never as a fact; once assessed, a change needs a reason and reopens."""

from __future__ import annotations

from django.urls import reverse

from crs.cases import services as s
from crs.cases.models import Case

from ..cases import facts as f
from ..cases import walk

DOB = "offender.date_of_birth"
# The offender's page, posted: the walk's offender, born 5 May 2009.
BORN_2009 = {
    "given_name": "Avery",
    "family_name": "Ashdown",
    "date_of_birth-day": "5",
    "date_of_birth-month": "5",
    "date_of_birth-year": "2009",
}


def test_the_assessment_asks_the_date_of_birth_on_the_offenders_page(client, pc_ali):
    case = walk.opened(pc_ali, f.child())  # scored on the child matrix: born 2009 (R29)
    offender = case.people.get(role="offender")
    s.update_person(case, pc_ali, offender, date_of_birth=None)
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:question", args=[case.pk, DOB]))
    change = reverse("journeys:change_person", args=[case.pk, offender.pk])
    assert response["Location"] == f"{change}?from=assessment"
    case = walk.fresh(case)
    saved = client.post(response["Location"], {"version": case.version, **BORN_2009})
    assert saved["Location"] == reverse("journeys:assessment", args=[case.pk])
    assert "date_of_birth" not in walk.fresh(case).facts["offender"]
    assert s.assess(walk.fresh(case), pc_ali).facts["offender"]["date_of_birth"] == "2009-05-05"


def test_with_no_offender_the_question_adds_one(client, pc_ali):
    case = s.open_case(pc_ali, crime_reference="CR/9/24", facts=f.case_facts(f.eligible()))
    client.force_login(pc_ali)
    response = client.get(reverse("journeys:question", args=[case.pk, DOB]))
    add = reverse("journeys:add_person", args=[case.pk, "offender"])
    assert response["Location"] == f"{add}?from=assessment"


def test_changing_the_date_of_birth_of_an_assessed_case_needs_a_reason(client, pc_ali):
    case = walk.assessed(pc_ali)
    offender = case.people.get(role="offender")
    client.force_login(pc_ali)
    url = reverse("journeys:change_person", args=[case.pk, offender.pk])
    data = {"version": case.version, **BORN_2009}
    page = client.post(url, data).content.decode()
    assert "Enter why the offender&#x27;s details changed." in page
    assert Case.objects.get(pk=case.pk).state == "assessed"
    response = client.post(url, {**data, "reason": "The PNC gives 2009."})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "draft"

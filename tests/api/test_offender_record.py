"""The API takes the offender's date of birth in one place, the offender (decision 0011)."""

from crs.audit.models import AuditEntry
from crs.cases.models import Person
from tests.cases import facts as f
from tests.cases import walk


def test_facts_that_bring_the_offenders_date_of_birth_are_refused_naming_the_field(pc_ali, as_user):
    api = as_user(pc_ali)
    response = api.post("/cases", {"crime_reference": "CR/0042/24", "facts": f.eligible()})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "facts.offender.date_of_birth"
    assert "/people" in error["message"]
    case = walk.opened(pc_ali)
    response = api.put(f"/cases/{case.pk}/facts", {"version": case.version, "facts": f.eligible()})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "facts.offender.date_of_birth"
    assert walk.fresh(case).version == case.version  # nothing kept


def test_the_date_of_birth_given_on_the_offender_is_the_one_assessed(pc_ali, as_user):
    api = as_user(pc_ali)
    facts = f.case_facts(f.eligible())
    case = api.post("/cases", {"crime_reference": "CR/0042/24", "facts": facts}).json()
    person = {"version": case["version"], "role": "offender", "given_name": "Sam"}
    response = api.post(f"/cases/{case['id']}/people", {**person, "date_of_birth": "1991-05-05"})
    assert response.status_code == 201
    case = api.post(f"/cases/{case['id']}/assess", {}).json()
    assert case["assessment"]["facts"]["offender"]["date_of_birth"] == "1991-05-05"
    assert "date_of_birth" not in case["facts"]["offender"]


def test_changing_the_offenders_date_of_birth_after_assessment_needs_a_reason_and_reopens(
    pc_ali, sgt_brown, as_user
):
    case = walk.authorised(pc_ali, sgt_brown)
    offender = case.people.get(role=Person.Role.OFFENDER)
    api = as_user(pc_ali)
    path = f"/cases/{case.pk}/people/{offender.pk}"
    change = {"version": case.version, "date_of_birth": "2009-05-05"}
    response = api.call("patch", path, change)
    assert response.status_code == 409
    assert response.json()["error"]["field"] == "reason"
    response = api.call("patch", path, {**change, "reason": "The PNC gives 2009."})
    assert response.status_code == 200
    assert response.json()["date_of_birth"] == "2009-05-05"
    case = walk.fresh(case)
    assert case.state == "draft"
    assert case.authorisations.get().voided_at is not None
    entry = AuditEntry.objects.filter(case=case).order_by("-id").first()
    assert (entry.action, entry.why) == ("update_person", "The PNC gives 2009.")


def test_a_second_offender_is_refused(pc_ali, as_user):
    case = walk.opened(pc_ali)
    body = {"version": case.version, "role": "offender", "given_name": "Sam"}
    response = as_user(pc_ali).post(f"/cases/{case.pk}/people", body)
    assert response.status_code == 409

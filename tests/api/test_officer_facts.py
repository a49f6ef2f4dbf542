"""Who the officer is, through the API (Ruling R39): a case's officer facts come from the
officer in the case's record; any other officer key sent for a case is a 422 naming it.
POST /assessments saves nothing and still takes the officer facts it is given ("what if")."""

from crs.cases.models import Case
from tests.cases import facts as f
from tests.cases import walk

CLAIMS_CONSTABLE = {"role": "constable", "rj_level1_trained": True}


def assert_refused(response, field):
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("invalid", field)
    assert field.removeprefix("facts.") in error["message"]
    assert "R39" in error["message"]


def test_police_staff_cannot_open_a_case_claiming_to_be_a_trained_constable(ps_untrained, as_user):
    body = {"crime_reference": "CR/1/24", "facts": f.case_facts(f.facts(officer=CLAIMS_CONSTABLE))}
    assert_refused(as_user(ps_untrained).post("/cases", body), "facts.officer.role")
    assert not Case.objects.exists()


def test_a_pcso_without_the_power_cannot_claim_it_when_changing_the_facts(
    pcso_without_power, as_user
):
    case = walk.opened(pcso_without_power)
    facts = f.case_facts(f.facts(officer={"pcso_designated_power": True}))
    response = as_user(pcso_without_power).put(
        f"/cases/{case.pk}/facts", {"version": case.version, "facts": facts}
    )
    assert_refused(response, "facts.officer.pcso_designated_power")
    assert walk.fresh(case).version == case.version


def test_a_case_may_say_a_warranted_officer_investigated(pcso_without_power, as_user):
    api = as_user(pcso_without_power)
    facts = f.case_facts(f.facts(officer={"investigated_by_warranted_officer": True}))
    opened = api.post("/cases", {"crime_reference": "CR/1/24", "facts": facts})
    assert opened.status_code == 201
    case = Case.objects.get()
    assert api.post(f"/cases/{case.pk}/assess", {"version": case.version}).status_code == 200
    assert walk.fresh(case).current_assessment.facts["officer"] == {
        "role": "pcso",
        "rj_level1_trained": True,
        "pcso_designated_power": False,
        "investigated_by_warranted_officer": True,
    }


def test_a_case_is_assessed_on_the_officers_record(ps_untrained, as_user):
    case = walk.opened(ps_untrained)
    response = as_user(ps_untrained).post(f"/cases/{case.pk}/assess", {"version": case.version})
    assert response.status_code == 200
    assessment = walk.fresh(case).current_assessment
    officer = assessment.facts["officer"]
    assert (officer["role"], officer["rj_level1_trained"]) == ("police_staff", False)
    assert assessment.decision != "eligible"


def test_a_bare_assessment_still_takes_the_officer_facts_it_is_given(ps_untrained, as_user):
    """What if a trained constable delivered it? Nothing is saved."""
    response = as_user(ps_untrained).post("/assessments", f.facts(officer=CLAIMS_CONSTABLE))
    assert response.status_code == 200
    assert response.json()["decision"] == "eligible"
    assert not Case.objects.exists()

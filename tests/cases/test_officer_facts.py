"""Who the officer is on a case (Ruling R39; 3.2.2, 4.2.1, R23, R33): the officer in the case's
record in crs, never facts typed or sent for the case. Only whether a warranted officer
investigated the crime is a fact about the case."""

import pytest

from crs.cases import services as s
from crs.cases.errors import Invalid
from crs.cases.models import Case

from . import facts as f
from .walk import fresh, opened

CLAIMS_CONSTABLE = {"role": "constable", "rj_level1_trained": True}


def test_police_staff_cannot_claim_constable_facts_when_opening_a_case(ps_untrained):
    with pytest.raises(Invalid, match=r"officer\.role") as refused:
        opened(ps_untrained, f.facts(officer=CLAIMS_CONSTABLE))
    assert "R39" in str(refused.value)
    assert not Case.objects.exists()


def test_police_staff_cannot_claim_constable_facts_by_changing_the_facts(ps_untrained):
    case = opened(ps_untrained)
    with pytest.raises(Invalid, match=r"officer\.role"):
        s.update_facts(case, ps_untrained, f.case_facts(f.facts(officer=CLAIMS_CONSTABLE)))
    assert "officer" not in fresh(case).facts


def test_a_pcso_without_the_designated_power_cannot_claim_it_on_a_case(pcso_without_power):
    claim = {"pcso_designated_power": True, "investigated_by_warranted_officer": False}
    with pytest.raises(Invalid, match=r"officer\.pcso_designated_power"):
        opened(pcso_without_power, f.facts(officer=claim))


def test_rj_training_cannot_be_claimed_on_a_case(ps_untrained):
    with pytest.raises(Invalid, match=r"officer\.rj_level1_trained"):
        opened(ps_untrained, f.facts(officer={"rj_level1_trained": True}))


def test_police_staff_without_rj_training_are_assessed_as_untrained(ps_untrained):
    """Not eligible under R33 (the engine's); never "eligible, no authority needed"."""
    document = f.facts(officer={"investigated_by_warranted_officer": True})
    assessment = s.assess(opened(ps_untrained, document), ps_untrained)
    assert assessment.decision != "eligible"
    assert assessment.facts["officer"] == {
        "role": "police_staff",
        "rj_level1_trained": False,
        "investigated_by_warranted_officer": True,
    }
    assert assessment.result["missing"] == []


def test_a_pcso_without_the_power_delivers_only_where_a_warranted_officer_investigated(
    pcso_without_power,
):
    document = f.facts(officer={"investigated_by_warranted_officer": False})
    assessment = s.assess(opened(pcso_without_power, document), pcso_without_power)
    assert assessment.decision == "not_eligible"
    assert assessment.facts["officer"]["pcso_designated_power"] is False


def test_officer_facts_a_case_already_holds_are_never_used(ps_untrained):
    """A case stored before R39 may hold officer facts: assessing it reads the record."""
    case = opened(ps_untrained, f.facts(officer={"investigated_by_warranted_officer": True}))
    legacy = dict(
        case.facts, officer={**CLAIMS_CONSTABLE, "investigated_by_warranted_officer": True}
    )
    Case.objects.filter(pk=case.pk).update(facts=legacy)
    assessment = s.assess(fresh(case), ps_untrained)
    assert assessment.decision != "eligible"
    assert assessment.facts["officer"]["role"] == "police_staff"


def test_the_officer_facts_are_the_officer_in_the_cases_not_the_assessors(
    pcso_without_power, sgt_brown
):
    """The supervisor who assesses does not deliver: the owner does."""
    document = f.facts(officer={"investigated_by_warranted_officer": True})
    assessment = s.assess(opened(pcso_without_power, document), sgt_brown)
    assert assessment.facts["officer"] == {
        "role": "pcso",
        "rj_level1_trained": True,
        "pcso_designated_power": False,
        "investigated_by_warranted_officer": True,
    }
    assert assessment.result["missing"] == []

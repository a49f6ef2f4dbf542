"""Assessing a case: the stored assessment keeps the facts, the result and the policy version."""

from datetime import date

import pytest

from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted
from crs.cases.models import Assessment, WrittenOnce

from . import facts as f
from .walk import assessed, fresh, opened


def test_assessing_moves_a_draft_case_to_assessed(pc_ali):
    case = opened(pc_ali)
    s.assess(case, pc_ali)
    assert fresh(case).state == "assessed"


def test_the_stored_assessment_keeps_the_facts_it_read(pc_ali):
    case = opened(pc_ali)
    assessment = s.assess(case, pc_ali)
    assert assessment.facts == {
        **f.eligible(),
        "officer": {"role": "constable", "rj_level1_trained": True},
    }


def test_the_stored_assessment_keeps_the_engines_result(pc_ali):
    assessment = s.assess(opened(pc_ali), pc_ali)
    assert (assessment.decision, assessment.result["decision"]) == ("eligible", "eligible")
    assert assessment.result["deadlines"]["outcomes_complete_by"] == f.OUTCOMES_DUE_BY


def test_the_stored_assessment_records_the_policy_version_and_digest(pc_ali):
    assessment = s.assess(opened(pc_ali), pc_ali)
    assert (assessment.policy, assessment.policy_version) == ("O32g", "2023-07")
    assert assessment.policy_digest == assessment.result["policy_digest"] != ""


def test_the_stored_assessment_records_who_assessed_and_on_what_date(pc_ali):
    assessment = s.assess(opened(pc_ali), pc_ali)
    assert (assessment.assessed_by, assessment.assessed_on) == (pc_ali, date(2024, 3, 1))


def test_assessed_on_is_filled_in_when_the_facts_leave_it_out(pc_ali):
    document = f.eligible()
    del document["assessed_on"]
    assessment = s.assess(opened(pc_ali, document), pc_ali, today=date(2024, 3, 4))
    assert assessment.facts["assessed_on"] == "2024-03-04"


def test_a_stored_assessment_cannot_be_changed(pc_ali):
    assessment = s.assess(opened(pc_ali), pc_ali)
    assessment.decision = "not_eligible"
    with pytest.raises(WrittenOnce):
        assessment.save()


def test_stored_assessments_cannot_be_changed_in_bulk(pc_ali):
    s.assess(opened(pc_ali), pc_ali)
    with pytest.raises(WrittenOnce):
        Assessment.objects.update(decision="eligible")


def test_a_stored_assessment_cannot_be_removed(pc_ali):
    assessment = s.assess(opened(pc_ali), pc_ali)
    with pytest.raises(WrittenOnce):
        assessment.delete()


def test_facts_the_engine_refuses_are_refused_when_the_case_is_opened(pc_ali):
    with pytest.raises(Invalid, match="unknown key"):
        opened(pc_ali, f.facts(offence={"colour": "red"}))


def test_an_assessed_case_cannot_be_assessed_again_without_a_change(pc_ali):
    with pytest.raises(NotAllowed, match="assessed cannot be assessed"):
        s.assess(assessed(pc_ali), pc_ali)


def test_an_officer_of_another_team_cannot_assess_the_case(pc_ali, outsider):
    with pytest.raises(NotPermitted, match="officer in the case or a supervisor"):
        s.assess(opened(pc_ali), outsider)


def test_the_officers_supervisor_can_assess_the_case(pc_ali, sgt_brown):
    assessment = s.assess(opened(pc_ali), sgt_brown)
    assert assessment.assessed_by == sgt_brown


def test_the_copies_of_the_offence_follow_the_facts(pc_ali):
    case = opened(pc_ali)
    assert (case.offence_date, case.offence_category, case.gravity_final_score) == (
        date(2024, 2, 20),
        "theft",
        1,
    )


def test_two_cases_cannot_share_a_crime_reference(pc_ali):
    opened(pc_ali, ref="CR/9/24")
    with pytest.raises(NotAllowed, match="CR/9/24 already exists"):
        opened(pc_ali, ref="CR/9/24")

"""One offender record (decision 0011): the offender's date of birth lives on the offender
(the Person) alone; the engine reads it from there at assessment, and a change to it after
an assessment is a change of the facts (reason, authority voided, back for reassessment).
The engine, the record, the dashboard and retention then agree on the offender's age."""

from datetime import date

import pytest

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed
from crs.cases.models import Case, Person
from crs.dashboard import summary
from crs.dashboard.models import CaseFigures
from crs.retention.dispose import review

from . import facts as f
from .walk import OFFENDER, agreed, assessed, authorised, fresh, opened

CHILD_BORN = date(2009, 5, 5)  # 14 at the offence (20 February 2024)


def offender(case: Case) -> Person:
    return case.people.get(role=Person.Role.OFFENDER)


CHILD_GRAVITY = {"matrix": "child", "base_score": 2, "final_score": 2}


def test_changing_the_offenders_date_of_birth_after_assessment_is_a_change_of_facts(
    pc_ali, sgt_brown
):
    case = authorised(pc_ali, sgt_brown)  # an adult, authorised by a Sergeant (3.5.2)
    assert not case.current_assessment.juvenile
    with pytest.raises(NotAllowed, match="why the offender's details changed"):
        s.update_person(case, pc_ali, offender(case), date_of_birth=CHILD_BORN)
    assert offender(case).date_of_birth == date(1990, 1, 31)  # nothing kept without a reason

    s.update_person(
        case, pc_ali, offender(case), date_of_birth=CHILD_BORN, reason="The PNC gives 2009."
    )
    case = fresh(case)
    assert case.state == "draft"
    assert case.authorisations.get().voided_at is not None
    entry = AuditEntry.objects.filter(case=case).order_by("-id").first()
    assert (entry.action, entry.actor) == ("update_person", pc_ali)
    assert entry.why == "The PNC gives 2009."
    assert entry.after["person"]["date_of_birth"] == CHILD_BORN.isoformat()
    assert entry.after["state"] == "draft"

    # A child is scored on the child matrix (Ruling R29): the officer scores it again.
    rescored = {**case.facts, "offence": {**case.facts["offence"], "gravity": CHILD_GRAVITY}}
    s.update_facts(case, pc_ali, rescored)
    s.assess(fresh(case), pc_ali)
    case = fresh(case)
    assessment = case.current_assessment
    # The engine read the person's date of birth, and the stored facts keep it.
    assert assessment.facts["offender"]["date_of_birth"] == CHILD_BORN.isoformat()
    assert assessment.juvenile and case.juvenile
    # The dashboard counts the same child ...
    summary.refresh(full=True)
    assert CaseFigures.objects.get(case=case).age_band == "10-14"
    # ... and retention keeps the case under the child rule once it ends.
    s.withdraw(case, pc_ali, reason="Charged instead.")
    Case.objects.filter(pk=case.pk).update(closed_at=fresh(case).updated_at)
    (due,), _ = review(date(2099, 1, 1))
    assert due.rule.key == "child"


def test_the_case_facts_never_hold_the_offenders_date_of_birth(pc_ali):
    with pytest.raises(Invalid, match=r"offender\.date_of_birth.*on the offender"):
        s.open_case(pc_ali, crime_reference="CR/0009/24", facts=f.eligible())
    case = opened(pc_ali)
    with pytest.raises(Invalid, match=r"offender\.date_of_birth"):
        s.update_facts(case, pc_ali, f.eligible())
    assert "date_of_birth" not in fresh(case).facts["offender"]


def test_a_case_whose_offender_has_no_date_of_birth_is_incomplete_for_want_of_it(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.update_person(case, pc_ali, offender(case), date_of_birth=None)  # a draft: no reason
    assessment = s.assess(fresh(case), pc_ali)
    assert assessment.decision == "incomplete"
    assert "offender.date_of_birth" in assessment.result["missing"]


def test_a_case_with_no_offender_is_incomplete_for_want_of_a_date_of_birth(pc_ali):
    case = s.open_case(pc_ali, crime_reference="CR/0009/24", facts=f.case_facts(f.eligible()))
    assessment = s.assess(case, pc_ali)
    assert assessment.decision == "incomplete"
    assert "offender.date_of_birth" in assessment.result["missing"]


def test_a_name_change_after_assessment_needs_a_reason_and_reopens_the_case(pc_ali):
    case = assessed(pc_ali)
    with pytest.raises(NotAllowed, match="why the offender's details changed"):
        s.update_person(case, pc_ali, offender(case), family_name="Ashford")
    s.update_person(case, pc_ali, offender(case), family_name="Ashford", reason="Misspelt.")
    assert fresh(case).state == "draft"


def test_contact_details_change_without_reopening_the_assessment(pc_ali):
    case = assessed(pc_ali)
    s.update_person(case, pc_ali, offender(case), phone="07700 900456")
    assert fresh(case).state == "assessed"


def test_the_date_of_birth_cannot_change_once_the_resolution_is_agreed(pc_ali):
    case = agreed(pc_ali)
    with pytest.raises(NotAllowed, match="cannot change once the resolution has been agreed"):
        s.update_person(case, pc_ali, offender(case), date_of_birth=CHILD_BORN, reason="PNC.")


def test_a_case_has_one_offender(pc_ali):
    case = opened(pc_ali)
    with pytest.raises(NotAllowed, match="already has an offender"):
        s.add_person(case, pc_ali, role="offender", **OFFENDER)


def test_naming_the_offender_after_assessment_needs_a_reason_and_reopens_the_case(pc_ali):
    case = s.open_case(pc_ali, crime_reference="CR/0009/24", facts=f.case_facts(f.eligible()))
    s.assess(case, pc_ali)
    case = fresh(case)
    with pytest.raises(NotAllowed, match="why the offender's details changed"):
        s.add_person(case, pc_ali, role="offender", date_of_birth=date(1990, 1, 31), **OFFENDER)
    s.add_person(
        case, pc_ali, role="offender", reason="Identified.", date_of_birth=date(1990, 1, 31),
        **OFFENDER,
    )  # fmt: skip
    case = fresh(case)
    assert case.state == "draft"
    assert s.assess(case, pc_ali).decision == "eligible"

"""The copies on the case (crs.cases.summary) follow the records through the services:
assessment, authority given in part and in full, a changed fact voiding it, reassessment,
refusal and withdrawal. The lists and visibility read these columns, so a stale copy
would hide a case from the person who must act on it."""

from datetime import date

from crs.cases import services as s
from crs.cases import summary
from crs.cases.models import Case

from . import facts as f
from .walk import assessed, awaiting, fresh, opened

RATIONALE = "Proportionate: first offence of its kind."
ADULT = {"date_of_birth": date(1990, 1, 31)}


def copies(case: Case) -> tuple[bool, str]:
    case = fresh(case)
    return case.juvenile, case.authorities_outstanding


def recomputed(case: Case) -> tuple[bool, str]:
    case = fresh(case)
    summary.refresh(case)
    return case.juvenile, case.authorities_outstanding


def test_a_draft_case_is_neither_juvenile_nor_awaiting_authority(pc_ali):
    case = opened(pc_ali, f.child(), ref="CR/1/24")
    assert copies(case) == (False, "")


def test_assessing_a_child_marks_the_case_juvenile_and_an_adult_not(pc_ali):
    assert copies(assessed(pc_ali, f.child(), ref="CR/1/24")) == (True, "")
    assert copies(assessed(pc_ali, f.eligible(), ref="CR/2/24")) == (False, "")


def test_the_authorities_a_case_needs_are_copied_when_it_is_assessed(pc_ali):
    case = assessed(pc_ali, f.child_needs_yjs_and_inspector())
    assert copies(case) == (True, " inspector youth_justice_supervisor ")
    assert copies(case) == recomputed(case)


def test_police_staff_equivalence_is_part_of_the_copy(pc_ali):
    case = assessed(pc_ali, f.needs_sergeant_or_pse())
    assert copies(case)[1] == " sergeant+pse "


def test_an_authority_given_in_part_leaves_only_the_other_outstanding(
    pc_ali, yjt_supervisor, insp_carr
):
    case = awaiting(pc_ali, f.child_needs_yjs_and_inspector())
    case = s.authorise(case, yjt_supervisor, rationale=RATIONALE)
    assert case.state == "awaiting_authorisation"
    assert copies(case) == (True, " inspector ")
    case = s.authorise(case, insp_carr, rationale=RATIONALE)
    assert copies(case) == (True, "")


def test_a_changed_fact_voids_the_authority_and_the_copy_shows_it_outstanding_again(
    pc_ali, sgt_brown
):
    case = s.authorise(awaiting(pc_ali, f.needs_sergeant()), sgt_brown, rationale=RATIONALE)
    assert copies(case) == (False, "")
    document = f.case_facts(f.needs_sergeant())
    document["offence"]["description"] = "Theft of a bicycle light worth 12 pounds"
    case = s.update_facts(case, pc_ali, document, reason="The value was wrong.")
    assert case.state == "draft"
    assert copies(case) == (False, " sergeant ") == recomputed(case)


ADULT_GRAVITY = {"matrix": "adult", "base_score": 2, "final_score": 2}


def test_reassessment_replaces_the_copies_with_the_new_assessments(pc_ali):
    case = assessed(pc_ali, f.child_needs_yjs_and_inspector())
    offender = case.people.get(role="offender")
    s.update_person(case, pc_ali, offender, reason="The date of birth was mistyped.", **ADULT)
    case = fresh(case)
    assert copies(case) == (True, " inspector youth_justice_supervisor ")  # not reassessed yet
    adult = {**case.facts, "offence": {**case.facts["offence"], "gravity": ADULT_GRAVITY}}
    case = s.update_facts(case, pc_ali, adult)  # an adult is scored on the adult matrix (R29)
    s.assess(case, pc_ali)
    assert copies(case) == (False, " inspector sergeant ") == recomputed(case)
    case = s.update_facts(
        fresh(case), pc_ali, f.case_facts(f.eligible()), reason="The victim now consents."
    )
    s.assess(case, pc_ali)
    assert copies(case) == (False, "") == recomputed(case)


def test_a_refused_or_withdrawn_case_awaits_no_authority(pc_ali, sgt_brown):
    refused = s.refuse_authorisation(
        awaiting(pc_ali, f.needs_sergeant()), sgt_brown, rationale="A caution instead."
    )
    assert copies(refused) == (False, "")
    withdrawn = assessed(pc_ali, f.needs_inspector(), ref="CR/9/24")
    assert copies(withdrawn)[1] == " inspector sergeant "
    withdrawn = s.withdraw(withdrawn, pc_ali, reason="Charged with a linked offence.")
    assert copies(withdrawn) == (False, "")


def test_each_persons_tokens_are_the_authorities_their_rank_or_role_can_give(
    pc_ali, sgt_brown, insp_carr, acting_insp_carr, supt_dale, yjt_supervisor, ps_okafor
):
    assert summary.tokens_for(pc_ali) == []
    assert set(summary.tokens_for(sgt_brown)) == {"sergeant", "sergeant+pse"}
    assert "substantive_inspector" in summary.tokens_for(insp_carr)
    assert "substantive_inspector" not in summary.tokens_for(acting_insp_carr)
    assert "superintendent" in summary.tokens_for(supt_dale)
    assert summary.tokens_for(yjt_supervisor) == ["youth_justice_supervisor"]
    assert summary.tokens_for(ps_okafor) == ["sergeant+pse"]

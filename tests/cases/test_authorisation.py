"""Authorisation (4.2.2, 4.2.3; Rulings R1-R3): the right rank, never one's own case,
always with a rationale; a changed fact voids it and asks for reassessment."""

import pytest

from crs.cases import guards
from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted
from crs.cases.models import Authorisation

from . import facts as f
from .walk import assessed, authorised, awaiting, fresh

RATIONALE = "Low value, first offence, victim content."


def test_a_case_that_needs_authority_can_be_sent_for_it(pc_ali):
    case = s.request_authorisation(assessed(pc_ali, f.needs_sergeant()), pc_ali)
    assert case.state == "awaiting_authorisation"


def test_an_eligible_case_cannot_be_sent_for_authorisation(pc_ali):
    with pytest.raises(NotAllowed, match="does not need authorisation"):
        s.request_authorisation(assessed(pc_ali), pc_ali)


def test_a_sergeant_authorises_a_case_that_needs_a_sergeant(pc_ali, sgt_brown):
    case = s.authorise(awaiting(pc_ali), sgt_brown, rationale=RATIONALE)
    assert case.state == "authorised"


def test_the_authorisation_records_who_gave_it_the_authority_and_the_rationale(pc_ali, sgt_brown):
    case = s.authorise(awaiting(pc_ali), sgt_brown, rationale=RATIONALE)
    given = case.authorisations.get()
    assert (given.given_by, given.given_by_title, given.authority, given.paragraph) == (
        sgt_brown,
        "Sergeant",
        "sergeant",
        "3.5.2",
    )
    assert given.rationale == RATIONALE


def test_a_constable_cannot_authorise(pc_ali, north):
    from .personas import person

    colleague = person("pc_other", team=north)
    with pytest.raises(NotPermitted, match="cannot give the authority this case needs"):
        s.authorise(awaiting(pc_ali), colleague, rationale=RATIONALE)


def test_a_sergeant_cannot_authorise_a_case_that_needs_an_inspector(pc_ali, sgt_brown):
    case = awaiting(pc_ali, f.needs_inspector())
    case = s.authorise(case, sgt_brown, rationale=RATIONALE)
    assert case.state == "awaiting_authorisation"
    assert list(case.authorisations.values_list("authority", flat=True)) == ["sergeant"]


def test_a_sergeant_who_can_give_nothing_outstanding_is_refused(pc_ali, sgt_brown):
    case = awaiting(pc_ali, f.needs_superintendent())
    with pytest.raises(NotPermitted, match=r"needs \(superintendent\)"):
        s.authorise(case, sgt_brown, rationale=RATIONALE)


def test_an_inspector_gives_both_the_sergeant_and_inspector_authority(pc_ali, insp_carr):
    case = s.authorise(awaiting(pc_ali, f.needs_inspector()), insp_carr, rationale=RATIONALE)
    assert case.state == "authorised"
    assert sorted(case.authorisations.values_list("authority", flat=True)) == [
        "inspector",
        "sergeant",
    ]


def test_an_acting_inspector_cannot_give_substantive_inspector_authority(pc_ali, acting_insp_carr):
    case = awaiting(pc_ali, f.needs_substantive_inspector())
    with pytest.raises(NotPermitted, match="substantive inspector"):
        s.authorise(case, acting_insp_carr, rationale=RATIONALE)


def test_a_substantive_inspector_gives_substantive_inspector_authority(pc_ali, insp_carr):
    case = awaiting(pc_ali, f.needs_substantive_inspector())
    assert s.authorise(case, insp_carr, rationale=RATIONALE).state == "authorised"


def test_a_superintendent_authorises_a_sexual_offence_in_exceptional_circumstances(
    pc_ali, supt_dale
):
    case = awaiting(pc_ali, f.needs_superintendent())
    assert s.authorise(case, supt_dale, rationale=RATIONALE).state == "authorised"


def test_police_staff_of_sergeant_grade_authorise_where_pse_is_allowed(pc_ali, ps_okafor):
    case = awaiting(pc_ali, f.needs_sergeant_or_pse())
    assert s.authorise(case, ps_okafor, rationale=RATIONALE).state == "authorised"


def test_police_staff_of_sergeant_grade_cannot_authorise_a_previous_sanction(pc_ali, ps_okafor):
    with pytest.raises(NotPermitted, match="cannot give the authority"):
        s.authorise(awaiting(pc_ali), ps_okafor, rationale=RATIONALE)


def test_a_child_with_history_and_an_unwilling_victim_needs_two_people(
    pc_ali, yjt_supervisor, insp_carr
):
    case = s.authorise(
        awaiting(pc_ali, f.child_needs_yjs_and_inspector()), yjt_supervisor, rationale=RATIONALE
    )
    assert case.state == "awaiting_authorisation"
    case = s.authorise(case, insp_carr, rationale=RATIONALE)
    assert case.state == "authorised"


def test_an_inspector_cannot_stand_in_for_the_youth_justice_supervisor(pc_ali, insp_carr):
    case = s.authorise(
        awaiting(pc_ali, f.child_needs_yjs_and_inspector()), insp_carr, rationale=RATIONALE
    )
    assert case.state == "awaiting_authorisation"
    with pytest.raises(NotPermitted, match="youth justice supervisor"):
        s.authorise(case, insp_carr, rationale=RATIONALE)


def test_no_one_can_authorise_their_own_case(sgt_brown):
    case = awaiting(sgt_brown)
    with pytest.raises(NotPermitted, match="your own case"):
        s.authorise(case, sgt_brown, rationale=RATIONALE)


def test_authority_without_a_rationale_is_refused(pc_ali, sgt_brown):
    with pytest.raises(Invalid, match="rationale for the authorisation"):
        s.authorise(awaiting(pc_ali), sgt_brown, rationale="   ")


def test_an_officer_of_another_team_cannot_authorise(pc_ali, outsider):
    with pytest.raises(NotPermitted):
        s.authorise(awaiting(pc_ali), outsider, rationale=RATIONALE)


def test_a_case_not_awaiting_authorisation_cannot_be_authorised(pc_ali, sgt_brown):
    with pytest.raises(NotAllowed, match="not awaiting authorisation"):
        s.authorise(assessed(pc_ali, f.needs_sergeant()), sgt_brown, rationale=RATIONALE)


def test_refusing_authority_closes_the_case_as_refused(pc_ali, sgt_brown):
    case = s.refuse_authorisation(awaiting(pc_ali), sgt_brown, rationale="Caution instead.")
    assert (case.state, case.outcome_reason) == ("refused", "Caution instead.")


def test_the_refusal_is_recorded_with_its_rationale(pc_ali, sgt_brown):
    case = s.refuse_authorisation(awaiting(pc_ali), sgt_brown, rationale="Caution instead.")
    assert case.authorisations.get().decision == Authorisation.Decision.REFUSED


def test_refusing_without_a_rationale_is_refused(pc_ali, sgt_brown):
    with pytest.raises(Invalid, match="rationale for refusing"):
        s.refuse_authorisation(awaiting(pc_ali), sgt_brown, rationale="")


def test_no_one_can_refuse_authority_on_their_own_case(sgt_brown):
    with pytest.raises(NotPermitted, match="your own case"):
        s.refuse_authorisation(awaiting(sgt_brown), sgt_brown, rationale="No.")


def test_changing_a_fact_after_authorisation_voids_it(pc_ali, sgt_brown):
    case = authorised(pc_ali, sgt_brown)
    case = s.update_facts(
        case,
        pc_ali,
        f.case_facts(f.facts(victim={"consents": False})),
        reason="Victim changed their mind.",
    )
    assert case.authorisations.get().voided_at is not None


def test_changing_a_fact_after_authorisation_sends_the_case_back_for_reassessment(
    pc_ali, sgt_brown
):
    case = authorised(pc_ali, sgt_brown)
    case = s.update_facts(
        case, pc_ali, f.case_facts(f.needs_inspector()), reason="Victim changed their mind."
    )
    assert case.state == "draft"


def test_changing_a_fact_after_assessment_needs_a_reason(pc_ali, sgt_brown):
    with pytest.raises(NotAllowed, match="why the facts changed"):
        s.update_facts(authorised(pc_ali, sgt_brown), pc_ali, f.case_facts(f.needs_inspector()))


def test_a_voided_authority_does_not_count_after_reassessment(pc_ali, sgt_brown):
    case = authorised(pc_ali, sgt_brown)
    corrected = f.case_facts(f.needs_sergeant())
    corrected["offence"]["description"] = "Theft of a phone charger worth 8 pounds"
    case = s.update_facts(case, pc_ali, corrected, reason="Corrected the value.")
    s.assess(case, pc_ali)
    case = s.request_authorisation(fresh(case), pc_ali)
    assert guards.outstanding_requirements(case) == case.current_assessment.result["authorisations"]

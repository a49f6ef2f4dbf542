"""Segregation of duties (4.2.3, Ruling R38): nobody authorises an assessment they made,
whose facts they recorded or changed, or a case on which they are the officer in the case."""

from datetime import date

import pytest

from crs.cases import services as s
from crs.cases.errors import NotPermitted

from . import facts as f
from .walk import assessed, authorised, awaiting, fresh, opened

RATIONALE = "First offence of its kind in two years."
CHANGED = "You recorded or changed the facts of this case"
ASSESSED = "You made this assessment"


def _request(case, owner):
    return s.request_authorisation(fresh(case), owner)


def test_a_sergeant_cannot_authorise_a_case_they_own(sgt_brown):
    with pytest.raises(NotPermitted, match="your own case"):
        s.authorise(awaiting(sgt_brown), sgt_brown, rationale=RATIONALE)


def test_a_sergeant_who_changed_the_facts_cannot_authorise_the_case(pc_ali, sgt_brown, insp_carr):
    case = opened(pc_ali, f.eligible())
    s.update_facts(case, sgt_brown, f.case_facts(f.needs_sergeant()))
    s.assess(fresh(case), pc_ali)
    case = _request(case, pc_ali)
    with pytest.raises(NotPermitted, match=CHANGED):
        s.authorise(case, sgt_brown, rationale=RATIONALE)
    with pytest.raises(NotPermitted, match=CHANGED):
        s.refuse_authorisation(case, sgt_brown, rationale="No.")
    assert s.authorise(case, insp_carr, rationale=RATIONALE).state == "authorised"


def test_a_sergeant_who_recorded_previous_outcomes_cannot_authorise_the_case(pc_ali, sgt_brown):
    case = opened(pc_ali, f.eligible())
    s.set_previous_outcomes(
        case, sgt_brown, [{"outcome": "penalty_notice", "date": date(2022, 5, 1)}]
    )
    s.assess(fresh(case), pc_ali)
    case = _request(case, pc_ali)
    with pytest.raises(NotPermitted, match=CHANGED):
        s.authorise(case, sgt_brown, rationale=RATIONALE)


def test_a_sergeant_who_changed_the_offenders_date_of_birth_cannot_authorise_the_case(
    pc_ali, sgt_brown, insp_carr
):
    """The assessment reads the date of birth from the offender (decision 0011): changing it
    there is changing a fact it reads."""
    case = assessed(pc_ali, f.needs_sergeant())
    offender = case.people.get(role="offender")
    s.update_person(
        fresh(case), sgt_brown, offender, reason="PNC check.", date_of_birth=date(1990, 1, 30)
    )
    s.assess(fresh(case), pc_ali)
    case = _request(case, pc_ali)
    with pytest.raises(NotPermitted, match=CHANGED):
        s.authorise(case, sgt_brown, rationale=RATIONALE)
    assert s.authorise(case, insp_carr, rationale=RATIONALE).state == "authorised"


def test_a_sergeant_who_only_added_a_victims_phone_may_authorise_the_case(pc_ali, sgt_brown):
    case = opened(pc_ali, f.needs_sergeant())
    s.add_person(fresh(case), sgt_brown, role="victim", given_name="Val", phone="0")
    s.assess(fresh(case), pc_ali)
    case = _request(case, pc_ali)
    assert s.authorise(case, sgt_brown, rationale=RATIONALE).state == "authorised"


def test_a_sergeant_who_assessed_the_case_cannot_authorise_it(pc_ali, sgt_brown, insp_carr):
    case = opened(pc_ali, f.needs_sergeant())
    s.assess(case, sgt_brown)
    case = _request(case, pc_ali)
    with pytest.raises(NotPermitted, match=ASSESSED):
        s.authorise(case, sgt_brown, rationale=RATIONALE)
    assert s.authorise(case, insp_carr, rationale=RATIONALE).state == "authorised"


def test_an_inspector_who_changed_the_facts_after_giving_authority_cannot_give_the_new_one(
    pc_ali, insp_carr, supt_dale
):
    case = authorised(pc_ali, insp_carr, f.needs_inspector())
    case = s.update_facts(
        case,
        insp_carr,
        f.case_facts(
            f.facts(victim={"consents": False, "consulted": True}, offence={"description": "Phone"})
        ),
        reason="The description was wrong.",
    )
    assert all(a.voided_at is not None for a in case.authorisations.all())
    s.assess(case, pc_ali)
    case = _request(case, pc_ali)
    with pytest.raises(NotPermitted, match=CHANGED):
        s.authorise(case, insp_carr, rationale=RATIONALE)
    assert s.authorise(case, supt_dale, rationale=RATIONALE).state == "authorised"


def test_a_sergeant_who_only_reads_the_case_may_authorise_it(pc_ali, sgt_brown):
    case = assessed(pc_ali, f.needs_sergeant())
    case = _request(case, pc_ali)
    assert s.authorise(case, sgt_brown, rationale=RATIONALE).state == "authorised"

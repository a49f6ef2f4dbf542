"""The fixed data set the dashboard's figures are checked against: eight cases, each
driven through the services at times set by a fake clock, so every figure can be
worked out by hand (the tests' comments do it).

    case  district  category         offence     authority    outcome    offender
    C1    North     theft            20 Feb 24   none         given      male, W1, 34
    C2    North     theft            5 Mar 24    sergeant     given      female, W1, 34
    C3    South     criminal damage  10 Feb 24   inspector    given      male, B1, 23
    C4    South     theft            10 Mar 24   sergeant     refused    male, A3, 38
    C5    North     theft            25 Feb 24   none         withdrawn  female, A1, 24
    C6    North     theft            15 Mar 24   none         open       not stated, NS, 14
    C7    North     theft            20 Feb 24   none         given      male, W5, 34
    C8    South     theft            28 Feb 24   not assessed open       not recorded

C1: restorative level 1; completed 1 Apr 24 (within 16 weeks); returned by the IMU twice
    ("Victim not told of the outcome", then "Signature missing"), then closed; the victim
    said "neither" and later "satisfied".
C2: authorised 6 hours after the request; completed 1 Jul 24, after 25 Jun 24 (offence +
    16 weeks); returned once ("Victim not told of the outcome"); victim "dissatisfied".
C3: authorised 48 hours after the request; not complied with; victim "very dissatisfied".
C4: refused 26 hours after the request.
C7: restorative by referral; completed 20 Mar 24 (within 16 weeks).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from crs.cases import services as s
from crs.cases.models import Case, VictimView
from tests.cases import facts as f
from tests.cases import walk

DUE = date(2024, 5, 1)


class Clock:
    """A stand-in for django.utils.timezone.now: whatever time the test sets."""

    def __init__(self):
        self.now = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now

    def at(self, *args) -> None:
        self.now = datetime(*args, tzinfo=UTC)


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _open(owner, ref, document, offender: dict) -> Case:
    case = s.open_case(owner, crime_reference=ref, facts=f.case_facts(document))
    return s.add_person(case, owner, role="offender", given_name="Avery", **offender).case


def _assessed(owner, ref, document, offender) -> Case:
    case = _open(owner, ref, document, offender)
    s.assess(case, owner)
    return fresh(case)


def _assessed_at(clock, when: tuple, owner, ref, person: dict, **changes) -> Case:
    """ADULT_THEFT with `changes`, assessed by its owner at `when`: the facts give that day
    as the assessment date, as the officer assessing it then would."""
    clock.at(*when)
    document = f.facts(assessed_on=date(*when[:3]).isoformat(), **changes)
    return _assessed(owner, ref, document, person)


def _authority_asked(clock, when: tuple, owner, ref, person: dict, **changes) -> Case:
    """Assessed at `when` (as _assessed_at) and sent straight on for authorisation."""
    case = _assessed_at(clock, when, owner, ref, person, **changes)
    return s.request_authorisation(case, owner)


def _plan(case, owner) -> Case:
    s.add_action(case, owner, kind="verbal_apology", description="Apologise.")
    s.add_action(
        fresh(case), owner, kind="financial_compensation", description="Pay.", due_date=DUE
    )
    return fresh(case)


def _agree(case, owner, restorative: str = "") -> Case:
    case = s.agree(_plan(case, owner), owner)
    case = s.log_contact(
        case, owner, party="victim", purpose="after_delivery", method="phone", outcome="spoke"
    ).case
    if restorative:
        note = "Victim asked for a meeting." if restorative == "referred" else ""
        s.record_restorative(case, owner, delivery=restorative, referral_note=note)
        case = fresh(case)
    # The apology marked done starts the monitoring of the compensation.
    s.complete_action(case, owner, case.actions.get(kind="verbal_apology"))
    return fresh(case)


def _complete(case, owner) -> Case:
    s.complete_action(case, owner, case.actions.get(kind="financial_compensation"))
    case = s.complete(fresh(case), owner)
    case = s.log_contact(
        case, owner, party="victim", purpose="on_conclusion", method="phone", outcome="spoke"
    ).case
    return walk.record_in_full(case, owner)  # the 1912 complete, so it can be reviewed


def _satisfaction(case, user, clock, answer) -> None:
    VictimView.objects.create(
        case=case,
        asked_by=user,
        asked_at=clock(),
        method="phone",
        views="Asked how they felt about the outcome.",
        satisfaction=answer,
    )


def build(clock, *, pc_ali, outsider, sgt_brown, insp_carr, rev_evans, imu_fisher) -> dict:
    cases = {}

    # C1
    c = _assessed_at(
        clock, (2024, 3, 1, 9), pc_ali, "CR/0001/24",
        {"date_of_birth": date(1990, 1, 31), "sex": "male", "ethnicity": "W1"},
    )  # fmt: skip
    c = _agree(c, pc_ali, restorative="level1")
    clock.at(2024, 4, 1, 12)
    c = s.submit_for_review(_complete(c, pc_ali), pc_ali)
    c = s.approve_review(c, rev_evans)
    c = s.imu_return(c, imu_fisher, reasons="Victim not told of the outcome")
    c = s.approve_review(c, rev_evans)
    c = s.imu_return(c, imu_fisher, reasons="  Signature missing ")
    c = s.approve_review(c, rev_evans)
    c = s.imu_accept(c, imu_fisher)
    _satisfaction(c, pc_ali, clock, "neither")
    clock.at(2024, 4, 2, 12)
    _satisfaction(c, pc_ali, clock, "satisfied")
    cases["C1"] = c

    # C2
    c = _authority_asked(
        clock, (2024, 3, 6, 9), pc_ali, "CR/0002/24",
        {"date_of_birth": date(1990, 1, 31), "sex": "female", "ethnicity": "W1"},
        offence={"date": "2024-03-05"},
        offender={"previous_outcomes": [{"outcome": "penalty_notice", "date": "2022-05-01"}]},
    )  # fmt: skip
    clock.at(2024, 3, 6, 15)
    c = s.authorise(c, sgt_brown, rationale="Proportionate.")
    c = _agree(c, pc_ali)
    clock.at(2024, 7, 1, 10)
    c = s.submit_for_review(_complete(c, pc_ali), pc_ali)
    c = s.approve_review(c, rev_evans)
    c = s.imu_return(c, imu_fisher, reasons="Victim not told of the outcome")
    _satisfaction(c, pc_ali, clock, "dissatisfied")
    cases["C2"] = c

    # C3
    c = _authority_asked(
        clock, (2024, 2, 12, 8), outsider, "CR/0003/24",
        {"date_of_birth": date(2000, 6, 1), "sex": "male", "ethnicity": "B1"},
        offence={"date": "2024-02-10", "category": "criminal_damage",
                 "description": "Damage to a fence"},
        victim={"consents": False},
    )  # fmt: skip
    clock.at(2024, 2, 14, 8)
    c = s.authorise(c, insp_carr, rationale="The victim's views were weighed.")
    c = _agree(c, outsider)
    c = s.record_non_compliance(c, outsider, reason="Did not pay.")
    _satisfaction(c, outsider, clock, "very_dissatisfied")
    cases["C3"] = c

    # C4
    c = _authority_asked(
        clock, (2024, 3, 11, 10), outsider, "CR/0004/24",
        {"date_of_birth": date(1985, 5, 5), "sex": "male", "ethnicity": "A3"},
        offence={"date": "2024-03-10"},
        offender={"previous_outcomes": [{"outcome": "penalty_notice", "date": "2022-05-01"}]},
    )  # fmt: skip
    clock.at(2024, 3, 12, 12)
    cases["C4"] = s.refuse_authorisation(c, sgt_brown, rationale="A caution is proportionate.")

    # C5
    c = _assessed_at(
        clock, (2024, 2, 26, 9), pc_ali, "CR/0005/24",
        {"date_of_birth": date(2000, 1, 1), "sex": "female", "ethnicity": "A1"},
        offence={"date": "2024-02-25"},
    )  # fmt: skip
    cases["C5"] = s.withdraw(c, pc_ali, reason="Charged with a linked offence.")

    # C6
    clock.at(2024, 3, 16, 9)
    child = f.child()
    child.update(assessed_on="2024-03-16")
    child["offence"]["date"] = "2024-03-15"
    cases["C6"] = _assessed(
        pc_ali, "CR/0006/24", child,
        {"date_of_birth": date(2009, 5, 5), "sex": "not_stated", "ethnicity": "NS"},
    )  # fmt: skip

    # C7
    c = _assessed_at(
        clock, (2024, 3, 1, 9), pc_ali, "CR/0007/24",
        {"date_of_birth": date(1990, 1, 31), "sex": "male", "ethnicity": "W5"},
    )  # fmt: skip
    c = _agree(c, pc_ali, restorative="referred")
    clock.at(2024, 3, 20, 9)
    cases["C7"] = _complete(c, pc_ali)

    # C8
    cases["C8"] = _open(outsider, "CR/0008/24", f.facts(offence={"date": "2024-02-28"}), {})
    clock.at(2024, 8, 1, 9)
    return {k: fresh(v) for k, v in cases.items()}


BASELINE = """# the test's own population
dimension,group,population,reference
age_band,18-24,250,
age_band,25-34,1500,yes
age_band,35-44,1000,
sex,female,1000,yes
sex,male,2000,
ethnic_group,A,500,
ethnic_group,B,200,
ethnic_group,W,3000,yes
"""

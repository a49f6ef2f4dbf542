"""A whole case walked through every state in Chromium, each step by the person whose job it is.

pc_ali starts an adult shop theft whose offender had a penalty notice 22
months ago (a Sergeant must authorise), answers every question and asks for
authority; sgt_brown authorises; pc_ali sets the actions, agrees the
resolution, tells the victim, follows the actions to completion and sends
the case for review; rev_evans approves it; imu_fisher returns it once and
accepts it when it comes back. Each person signs in through the sign-in page
in a browser of their own, and every page any of them sees is checked by
axe-core. Dates are relative to today, as the site reads today from the clock.

The other endings (refused, not complied with, withdrawn) start from the demo
force's case in the state before, and are taken by the person whose job it is.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crs.cases.models import Case
from tests.answers import adult_shop_theft, answers_on_page, day_month_year

from .helpers import axe_check, fill, press, sign_in

REFERENCE = "CR/4242/24"
TODAY = timezone.localdate()


# Every question the engine asks of this case, answered as an officer would: a penalty
# notice 22 months before, so a Sergeant must authorise.
ANSWERS = {
    **adult_shop_theft(offence_date=TODAY - timedelta(days=9)),
    "offender.previous_outcomes": {"answer": "yes", "count-penalty_notice": "1"},
    "offender.previous_outcomes.0.date": TODAY - timedelta(days=670),
    "offender.previous_outcomes.0.category": "theft",
}


def page_answers(page) -> tuple[list[str], dict]:
    return answers_on_page(page, ANSWERS)


@pytest.fixture
def person(open_page, demo_force):
    """A browser of one's own, signed in as a demo persona."""

    def person(username: str):
        page = open_page()
        sign_in(page, username)
        return page

    return person


def state() -> str:
    return Case.objects.get(crime_reference=REFERENCE).state


def go(page, name: str, *args) -> None:
    page.goto(reverse(name, args=args))
    axe_check(page)


def start_and_assess(ali) -> int:
    go(ali, "journeys:open_case")
    fill(ali, {"crime_reference": REFERENCE, "given_name": "Sam", "family_name": "Smith"})
    fill(ali, day_month_year("date_of_birth", TODAY.replace(year=TODAY.year - 34)))
    fill(ali, {"description": "Theft of a phone charger from a shop"})
    press(ali, "Start the assessment")
    assert state() == "draft"
    asked = []
    while "/assessment/q/" in ali.url:
        fields, data = page_answers(ali)
        assert not set(fields) & set(asked), f"asked {fields} twice"
        asked += fields
        fill(ali, data)
        press(ali, "Continue")
    assert "/assessment/check/" in ali.url, ali.url
    press(ali, "Save assessment")
    assert state() == "assessed"
    return Case.objects.get(crime_reference=REFERENCE).pk


def record_in_full(ali, pk: int) -> None:
    """The rest of the 1912, through its pages: the victim's views and what they were told;
    the gravity score's rationale, the records this case's assessment asks for and what
    the offender was told; the victim's and the officer's signatures."""
    go(ali, "journeys:victim", pk)
    fill(
        ali,
        {
            "method": "phone",
            "views": "Wants an apology and the money back.",
            "consents": "yes",
            "told": ["told_voluntary", "told_no_alternative_sanction"],
        },
    )
    press(ali, "Record the victim's views")
    go(ali, "journeys:records", pk)
    fill(
        ali,
        {
            "gravity_rationale": "Adult matrix, score 1: nothing raises it.",
            "previous_compliance": "Paid the penalty notice on time.",
            "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        },
    )
    press(ali, "Save")
    for party, name in (("victim", "Morgan Lee"), ("officer", "Amir Ali")):
        go(ali, "journeys:signatures", pk)
        fill(ali, {"party": party, "name": name})
        press(ali, "Record the signature")


def test_each_role_moves_a_case_through_every_state_to_closed(person):
    states = []
    ali = person("pc_ali")
    pk = start_and_assess(ali)
    press(ali, "Ask for authorisation")
    states.append(state())

    brown = person("sgt_brown")
    go(brown, "journeys:authorise", pk)
    fill(brown, {"decision": "authorise", "rationale": "Low value; the notice was 22 months ago."})
    press(brown, "Record my decision")
    states.append(state())

    go(ali, "journeys:actions", pk)
    fill(ali, {"kind": "verbal_apology", "description": "Apologise to the shop."})
    press(ali, "Add the action")
    fill(ali, {"kind": "financial_compensation", "description": "Pay 9 pounds."})
    fill(ali, day_month_year("due_date", TODAY + timedelta(days=30)))
    press(ali, "Add the action")
    press(ali, "Agree the resolution with the offender")
    fill(
        ali,
        {
            "acceptance": "I took it.",
            "consent": "Agrees to apologise and pay.",
            "offender_signature": "Sam Smith",
        },
    )
    press(ali, re.compile("^Agree"))
    states.append(state())

    go(ali, "journeys:contacts", pk)
    fill(
        ali,
        {"party": "victim", "purpose": "after_delivery", "method": "phone", "outcome": "spoke"},
    )
    press(ali, "Log the contact")
    go(ali, "journeys:actions", pk)
    press(ali, re.compile(r"^Mark as done\W*Apologise"))  # and the payment is monitored
    states.append(state())
    press(ali, re.compile(r"^Mark as done\W*Pay"))  # the last: the case is completed
    assert "Every action is done and the case is completed." in ali.locator("main").inner_text()
    states.append(state())

    go(ali, "journeys:contacts", pk)
    fill(
        ali,
        {"party": "victim", "purpose": "on_conclusion", "method": "phone", "outcome": "spoke"},
    )
    press(ali, "Log the contact")
    go(ali, "journeys:restorative", pk)
    fill(
        ali,
        {
            "delivery": "level1",
            "checklist": [
                "offender_accepted_responsibility",
                "offender_understood_effect",
                "victim_shared_views",
                "victim_questions_answered",
            ],
        },
    )
    press(ali, "Save")
    record_in_full(ali, pk)
    go(ali, "journeys:submit_review", pk)
    fill(ali, {"note": "Done."})
    press(ali, "Send for review")
    states.append(state())

    evans = person("rev_evans")
    go(evans, "journeys:review", pk)
    fill(evans, {"note": "The 1912 is complete."})
    press(evans, "Approve and sign")
    states.append(state())

    fisher = person("imu_fisher")
    go(fisher, "journeys:quality", pk)
    fill(fisher, {"decision": "return", "reasons": "Sign the 1912 again."})
    press(fisher, "Record quality assurance")
    states.append(state())

    go(evans, "journeys:review", pk)
    fill(evans, {"note": "Signed again."})
    press(evans, "Approve and sign")
    go(fisher, "journeys:quality", pk)
    fill(fisher, {"decision": "accept"})
    press(fisher, "Record quality assurance")
    states.append(state())

    assert states == [
        "awaiting_authorisation",
        "authorised",
        "agreed",
        "actions_in_progress",
        "completed",
        "supervisor_review",
        "imu_qa",
        "supervisor_review",
        "closed",
    ]
    go(ali, "case_detail", pk)
    assert ali.locator("#case-state").inner_text() == "Closed"


@pytest.fixture
def demo_case(demo_cases):
    """The demo force's case in a given state (load_demo drives one into each)."""

    def demo_case(state: str) -> Case:
        case = Case.objects.filter(state=state, crime_reference__startswith="DEMO-").first()
        assert case is not None, f"the demo has no case in state {state}"
        return case

    return demo_case


def authoriser_of(case) -> str:
    """A demo authoriser whose rank or role satisfies an authority the case still needs."""
    from crs.accounts.authority import can_satisfy
    from crs.accounts.models import User
    from crs.cases.demo import AUTHORISERS
    from crs.cases.guards import outstanding_requirements

    needed = outstanding_requirements(case)
    for user in User.objects.filter(username__in=AUTHORISERS).exclude(pk=case.owner_id):
        if any(can_satisfy(user, entry) for entry in needed):
            return user.username
    raise AssertionError(f"no demo authoriser can authorise {case.crime_reference}")


def end(page, case, journey: str, data: dict, button: str) -> None:
    """Fill in and send the page that ends the case, then read the case again."""
    go(page, journey, case.pk)
    fill(page, data)
    press(page, button)
    case.refresh_from_db()


def test_an_authoriser_refuses_a_case_and_it_ends_refused(person, demo_case):
    case = demo_case("awaiting_authorisation")
    page = person(authoriser_of(case))
    rationale = {"decision": "refuse", "rationale": "A caution is proportionate: third theft."}
    end(page, case, "journeys:authorise", rationale, "Record my decision")
    assert case.state == "refused"


def test_the_officer_records_that_the_offender_did_not_comply(person, demo_case):
    case = demo_case("actions_in_progress")
    page = person(case.owner.username)
    reason = {"reason": "Did not pay the compensation by the date agreed."}
    end(page, case, "journeys:non_compliance", reason, "Record non-compliance")
    assert case.state == "non_compliant"


def test_the_officer_withdraws_an_open_case_with_a_reason(person, demo_case):
    case = demo_case("draft")
    page = person(case.owner.username)
    reason = {"reason": "The shop withdrew its complaint."}
    end(page, case, "journeys:withdraw", reason, "Withdraw the case")
    assert (case.state, case.outcome_reason) == ("withdrawn", "The shop withdrew its complaint.")

"""A whole case walked through every state in the browser, each step by the right person.

pc_ali opens and assesses an adult shop theft with a previous penalty notice (a
Sergeant must authorise, 3.5.2); sgt_brown authorises; pc_ali agrees it, logs the
victim contacts and follows the actions; rev_evans reviews; imu_fisher returns
it once, then accepts it. The other endings (refused, not complied with,
withdrawn) are walked too. Every change goes through the pages, none through the
services directly, and each leaves its audit entry.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from crs.audit.models import AuditEntry
from crs.cases.models import Case
from crs.web.journeys import assessment

from .test_journey_assessment import THEFT, answer_all, start

WITH_PENALTY_NOTICE = {
    **THEFT,
    "offender.previous_outcomes": "penalty_notice",
    "offender.previous_outcomes.0.date": "2022-05-01",
    "offender.previous_outcomes.0.category": "theft",
}


@pytest.fixture(autouse=True)
def on_1_march_2024(monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: date(2024, 3, 1))


class Officer:
    """One person at the browser: posts to a journey page with the version they just read."""

    def __init__(self, client, user, case_pk=None):
        self.client, self.user, self.case_pk = client, user, case_pk

    def __enter__(self):
        self.client.force_login(self.user)
        return self

    def __exit__(self, *exc):
        self.client.logout()

    @property
    def case(self) -> Case:
        return Case.objects.get(pk=self.case_pk)

    def post(self, name, data=None, *args, expect=302):
        case = self.case
        url = reverse(f"journeys:{name}", args=[case.pk, *args])
        response = self.client.post(url, {"version": case.version, **(data or {})})
        assert response.status_code == expect, response.content.decode()
        return response


def log_victim(officer, purpose):
    officer.post(
        "contacts",
        {"party": "victim", "purpose": purpose, "method": "phone", "outcome": "spoke"},
    )


def record_in_full(officer):
    """The rest of the 1912, through its pages: the victim's views and what they were told,
    the gravity score's rationale and the other records the assessment asks for, what the
    offender was told, the other signatures."""
    officer.post(
        "victim",
        {
            "method": "phone",
            "views": "Wants an apology and the money back.",
            "consents": "yes",
            "told": ["told_voluntary", "told_no_alternative_sanction"],
        },
    )
    officer.post(
        "records",
        {
            "gravity_rationale": "Adult matrix, score 1: nothing raises it.",
            "previous_compliance": "Paid the penalty notice on time.",
            "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        },
    )
    officer.post("signatures", {"party": "victim", "name": "Morgan Lee"})
    officer.post("signatures", {"party": "officer", "name": "Amir Ali"})


def assessed_and_agreed(client, pc_ali, sgt_brown, states):
    """Open, assess, authorise and agree a case; `states` collects each state reached."""
    with Officer(client, pc_ali) as ali:
        case = start(client)
        ali.case_pk = case.pk
        states.append(ali.case.state)
        answer_all(client, case, WITH_PENALTY_NOTICE)
        ali.post("check_answers")
        states.append(ali.case.state)
        ali.post("request_authorisation")
        states.append(ali.case.state)
    with Officer(client, sgt_brown, case.pk) as brown:
        brown.post("authorise", {"decision": "authorise", "rationale": "Two years ago; low value."})
        states.append(brown.case.state)
    with Officer(client, pc_ali, case.pk) as ali:
        ali.post("actions", {"kind": "verbal_apology", "description": "Apologise to the shop."})
        ali.post(
            "actions",
            {
                "kind": "financial_compensation",
                "description": "Pay 9 pounds.",
                "due_date-day": "1",
                "due_date-month": "5",
                "due_date-year": "2024",
            },
        )
        ali.post(
            "agree",
            {
                "acceptance": "I took it.",
                "consent": "Agrees to apologise and pay.",
                "offender_signature": "Sam Smith",
            },
        )
        states.append(ali.case.state)
        record_in_full(ali)
        log_victim(ali, "after_delivery")
        apology = ali.case.actions.get(kind="verbal_apology")
        ali.post("action_done", {}, apology.pk)  # and the payment is monitored
        states.append(ali.case.state)
    return case.pk


def test_a_case_goes_through_every_state_to_closed(
    client, pc_ali, sgt_brown, rev_evans, imu_fisher
):
    states: list[str] = []
    pk = assessed_and_agreed(client, pc_ali, sgt_brown, states)
    with Officer(client, pc_ali, pk) as ali:
        payment = ali.case.actions.get(kind="financial_compensation")
        done = ali.post("action_done", {}, payment.pk)  # the last: the case is completed
        assert done["Location"] == reverse("journeys:submit_review", args=[pk])
        states.append(ali.case.state)
        ali.post(
            "restorative",
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
        ali.post("submit_review", {"note": "Done.", "told_victim_by": "phone"})
        states.append(ali.case.state)
    with Officer(client, rev_evans, pk) as evans:
        evans.post("review", {"note": "The 1912 is complete."})
        states.append(evans.case.state)
    with Officer(client, imu_fisher, pk) as fisher:
        fisher.post("quality", {"decision": "return", "reasons": "Sign the 1912 again."})
        states.append(fisher.case.state)
    with Officer(client, rev_evans, pk) as evans:
        evans.post("review", {"note": "Signed again."})
    with Officer(client, imu_fisher, pk) as fisher:
        fisher.post("quality", {"decision": "accept"})
        states.append(fisher.case.state)
    assert states == [
        "draft",
        "assessed",
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
    audited = AuditEntry.objects.filter(case_id=pk).order_by("seq")
    # Each answer of the assessment in progress is audited too (crs.cases.services.drafts),
    # then cleared as the assessment is saved: the changes to the case are the rest.
    drafted = audited.filter(action__in=["answer_draft", "clear_draft"])
    assert set(drafted.values_list("action", flat=True)) == {"answer_draft", "clear_draft"}
    changes = audited.exclude(action__in=["answer_draft", "clear_draft"])
    actions = list(changes.values_list("action", flat=True))
    assert actions[:3] == ["open_case", "add_person", "update_facts"]
    assert {"assess", "authorise", "agree", "imu_return", "imu_accept"} <= set(actions)


def test_a_case_not_complied_with_goes_to_review_once_the_victim_is_told(client, pc_ali, sgt_brown):
    states: list[str] = []
    pk = assessed_and_agreed(client, pc_ali, sgt_brown, states)
    with Officer(client, pc_ali, pk) as ali:
        ali.post("non_compliance", {"reason": "Did not pay by 1 May."})
        assert (ali.case.state, ali.case.no_alternative_sanction) == ("non_compliant", True)
        ali.post("submit_review", expect=200)
        log_victim(ali, "non_compliance")
        ali.post("submit_review")
        assert ali.case.state == "supervisor_review"


def test_a_refused_case_ends_there(client, pc_ali, sgt_brown):
    with Officer(client, pc_ali) as ali:
        case = start(client)
        ali.case_pk = case.pk
        answer_all(client, case, WITH_PENALTY_NOTICE)
        ali.post("check_answers")
        ali.post("request_authorisation")
    with Officer(client, sgt_brown, case.pk) as brown:
        brown.post("authorise", {"decision": "refuse", "rationale": "Charge: third theft."})
        assert brown.case.state == "refused"


def test_an_open_case_is_withdrawn_with_its_reason(client, pc_ali):
    with Officer(client, pc_ali) as ali:
        case = start(client)
        ali.case_pk = case.pk
        ali.post("withdraw", {"reason": "The shop withdrew its complaint."})
        assert (ali.case.state, ali.case.outcome_reason) == (
            "withdrawn",
            "The shop withdrew its complaint.",
        )

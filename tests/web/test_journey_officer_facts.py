"""Who the officer is, in the guided assessment (Ruling R39): the delivering officer's role,
RJ Level 1 training and PCSO power come from their record in crs, so no page asks for them
or lets them be changed. Only whether a warranted officer investigated is asked."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from crs.accounts.models import Rank
from crs.cases.models import Case
from crs.web.journeys import assessment

from ..cases.personas import person
from .test_journey_assessment import THEFT, answer_all, form_data, save, start

ANSWERS = {**THEFT, "officer.investigated_by_warranted_officer": "yes"}


@pytest.fixture(autouse=True)
def on_1_march_2024(monkeypatch):
    monkeypatch.setattr(assessment, "today", lambda: date(2024, 3, 1))


@pytest.fixture
def staff(client, north):
    """Police staff with no RJ Level 1 training (R33)."""
    client.force_login(person("ps_untrained", team=north, rank=Rank.POLICE_STAFF))
    return client


def question_url(case, path):
    return reverse("journeys:question", args=[case.pk, path])


@pytest.fixture
def pcso(client, north):
    """A PCSO trained to RJ Level 1 without the designated power (R23)."""
    client.force_login(person("pcso_lee", team=north, rank=Rank.PCSO, rj_level1_trained=True))
    return client


def test_check_your_answers_shows_the_officers_facts_from_their_record_without_change_links(
    pcso,
):
    case = start(pcso)
    answer_all(pcso, case, ANSWERS)
    page = pcso.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert "Police Community Support Officer" in page
    assert "from the record of pcso_lee" in page
    for path in ("officer.role", "officer.rj_level1_trained", "officer.pcso_designated_power"):
        assert question_url(case, path) not in page
    assert question_url(case, "officer.investigated_by_warranted_officer") in page


@pytest.mark.parametrize(
    ("path", "claim"),
    [("officer.role", "constable"), ("officer.rj_level1_trained", "yes")],
)
def test_police_staff_cannot_answer_that_they_are_a_trained_constable(staff, path, claim):
    case = start(staff)
    answer_all(staff, case, ANSWERS)
    asked = staff.post(question_url(case, path), form_data(path, claim))
    assert asked.status_code == 302
    assert asked["Location"] == reverse("journeys:assessment", args=[case.pk])
    save(staff, case)
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert (stored.facts["officer"]["role"], stored.facts["officer"]["rj_level1_trained"]) == (
        "police_staff",
        False,
    )
    assert stored.decision != "eligible"


def test_a_pcso_without_the_power_cannot_answer_that_they_have_it(pcso):
    case = start(pcso)
    answer_all(pcso, case, {**ANSWERS, "officer.investigated_by_warranted_officer": "no"})
    path = "officer.pcso_designated_power"
    assert pcso.get(question_url(case, path)).status_code == 302
    pcso.post(question_url(case, path), form_data(path, "yes"))
    save(pcso, case)
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert stored.facts["officer"]["pcso_designated_power"] is False
    assert stored.decision == "not_eligible"


def test_officer_facts_a_case_stored_before_r39_holds_are_dropped_when_it_is_saved(staff):
    case = start(staff)
    legacy = dict(case.facts, officer={"role": "constable", "rj_level1_trained": True})
    Case.objects.filter(pk=case.pk).update(facts=legacy)
    answer_all(staff, case, ANSWERS)
    assert save(staff, case).status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert "officer" not in case.facts
    assert case.current_assessment.facts["officer"]["role"] == "police_staff"

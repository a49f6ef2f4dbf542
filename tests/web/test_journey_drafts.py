"""The assessment's answers are kept on the server as each is given (issue 13 item 1):
signing out, the idle limit or another browser loses nothing, and the officer resumes where
they stopped. Nothing incomplete is announced as a success.

Each browser here is a Client of its own: a session shares nothing with another.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from crs.accounts import sessions
from crs.audit.models import AuditEntry
from crs.cases.models import AssessmentDraft, Case
from crs.policy.labels import field_label

from .test_journey_assessment import (  # noqa: F401 (on_1_march_2024: a fixture)
    THEFT,
    answer_all,
    form_data,
    on_1_march_2024,
    page_data,
    save,
    start,
)

PASSWORD = "a-long-test-passphrase"
# The first answers of the adult shop theft: its first page of questions.
FIRST = ("offence.category", "offence.date", "victim.kind")


def question_url(case, field: str) -> str:
    return reverse("journeys:question", args=[case.pk, field])


def give(client, case, *fields: str) -> None:
    """Answer the page of each of `fields` (with every question on it) as the theft does."""
    for field in fields:
        html = client.get(question_url(case, field)).content.decode()
        _, data = page_data(html, THEFT)
        response = client.post(question_url(case, field), data)
        assert response.status_code == 302, response.content.decode()


def post_page(client, case, field: str, answers: dict, **extra):
    """Post the page of `field` with every question on it answered from `answers`."""
    html = client.get(question_url(case, field)).content.decode()
    _, data = page_data(html, answers)
    return client.post(question_url(case, field), {**data, **extra})


def resumes_at(client, case) -> str:
    """The question the assessment goes to next in this browser."""
    response = client.get(reverse("journeys:assessment", args=[case.pk]))
    assert response.status_code == 302
    return response["Location"]


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ali_password(pc_ali):
    pc_ali.set_password(PASSWORD)
    pc_ali.save()
    return pc_ali


def sign_in(client) -> None:
    response = client.post(reverse("sign_in"), {"username": "pc_ali", "password": PASSWORD})
    assert response.status_code == 302


def test_answers_survive_signing_out_and_in_again_in_a_new_browser(ali_password):
    first = Client()
    sign_in(first)
    case = start(first)
    give(first, case, *FIRST)
    assert first.post(reverse("sign_out")).status_code == 302
    assert "_auth_user_id" not in first.session

    again = Client()
    sign_in(again)
    after_first = answer_all(again, case, THEFT)
    assert not set(FIRST) & set(after_first), "asked again what was answered before signing out"
    assert after_first, "the questions not answered before signing out are still asked"
    page = again.get(question_url(case, "offence.date")).content.decode()
    assert 'name="offence.date-answer-day" type="text" value="20"' in page
    assert save(again, case).status_code == 302
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert (stored.decision, stored.facts["offence"]["category"]) == ("eligible", "theft")


def test_answers_survive_the_idle_limit(ali_password, monkeypatch, settings):
    settings.CRS_SESSION_IDLE_SECONDS = 60
    moment = {"now": 1_900_000_000.0}
    monkeypatch.setattr(sessions, "now", lambda: moment["now"])
    client = Client()
    sign_in(client)
    case = start(client)
    give(client, case, *FIRST)
    stopped_at = resumes_at(client, case)
    assert stopped_at != question_url(case, FIRST[0])
    moment["now"] += 61
    ended = client.get(question_url(case, "offence.category"))
    assert ended.status_code == 302 and "ended=idle" in ended["Location"]
    sign_in(client)
    assert resumes_at(client, case) == stopped_at


def test_answers_survive_the_session_being_lost(pc_ali):
    client = browser(pc_ali)
    case = start(client)
    give(client, case, *FIRST)
    stopped_at = resumes_at(client, case)
    session = client.session
    session.flush()  # the server forgot the session: a crash, a cleared store
    client.force_login(pc_ali)
    assert resumes_at(client, case) == stopped_at


def test_another_browser_of_the_officer_resumes_with_the_answers_shown(pc_ali):
    desk = browser(pc_ali)
    case = start(desk)
    give(desk, case, *FIRST)
    phone = browser(pc_ali)
    assert resumes_at(phone, case) == resumes_at(desk, case)
    check = phone.get(reverse("journeys:check_answers", args=[case.pk])).content.decode()
    assert "20 February 2024" in check
    assert "Kind of offence" in check


def test_their_supervisor_continues_the_officers_draft(pc_ali, sgt_brown):
    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, *FIRST)
    brown = browser(sgt_brown)
    page = brown.get(question_url(case, "offence.category")).content.decode()
    assert 'value="theft" checked' in page


@pytest.mark.parametrize("who", ["outsider", "imu_fisher"])
def test_someone_who_may_not_assess_the_case_cannot_read_or_write_the_draft(pc_ali, request, who):
    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, "offence.category")
    other = browser(request.getfixturevalue(who))
    for name in ("journeys:assessment", "journeys:check_answers"):
        response = other.get(reverse(name, args=[case.pk]))
        assert response.status_code in (403, 404), name
        assert "theft" not in response.content.decode().lower(), name
    panel = other.post(reverse("journeys:panel", args=[case.pk]), {"field": "offence.date"})
    assert panel.status_code in (403, 404)
    posted = other.post(question_url(case, "offence.category"), {"answer": "criminal_damage"})
    assert posted.status_code in (403, 404)
    assert AssessmentDraft.objects.get(case=case).facts["offence"]["category"] == "theft"


def test_each_answer_is_in_the_case_history_with_who_and_when(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, *FIRST)
    entries = AuditEntry.objects.filter(case=case, action="answer_draft").order_by("seq")
    (entry,) = entries  # one page, one write
    assert set(FIRST) <= set(entry.after["answers"])
    assert entry.actor == pc_ali
    page = ali.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert page.count("Assessment answered (not yet saved)") == 1
    assert "Answered: " in page and "Date of the offence" in page.split("Answered: ")[1][:300]
    assert f"{entries[0].at:%-d %B %Y}" in page


def test_saving_the_assessment_clears_the_draft_and_says_so(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    answer_all(ali, case, THEFT)
    assert save(ali, case).status_code == 302
    assert not AssessmentDraft.objects.filter(case=case).exists()
    cleared = AuditEntry.objects.filter(case=case, action="clear_draft").get()
    assess = AuditEntry.objects.filter(case=case, action="assess").get()
    assert (cleared.actor, cleared.why) == (pc_ali, "Saved as the assessment.")
    assert cleared.seq < assess.seq
    # Reassessing starts from the facts as saved, not from the answers of before.
    assert resumes_at(ali, case) == reverse("journeys:check_answers", args=[case.pk])


def test_an_incomplete_assessment_is_not_announced_as_a_success(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, "offence.category")
    page = ali.get(save(ali, case)["Location"]).content.decode()
    stored = Case.objects.get(pk=case.pk).current_assessment
    assert stored.decision == "incomplete"
    assert "govuk-notification-banner--success" not in page
    assert "Success" not in page
    assert "The assessment is saved but it is not complete. Still to answer: " in page
    assert field_label(stored.result["missing"][0]) in page
    assert "Answer the remaining questions" in page


def test_a_complete_assessment_is_still_a_success(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    answer_all(ali, case, THEFT)
    page = ali.get(save(ali, case)["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "not complete" not in page


def test_two_tabs_of_the_same_officer_keep_both_answers(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    first_tab = ali.get(question_url(case, "offence.category"))
    second_tab = ali.get(question_url(case, "offence.hate_crime"))
    revision = first_tab.context["revision"]
    assert revision == second_tab.context["revision"]
    assert post_page(ali, case, "offence.hate_crime", THEFT, revision=revision).status_code == 302
    response = post_page(ali, case, "offence.category", THEFT, revision=revision)
    assert response.status_code == 302
    facts = AssessmentDraft.objects.get(case=case).facts
    assert (facts["offence"]["category"], facts["offence"]["hate_crime"]) == ("theft", False)
    assert save(ali, case).status_code == 302


def test_an_answer_given_meanwhile_by_someone_else_is_refused_and_shown(pc_ali, sgt_brown):
    ali = browser(pc_ali)
    case = start(ali)
    revision = ali.get(question_url(case, "offence.category")).context["revision"]
    damage = {**THEFT, "offence.category": "criminal_damage"}
    post_page(browser(sgt_brown), case, "offence.category", damage)
    response = post_page(ali, case, "offence.category", THEFT, revision=revision)
    page = response.content.decode()
    assert response.status_code == 409
    assert "The answers to this assessment were changed by someone else" in page
    draft = AssessmentDraft.objects.get(case=case)
    assert draft.facts["offence"]["category"] == "criminal_damage"
    # The page now carries the answers as they are: submitting again is a decision made.
    assert response.context["revision"] == draft.revision
    again = post_page(ali, case, "offence.category", THEFT, revision=draft.revision)
    assert again.status_code == 302
    assert AssessmentDraft.objects.get(case=case).facts["offence"]["category"] == "theft"


def test_a_change_to_the_case_by_someone_else_is_still_a_conflict_at_saving(pc_ali, sgt_brown):
    from crs.cases import services

    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, "offence.category")
    services.update_facts(
        Case.objects.get(pk=case.pk), sgt_brown, {"offence": {"date": "2024-02-19"}}
    )
    response = save(ali, case)
    assert response.status_code == 409
    assert "was changed by someone else since you started answering" in response.content.decode()
    assert AssessmentDraft.objects.filter(case=case).exists()  # nothing typed is lost
    assert Case.objects.get(pk=case.pk).state == "draft"


def test_changing_the_date_of_birth_from_the_assessment_is_not_someone_else(pc_ali):
    ali = browser(pc_ali)
    case = start(ali)
    give(ali, case, "offence.category")
    url = ali.get(question_url(case, "offender.date_of_birth"))["Location"]
    response = ali.post(
        url,
        {
            "version": Case.objects.get(pk=case.pk).version,
            "given_name": "Sam",
            "family_name": "Smith",
            "date_of_birth-day": "30",
            "date_of_birth-month": "1",
            "date_of_birth-year": "1990",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Case.objects.get(pk=case.pk).version != AssessmentDraft.objects.get(case=case).version
    saved = save(ali, case)
    assert saved.status_code == 302, saved.content.decode()
    assert Case.objects.get(pk=case.pk).current_assessment.facts["offence"]["category"] == "theft"

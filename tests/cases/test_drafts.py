"""An assessment in progress is kept on the case's draft (crs.cases.services.drafts): each
answer written and audited as it is given, readable and writable only by whoever may change
the case's facts, cleared when the assessment is saved."""

from __future__ import annotations

from datetime import date

import pytest

from crs.audit.models import AuditEntry
from crs.audit.verify import verify_chain
from crs.cases import services as s
from crs.cases.errors import Conflict, Invalid, NotAllowed, NotPermitted
from crs.cases.models import AssessmentDraft
from crs.policy.questions import AnswerError, apply_answer

from . import facts as f
from .walk import agreed, fresh, opened

TODAY = date(2024, 3, 1)


def answering(field: str, raw: str):
    """The change a question page makes: one typed answer, read as `crs interview` reads it."""

    def change(facts, skipped):
        return apply_answer(facts, field, raw, today=TODAY), skipped

    return change


def draft(case) -> AssessmentDraft:
    return AssessmentDraft.objects.get(case_id=case.pk)


def test_an_answer_is_kept_on_the_draft_and_the_case_is_untouched(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    assert draft(case).facts["offence"]["hate_crime"] is True
    assert draft(case).facts["offence"]["category"] == "theft"  # started from the case
    after = fresh(case)
    assert "hate_crime" not in after.facts["offence"]
    assert (after.version, after.state) == (case.version, "draft")


def test_each_answer_is_audited_as_a_draft_change_with_who_when_and_which_answer(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "no"))
    entries = list(AuditEntry.objects.filter(case=case, action="answer_draft").order_by("seq"))
    assert [e.actor for e in entries] == [pc_ali, pc_ali]
    assert all(e.at is not None for e in entries)
    assert [e.after["answers"] for e in entries] == [
        {"offence.hate_crime": True},
        {"offence.hate_crime": False},
    ]
    assert entries[1].before["answers"] == {"offence.hate_crime": True}
    assert verify_chain("audit").ok


def test_the_same_answer_again_writes_nothing(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    assert AuditEntry.objects.filter(case=case, action="answer_draft").count() == 1


def test_a_refused_answer_keeps_nothing(pc_ali):
    case = opened(pc_ali, f.eligible())
    with pytest.raises(AnswerError):
        s.answer_draft(case, pc_ali, answering("offence.gravity.final_score", "4"))
    assert not AssessmentDraft.objects.filter(case=case).exists()
    assert not AuditEntry.objects.filter(case=case, action="answer_draft").exists()


def test_a_draft_the_engine_would_refuse_is_refused_by_name(pc_ali):
    case = opened(pc_ali, f.eligible())

    def date_of_birth(facts, skipped):
        facts["offender"]["date_of_birth"] = "1990-01-31"
        return facts, skipped

    with pytest.raises(Invalid, match=r"offender\.date_of_birth"):
        s.answer_draft(case, pc_ali, date_of_birth)
    assert not AssessmentDraft.objects.filter(case=case).exists()


def test_two_pages_of_the_same_officer_keep_both_answers(pc_ali):
    case = opened(pc_ali, f.eligible())
    first_tab = second_tab = 0  # both opened before any answer
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"), seen=first_tab)
    s.answer_draft(case, pc_ali, answering("offender.vulnerable", "no"), seen=second_tab)
    kept = draft(case).facts
    assert (kept["offence"]["hate_crime"], kept["offender"]["vulnerable"]) == (True, False)
    assert fresh(case).version == case.version


def test_an_answer_given_since_by_someone_else_is_refused_as_a_conflict(pc_ali, sgt_brown):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    seen = draft(case).revision
    s.answer_draft(case, sgt_brown, answering("offence.hate_crime", "no"))
    with pytest.raises(Conflict, match="changed by someone else"):
        s.answer_draft(case, pc_ali, answering("offender.vulnerable", "no"), seen=seen)
    assert draft(case).facts["offence"]["hate_crime"] is False


def test_whoever_may_change_the_facts_may_continue_the_draft(pc_ali, sgt_brown):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    assert s.draft_of(case, sgt_brown).facts["offence"]["hate_crime"] is True


@pytest.mark.parametrize("who", ["outsider", "imu_fisher", "ps_untrained"])
def test_someone_who_may_not_assess_the_case_can_neither_read_nor_write_its_draft(
    pc_ali, request, who
):
    other = request.getfixturevalue(who)
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    with pytest.raises(NotPermitted):
        s.draft_of(case, other)
    with pytest.raises(NotPermitted):
        s.answer_draft(case, other, answering("offence.hate_crime", "no"))
    with pytest.raises(NotPermitted):
        s.clear_draft(case, other, why="Not mine.")
    assert draft(case).facts["offence"]["hate_crime"] is True


def test_no_draft_once_the_resolution_is_agreed(pc_ali):
    case = agreed(pc_ali)
    with pytest.raises(NotAllowed, match="once the resolution has been agreed"):
        s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))


def test_clearing_the_draft_is_audited_with_why(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    s.clear_draft(case, pc_ali, why="Saved as the assessment.")
    assert not AssessmentDraft.objects.filter(case=case).exists()
    entry = AuditEntry.objects.filter(case=case).latest("seq")
    assert (entry.action, entry.actor, entry.why) == (
        "clear_draft",
        pc_ali,
        "Saved as the assessment.",
    )
    assert "offence.hate_crime" in entry.before["answers"]


def test_a_change_to_the_facts_by_someone_else_meanwhile_stops_the_draft_being_saved(
    pc_ali, sgt_brown
):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    assert s.changed_meanwhile(fresh(case), pc_ali, draft(case)) is None
    s.update_facts(fresh(case), sgt_brown, f.case_facts(f.needs_sergeant()))
    assert "changed by someone else" in s.changed_meanwhile(fresh(case), pc_ali, draft(case))


def test_the_officers_own_other_work_meanwhile_is_not_someone_else(pc_ali):
    case = opened(pc_ali, f.eligible())
    s.answer_draft(case, pc_ali, answering("offence.hate_crime", "yes"))
    offender = case.people.get(role="offender")
    s.update_person(fresh(case), pc_ali, offender, date_of_birth=date(1990, 1, 30))
    assert fresh(case).version != draft(case).version
    assert s.changed_meanwhile(fresh(case), pc_ali, draft(case)) is None


def test_a_sergeant_who_answered_the_draft_cannot_authorise_the_case(pc_ali, sgt_brown):
    """Ruling R38: an answer in progress becomes a fact when the assessment is saved."""
    case = opened(pc_ali, f.needs_sergeant())
    s.answer_draft(case, sgt_brown, answering("offence.hate_crime", "no"))
    facts = draft(case).facts
    s.clear_draft(case, pc_ali, why="Saved as the assessment.")
    case = s.update_facts(fresh(case), pc_ali, facts)
    s.assess(case, pc_ali)
    case = s.request_authorisation(fresh(case), pc_ali)
    with pytest.raises(NotPermitted, match="You recorded or changed the facts"):
        s.authorise(case, sgt_brown, rationale="First offence of its kind in two years.")

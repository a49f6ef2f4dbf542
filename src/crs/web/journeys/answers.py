"""The guided assessment's working answers, and reading one posted answer.

The answers given so far are kept on the server, in the case's draft (crs.cases.services
.drafts), one write per answer page: signing out, the idle limit, a crash or another
device loses nothing, and whoever may assess the case resumes where it stopped. They are
the facts document the engine reads, in the contract's shape. The case's facts change
only at "Save assessment", which hands the whole document to the services and clears the
draft (each step audited).

Each answer goes through `crs.policy.questions.apply_answer`, as in `crs
interview`, so the web and the terminal refuse the same answers in the same
words.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from crs.cases import officer, services
from crs.cases.services import fill_offender
from crs.policy.facts import IMPLIED_FLAGS, FactsError
from crs.policy.labels import error_message
from crs.policy.questions import (
    LIST_FIELD,
    AnswerError,
    Question,
    Review,
    apply_answer,
    review,
    value_at,
)
from crs.policy.questions import question_for as policy_question


@dataclass
class Working:
    """The answers so far for one case: the facts document, questions skipped, the case
    version they started from, and the draft's revision (0: no draft yet)."""

    facts: dict
    version: int
    skipped: list[str] = field(default_factory=list)
    revision: int = 0


def load(case, user) -> Working:
    """The answers in progress for this case, or a new set starting from the case's facts
    (less any officer facts a case stored before Ruling R39 holds: saving drops them)."""
    return from_draft(services.draft_of(case, user), case)


def from_draft(draft, case) -> Working:
    if draft is None:
        return Working(copy.deepcopy(officer.from_the_case(case.facts)), case.version)
    return Working(draft.facts, draft.version, list(draft.skipped), draft.revision)


def store(case, user, q: Question, raw: str, *, today: date, seen: int | None) -> None:
    """Keep the answer `raw` to `q` in the case's draft, applied to the draft as it is on
    the server now (another tab may have answered meanwhile). Raises AnswerError, or the
    service's CaseError."""

    def put(facts: dict, skipped: list[str]) -> tuple[dict, list[str]]:
        try:
            working = answer(Working(facts, 0, skipped), q, raw, today=today, case=case)
        except Skip:
            return facts, skipped if q.field in skipped else [*skipped, q.field]
        return working.facts, working.skipped

    services.answer_draft(case, user, put, seen=seen)


def store_page(case, user, put: Callable[[Working], Working], *, seen: int | None) -> None:
    """Keep a page's answers in the case's draft: `put` gives the answers with the page's
    put in, applied to the draft as it is on the server now (another tab may have answered
    meanwhile). Raises the service's CaseError."""

    def change(facts: dict, skipped: list[str]) -> tuple[dict, list[str]]:
        working = put(Working(facts, 0, list(skipped)))
        return working.facts, working.skipped

    services.answer_draft(case, user, change, seen=seen)


def forget(case, user, *, why: str, seen: int | None = None):
    """Clear the case's draft; the draft as it was cleared (None: there was none)."""
    return services.clear_draft(case, user, why=why, seen=seen)


def seen(data) -> int | None:
    """The draft's revision a page showed (its hidden `revision`), if it says."""
    posted = (data.get("revision") or "").strip()
    return int(posted) if posted.isdigit() else None


def with_officer(facts: dict, case) -> dict:
    """The facts as the assess service will read them: the delivering officer's own facts
    (role, RJ training, PCSO power) from their record (Ruling R39), and the offender's date
    of birth from the offender."""
    return fill_offender(officer.with_officer(facts, case), case)


def review_of(working: Working, case, *, today: date) -> Review:
    """What the answers so far decide and what is still to ask. An answer that no longer
    fits what the case holds outside the draft (the offender's date of birth corrected
    since the date of the offence was given) is asked again, never a failure of the page:
    its page then refuses it by name until it fits."""
    facts, again = working.facts, []
    for _ in range(len(_REASKED) + 1):
        document = with_officer(facts, case)
        try:
            return _first(review(document, today=today), again, document)
        except FactsError as exc:
            asked_again = exc.path if value_at(facts, exc.path) is not None else None
            asked_again = asked_again or next(
                (p for p in _REASKED if value_at(facts, p) is not None), None
            )
            if asked_again is None:
                raise
            again.append(asked_again)
            facts = _without(facts, asked_again)
    document = with_officer(facts, case)
    return _first(review(document, today=today), again, document)


def _first(state: Review, again: list[str], document: dict) -> Review:
    """The answers asked again come first, even when what is left decides the case without
    them (a baby's date of birth leaves it not eligible): a record never keeps an answer
    that does not fit."""
    asked = {q.field for q in state.questions}
    first = [policy_question(p, document, needed=True) for p in again if p not in asked]
    return Review(state.assessment, False, [*first, *state.questions]) if first else state


# The draft's answers a fact outside it (the date of birth) is checked against.
_REASKED = ("offence.date", "assessed_on")


def _without(facts: dict, path: str) -> dict:
    facts = copy.deepcopy(facts)
    *parents, last = path.split(".")
    holder = facts
    for part in parents:
        holder = holder.get(part) or {}
    holder.pop(last, None)
    return facts


def next_question(working: Working, case, *, today: date) -> Question | None:
    """The first question still worth asking (None when done or settled as not eligible)."""
    state = review_of(working, case, today=today)
    for q in state.questions:
        if q.field not in working.skipped:
            return q
    return None


def question_for(path: str, working: Working, case, *, today: date) -> Question | None:
    """The question for any fact that can be answered (a Change link asks an answered one);
    None for the officer facts that come from the person's record (R39)."""
    if officer.from_the_record(path):
        return None
    state = review_of(working, case, today=today)
    for q in state.questions:
        if q.field == path:
            return q
    parts = path.split(".")
    if len(parts) > 3 and parts[:2] == LIST_FIELD.split(".") and parts[2].isdigit():
        items = value_at(working.facts, LIST_FIELD) or []
        if int(parts[2]) >= len(items):
            return None  # no such previous outcome
    try:
        return policy_question(
            path, with_officer(working.facts, case), needed=path in state.assessment["missing"]
        )
    except (KeyError, IndexError, ValueError):
        return None


class Skip(Exception):
    """An empty answer to a question the decision does not need and that has no default."""


def answer(working: Working, q: Question, raw: str, *, today: date, case=None) -> Working:
    """The answers with `raw` (as apply_answer reads it) put in for `q`; with `case`, checked
    against what the case holds outside its facts too (the offender's date of birth, the
    officer's own facts), so that no answer is kept that the assessment could not read.

    Raises AnswerError, or Skip for an empty answer the decision can do without.
    """
    if not raw and not q.has_default and not q.needed:
        raise Skip(q.field)
    if not raw and q.answer_type in ("bool", "enum"):
        # On a page a choice is made, never taken silently from a default.
        raise AnswerError(q.field, "an answer is needed")
    pruned = _prune(working.facts, q.field, raw)
    facts = apply_answer(pruned, q.field, raw, today=today)
    if case is not None:
        # A date of the offence before the offender was born is refused here, by name, not
        # kept in the draft to break every page that reads it.
        apply_answer(with_officer(pruned, case), q.field, raw, today=today)
    return Working(facts, working.version, [f for f in working.skipped if f != q.field])


def _prune(facts: dict, path: str, raw: str) -> dict:
    """Drop answers a changed category makes impossible (drug details, an implied flag set to
    no), so that changing the kind of offence does not leave the facts invalid."""
    if path != "offence.category":
        return facts
    facts = copy.deepcopy(facts)
    offence = facts.get("offence") or {}
    if raw != "drugs_possession":
        offence.pop("drug", None)
    flag = IMPLIED_FLAGS.get(raw)
    if flag and offence.get(flag) is False:
        offence.pop(flag)
    return facts


def message(exc: AnswerError) -> str:
    return error_message(exc.path, exc.problem)

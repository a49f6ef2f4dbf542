"""The answers of an assessment in progress, kept on the case's draft (AssessmentDraft).

Each answer is written as it is given, audited as `answer_draft` (who, when, which answers
changed), so signing out, the idle limit, a crash or another device loses nothing. The
draft is a working copy: the case's facts change only when the assessment is saved
(update_facts, assess), which clears the draft in the same transaction (`clear_draft`).

Who may read or write a case's draft is who may change its facts (can_work_on). Draft
answers do not move the case's version: the officer's second tab is not "someone else".
Another person is still noticed twice over: a change to the case since the draft began
(`changed_meanwhile`), and an answer by someone else since a page was read (`seen`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from crs.audit.log import record
from crs.audit.models import AuditEntry

from .. import officer, permissions
from ..errors import Conflict, NotAllowed
from ..models import AssessmentDraft, Case
from ..workflow import BEFORE_AGREEMENT
from ._base import permit
from .cases import _check_facts

ANSWER = "answer_draft"
CLEAR = "clear_draft"
ACTIONS = (ANSWER, CLEAR)

# (facts, questions skipped) -> the same with one answer put in; raises to refuse it.
Change = Callable[[dict, list[str]], tuple[dict, list[str]]]


def draft_of(case: Case, user) -> AssessmentDraft | None:
    """The case's assessment in progress, for someone who may change its facts."""
    permit(permissions.can_work_on(user, case))
    return AssessmentDraft.objects.filter(case_id=case.pk).first()


def answer_draft(case: Case, user, change: Change, *, seen: int | None = None):
    """Put one answer into the case's draft (started from the case's facts if there is none)
    and audit it. `change` is applied to the draft as it is now, under the case's lock, so
    two pages of the same officer never undo each other's answers. `seen` is the draft's
    revision the page showed: an answer given since by someone else is refused as a
    Conflict rather than silently answered over. Returns the draft (None: nothing to keep).
    """
    permit(permissions.can_work_on(user, case))
    with transaction.atomic():
        locked = _locked(case)
        if locked.state not in BEFORE_AGREEMENT:
            raise NotAllowed("The facts cannot change once the resolution has been agreed.")
        draft = AssessmentDraft.objects.filter(case=locked).first()
        if draft is not None and seen is not None:
            _refuse_if_moved(draft, user, seen)
        if draft is None:
            # A case stored before Ruling R39 may hold officer facts: the draft never does.
            facts = copy.deepcopy(officer.from_the_case(locked.facts))
            skipped: list[str] = []
        else:
            facts, skipped = copy.deepcopy(draft.facts), list(draft.skipped)
        new_facts, new_skipped = change(copy.deepcopy(facts), list(skipped))
        before, after = _differences(facts, new_facts)
        before, after = {"answers": before}, {"answers": after}
        if new_skipped != skipped:
            before["skipped"], after["skipped"] = skipped, new_skipped
        elif not after["answers"]:
            return draft
        _check_facts(new_facts)
        entry = record(actor=user, case=locked, action=ANSWER, before=before, after=after)
        if draft is None:
            draft = AssessmentDraft(case=locked, version=locked.version, started_seq=entry.seq)
        draft.facts, draft.skipped = new_facts, new_skipped
        draft.revision, draft.updated_by = entry.seq, user
        draft.save()
    return draft


def clear_draft(case: Case, user, *, why: str, seen: int | None = None):
    """Remove the case's draft, audited with `why` (saved as the assessment, or started
    again), and return it as it was, read under the case's lock; None when there is none.
    `seen` as for answer_draft."""
    permit(permissions.can_work_on(user, case))
    with transaction.atomic():
        locked = _locked(case)
        draft = AssessmentDraft.objects.filter(case=locked).first()
        if draft is None:
            return None
        if seen is not None:
            _refuse_if_moved(draft, user, seen)
        answered = sorted(_flatten(draft.facts))
        draft.delete()
        record(
            actor=user,
            case=locked,
            action=CLEAR,
            before={"answers": answered, "skipped": draft.skipped},
            why=why,
        )
    return draft


def changed_meanwhile(case: Case, user, draft: AssessmentDraft | None) -> str | None:
    """The sentence refusing `user` to save `draft` as the facts, when the case changed after
    the draft began in a way the draft would overwrite or `user` may not have seen: its facts
    changed (by anyone), or anything was done to it by someone else. Their own other work
    (the offender's date of birth, a victim added in another tab) is not a conflict."""
    if draft is None or draft.version == case.version:
        return None
    since = AuditEntry.objects.filter(case_id=case.pk, seq__gt=draft.started_seq).exclude(
        action__in=ACTIONS
    )
    if since.filter(Q(action__in=permissions.FACT_ACTIONS) | ~Q(actor=user)).exists():
        return (
            f"Case {case.crime_reference} was changed by someone else since you started "
            "answering. Start again from its facts as they are now."
        )
    return None


def _locked(case: Case) -> Case:
    try:
        return Case.objects.select_for_update().get(pk=case.pk)
    except Case.DoesNotExist:
        raise NotAllowed("This case no longer exists.") from None


def _refuse_if_moved(draft: AssessmentDraft, user, seen: int) -> None:
    if draft.revision == seen:
        return
    others = AuditEntry.objects.filter(
        case_id=draft.case_id, action=ANSWER, seq__gt=seen, seq__gte=draft.started_seq
    ).exclude(actor=user)
    if others.exists():
        raise Conflict(
            "The answers to this assessment were changed by someone else since you opened "
            "this page. Check them and try again."
        )


def _flatten(facts: dict, prefix: str = "") -> dict:
    """Each answer of a facts document by its dotted path (a list, such as the previous
    outcomes, is one answer)."""
    out = {}
    for key, value in facts.items():
        if isinstance(value, dict) and value:
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _differences(old: dict, new: dict) -> tuple[dict, dict]:
    """The answers that changed, as they were and as they are (None: not given)."""
    a, b = _flatten(old), _flatten(new)
    changed = sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))
    return {p: a.get(p) for p in changed}, {p: b.get(p) for p in changed}

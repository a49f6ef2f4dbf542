"""The frame every operation runs in: lock the case, check the version, audit the change.

    with changing(case, user, "agree", why=reason) as ch:
        move(ch, "agree")
    return ch.case

The caller's copy of the case carries the version they read. If the row has
moved on since, the operation is refused with Conflict rather than silently
overwriting someone else's change. The audit entry is written in the same
transaction, so a change is never kept without its entry, nor the reverse.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django_fsm import can_proceed

from crs.audit.log import record
from crs.audit.models import AuditEntry

from .. import counts, guards, summary
from ..errors import Conflict, Invalid, NotAllowed, NotPermitted
from ..models import Case
from ..workflow import STATE_LABELS, TRANSITION_LABELS


@dataclass
class Change:
    case: Case
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)


@contextmanager
def changing(case: Case, user, action: str, *, why: str = ""):
    with transaction.atomic():
        try:
            locked = Case.objects.select_for_update().get(pk=case.pk)
        except Case.DoesNotExist:
            raise NotAllowed("This case no longer exists.") from None
        if locked.version != case.version:
            raise Conflict(_moved_on(locked, user))
        kind = counts.key(locked)
        change = Change(locked)
        yield change
        if "state" in change.after or action == "authorise":
            # Assessed, authorised in part, reopened (authorities voided), ended: the
            # copies the lists read (crs.cases.summary) follow.
            summary.refresh(locked)
        locked.version += 1
        locked.save()
        # In this transaction: the home pages' figures move with the case (crs.cases.counts).
        counts.moved(kind, counts.key(locked))
        record(
            actor=user,
            case=locked,
            action=action,
            before=change.before or None,
            after=change.after or None,
            why=why,
        )


def _moved_on(case: Case, user) -> str:
    """Why the version read is not the case's now, as the person will understand it: the
    last change was their own (a second tab or window), or someone else's."""
    last = AuditEntry.objects.filter(case_id=case.pk).order_by("-seq").only("actor_id").first()
    if last is not None and last.actor_id == getattr(user, "pk", None):
        return (
            f"You changed case {case.crime_reference} in another tab or window since this page "
            "was opened. Reload it to see the case as it is now, and try again."
        )
    return (
        f"Case {case.crime_reference} was changed by someone else since you opened it. "
        "Reload it and try again."
    )


def move(change: Change, transition: str) -> None:
    """Apply a workflow transition, refusing with the guard's own sentence if one fails."""
    case = change.case
    method = getattr(case, transition)
    if not can_proceed(method, check_conditions=False):
        raise NotAllowed(
            f"A case that is {STATE_LABELS[case.state].lower()} cannot be "
            f"{TRANSITION_LABELS[transition]}."
        )
    message = guards.refusal(case, transition)
    if message:
        raise NotAllowed(message)
    before = case.state
    method()
    change.before.setdefault("state", before)
    change.after["state"] = case.state


def permit(message: str | None) -> None:
    if message:
        raise NotPermitted(message)


def required(text: str | None, what: str, field: str | None = None, *, refusal=Invalid) -> str:
    text = (text or "").strip()
    if not text:
        raise refusal(f"Enter {what}.", field)
    return text


def required_now(text: str | None, what: str, field: str) -> str:
    """Text the case as it stands asks for (a reason, once it is assessed): a request without
    it is well formed, and refused as not allowed now rather than as invalid (decision 0012)."""
    return required(text, what, field, refusal=NotAllowed)

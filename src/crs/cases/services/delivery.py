"""Agreeing the resolution with the offender and following its actions (4.4, 4.6)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crs.policy import pack_for

from .. import dates, guards, permissions
from ..errors import Invalid, NotAllowed
from ..models import Case, RemedyAction
from ..workflow import FOLLOWING, PLANNING, State
from ._base import changing, move, permit, required


def add_action(
    case: Case,
    user,
    *,
    kind: str,
    description: str,
    instant: bool | None = None,
    due_date: date | None = None,
) -> RemedyAction:
    """An action from the Community Remedy (4.4.2); a deferred one is due within 16 weeks."""
    permit(permissions.can_work_on(user, case))
    if case.state not in PLANNING:
        raise NotAllowed("Actions are set after the assessment and before the agreement.")
    assessment = case.current_assessment
    remedies = {r.id: r for r in pack_for(assessment.assessed_on).community_remedy}
    if kind not in remedies:
        # Any pack's action is a valid request (the API lists them all); whether it is one of
        # this case's pack depends on the case (decision 0012).
        raise NotAllowed(
            f"{kind!r} is not an action in the Community Remedy document (4.4.2).", "kind"
        )
    instant = remedies[kind].instant if instant is None else instant
    if not instant and assessment.deadlines.get("deferred_outcomes_allowed") is False:
        raise NotAllowed(
            f"The {guards.outcomes_limit(assessment)} from the offence have passed: only an "
            "instant outcome can be agreed (4.4.4, Ruling R25).",
            "instant",
        )
    if not instant and due_date is None:
        raise Invalid("A deferred action needs a due date (4.4.4).", "due_date")
    if not instant:
        dates.check_due(case, due_date)
    with changing(case, user, "add_action") as ch:
        action = RemedyAction(
            case=ch.case,
            kind=kind,
            description=required(description, "what the offender will do"),
            instant=instant,
            due_date=None if instant else due_date,
            created_by=user,
        )
        try:
            action.full_clean()
        except ValidationError as exc:
            # What is left for the model to refuse is a due date past this case's 16 weeks
            # (R25): the request is well formed, the case does not allow it (decision 0012).
            field = next(iter(exc.message_dict), None)
            raise NotAllowed(" ".join(exc.messages), field) from None
        action.save()
        ch.after["action"] = {
            "id": action.pk,
            "kind": kind,
            "instant": instant,
            "due_date": action.due_date,
        }
    return action


def _planned(case: Case, user, action: RemedyAction) -> None:
    permit(permissions.can_work_on(user, case))
    if action.case_id != case.pk:
        raise NotAllowed("That action is not part of this case.")
    if case.state not in PLANNING:
        raise NotAllowed(
            "An action can be changed or removed only before the resolution is agreed."
        )


def change_action(
    case: Case, user, action: RemedyAction, *, description: str, due_date: date | None = None
) -> RemedyAction:
    """Correct what the offender will do, or when, before the agreement (4.4.2-4.4.4): the
    audit entry keeps what it said before."""
    _planned(case, user, action)
    description = required(description, "what the offender will do", "description")
    if not action.instant:
        if due_date is None:
            raise Invalid("A deferred action needs a due date (4.4.4).", "due_date")
        dates.check_due(case, due_date)
    with changing(case, user, "change_action") as ch:
        current = RemedyAction.objects.select_for_update().get(pk=action.pk)
        before = {"description": current.description, "due_date": current.due_date}
        current.description = description
        current.due_date = None if current.instant else due_date
        try:
            current.full_clean()
        except ValidationError as exc:
            field = next(iter(exc.message_dict), None)
            raise NotAllowed(" ".join(exc.messages), field) from None
        current.save()
        after = {"description": current.description, "due_date": current.due_date}
        ch.before["action"] = {"id": current.pk, **before}
        ch.after["action"] = {"id": current.pk, **after}
    return current


def remove_action(case: Case, user, action: RemedyAction) -> Case:
    """Remove an action set by mistake, before the agreement: the audit entry keeps it."""
    _planned(case, user, action)
    with changing(case, user, "remove_action") as ch:
        current = RemedyAction.objects.select_for_update().get(pk=action.pk)
        ch.before["action"] = {
            "id": current.pk,
            "kind": current.kind,
            "description": current.description,
            "instant": current.instant,
            "due_date": current.due_date,
        }
        current.delete()
    return ch.case


def agree(case: Case, user, *, note: str = "") -> Case:
    """The offender agrees the resolution and it is delivered: assessed|authorised → agreed."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "agree", why=note) as ch:
        move(ch, "agree")
        ch.case.agreed_at = ch.after["agreed_at"] = timezone.now()
    return ch.case


def start_actions(case: Case, user) -> Case:
    """agreed → actions_in_progress: deferred actions are being monitored (4.4.5)."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "start_actions") as ch:
        move(ch, "start_actions")
    return ch.case


def complete_action(case: Case, user, action: RemedyAction, *, note: str = "") -> RemedyAction:
    """An action done. On an agreed case with a deferred action still to do once this one is
    done, the actions are first started (4.4.5): the officer marks what the offender did and
    the case moves on, in two audited changes ("start_actions", then the action's) that are
    kept or lost together."""
    with transaction.atomic():
        if _starts_monitoring(case, action):
            case = start_actions(case, user)
        return _settle(case, user, action, RemedyAction.Status.COMPLETED, note)


def _starts_monitoring(case: Case, action: RemedyAction) -> bool:
    """Agreed, and another action is pending besides this one with a deferred one among
    them: marking this one leaves actions to monitor. The last pending action settles an
    agreed case as it stands (it is then completed from agreed)."""
    if case.state != State.AGREED:
        return False
    pending = case.actions.filter(status=RemedyAction.Status.PENDING)
    return pending.exclude(pk=action.pk).exists() and pending.filter(instant=False).exists()


def fail_action(case: Case, user, action: RemedyAction, *, reason: str) -> RemedyAction:
    return _settle(case, user, action, RemedyAction.Status.FAILED, required(reason, "what failed"))


def complete(case: Case, user, *, note: str = "") -> Case:
    """Every action done: → completed (the victim is then told, 4.3.5)."""
    permit(permissions.can_work_on(user, case))
    with changing(case, user, "complete", why=note) as ch:
        move(ch, "complete")
    return ch.case


def record_non_compliance(case: Case, user, *, reason: str) -> Case:
    """4.6.1: recorded, no alternative sanction such as a caution can follow for this offence."""
    permit(permissions.can_work_on(user, case))
    reason = required(reason, "how the offender failed to comply")
    with changing(case, user, "record_non_compliance", why=reason) as ch:
        move(ch, "record_non_compliance")
        now = timezone.now()
        for action in ch.case.actions.filter(status=RemedyAction.Status.PENDING):
            action.status, action.status_at, action.notes = RemedyAction.Status.FAILED, now, reason
            action.save(update_fields=["status", "status_at", "notes"])
        c = ch.case
        c.no_alternative_sanction = ch.after["no_alternative_sanction"] = True
        c.outcome_reason = reason
    return ch.case


def _settle(case: Case, user, action: RemedyAction, status: str, note: str) -> RemedyAction:
    permit(permissions.can_work_on(user, case))
    if case.state not in FOLLOWING:
        raise NotAllowed("Actions are marked done or failed after the agreement.")
    with changing(case, user, f"action_{status}", why=note) as ch:
        action = ch.case.actions.get(pk=action.pk)
        if action.status != RemedyAction.Status.PENDING:
            raise NotAllowed("This action has already been marked.")
        ch.before["action"] = {"id": action.pk, "status": action.status}
        action.status, action.status_at, action.notes = status, timezone.now(), note
        action.save(update_fields=["status", "status_at", "notes"])
        ch.after["action"] = {"id": action.pk, "status": status}
    return action

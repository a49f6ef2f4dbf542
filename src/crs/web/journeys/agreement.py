"""The agreement and its Community Remedy actions (4.3.5, 4.4, 4.6.1).

    cases/<pk>/actions/                  the actions: add one (before agreement), mark them
    cases/<pk>/actions/<id>/done/        an action done (the case moves on: see action_done)
    cases/<pk>/actions/<id>/not-done/    an action not done, with what failed
    cases/<pk>/actions/<id>/change/      before agreement: correct what, or by when
    cases/<pk>/actions/<id>/remove/      before agreement: remove one set by mistake
    cases/<pk>/agree/                    acceptance, consent, signatures, then agree
    cases/<pk>/actions/start/            agreed → actions in progress
    cases/<pk>/actions/complete/         every action done → completed
    cases/<pk>/non-compliance/           4.6.1: not complied with, no caution can follow

The 16-week limit, the parent or guardian contact for a child and every other
rule are the services' guards: a refusal is shown in the error summary.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from crs.cases import guards, services
from crs.cases.errors import CaseError
from crs.cases.models import RemedyAction, Signature
from crs.cases.workflow import FOLLOWING, PLANNING, State
from crs.policy import pack_for
from crs.policy.labels import long_date
from crs.web.pages import checklist as checklist_page

from .common import as_read, case_url, get_case, page, posted, refuse, status_of
from .forms import ActionForm, AgreeForm, ReasonForm
from .records import TOLD_LABELS, TOLD_TEXT


class AgreeAndTellForm(AgreeForm):
    """The agreement, and what the offender was told as it was made (4.1.1, 4.3.4): the
    records the 1912 asks for (crs.cases.checklist), ticked here rather than typed later."""

    told = forms.MultipleChoiceField(
        label="What was the offender told?",
        choices=list(TOLD_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )


def _remedies(case):
    assessment = case.current_assessment
    return pack_for(assessment.assessed_on).community_remedy if assessment else ()


def _deadline(case) -> str:
    due = guards.outcomes_deadline(case.current_assessment)
    return long_date(due) if due else ""


def _limit(case) -> str:
    return guards.outcomes_limit(case.current_assessment)


def _actions_context(case, form=None, errors=()) -> dict:
    labels = {r.id: r.label for r in _remedies(case)}
    actions = list(case.actions.order_by("id"))
    pending = [a for a in actions if a.status == "pending"]
    # Marking an action done starts the monitoring (services.complete_action); the button is
    # for an agreed case with nothing to mark yet, only deferred actions to wait for.
    only_deferred = bool(pending) and not any(a.instant for a in pending)
    return {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "errors": list(errors),
        "has_errors": bool(errors),
        "actions": [{"action": a, "label": labels.get(a.kind, a.kind)} for a in actions],
        "deadline": _deadline(case),
        "outcomes_limit": _limit(case),
        "planning": case.state in PLANNING,
        "following": case.state in FOLLOWING,
        "can_start": case.state == State.AGREED and only_deferred,
        "all_done": bool(actions) and all(a.status == "completed" for a in actions),
        "version": case.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def actions(request, pk):
    """The actions of the case; before agreement, a form to add one from the Community Remedy."""
    case = get_case(request, pk)
    remedies, deadline = _remedies(case), _deadline(case)
    initial = {"version": case.version}
    form = ActionForm(
        posted(request), remedies=remedies, deadline=deadline, limit=_limit(case), initial=initial
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_action(
                as_read(case, request.POST),
                request.user,
                kind=data["kind"],
                description=data["description"],
                due_date=data["due_date"],
            )
        except CaseError as exc:
            refuse(form, exc, action_field(str(exc)))
            status = status_of(exc)
            case = get_case(request, pk)
        else:
            messages.success(request, "The action is added.")
            return redirect("journeys:actions", case.pk)
    return page(request, "journeys/actions.html", _actions_context(case, form), status=status)


def action_field(message: str) -> str:
    """Which input a refusal of add_action is about: its words say (Enter what..., due...)."""
    if message.startswith("Enter what the offender"):
        return "description"
    if "due" in message:
        return "due_date"
    return "kind"


def _button(request, pk, operation, done: str, **kwargs):
    """A button that calls one service on the case; a refusal shows on the actions page.

    A link to the button's address (GET) leads to the actions page, where the button is.
    """
    if request.method != "POST":
        return redirect("journeys:actions", pk)
    case = as_read(get_case(request, pk), request.POST)
    try:
        operation(case, request.user, **kwargs)
    except CaseError as exc:
        return _refused(request, pk, exc)
    messages.success(request, done)
    return redirect("journeys:actions", pk)


def _refused(request, pk, exc: CaseError):
    """The actions page again, with the service's refusal in its error summary."""
    case = get_case(request, pk)
    form = ActionForm(remedies=_remedies(case), deadline=_deadline(case), limit=_limit(case))
    context = _actions_context(case, form, errors=[("", str(exc))])
    return page(request, "journeys/actions.html", context, status=status_of(exc))


@login_required
@require_http_methods(["GET", "POST"])
def change_action(request, pk, action):
    """Before the agreement, correct what the offender will do, or by when (4.4.2-4.4.4)."""
    case = get_case(request, pk)
    found = get_object_or_404(RemedyAction, pk=action, case_id=pk)
    form = ActionForm(
        posted(request),
        remedies=_remedies(case),
        deadline=_deadline(case),
        limit=_limit(case),
        initial={
            "version": case.version,
            "description": found.description,
            "due_date": found.due_date,
        },
    )
    del form.fields["kind"]  # another kind of action is another action: remove this one
    if found.instant:
        del form.fields["due_date"]
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_action(
                as_read(case, request.POST),
                request.user,
                found,
                description=data["description"],
                due_date=data.get("due_date"),
            )
        except CaseError as exc:
            refuse(form, exc, "description")
            status = status_of(exc)
        else:
            messages.success(request, "The action is changed.")
            return redirect("journeys:actions", case.pk)
    labels = {r.id: r.label for r in _remedies(case)}
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "action": found,
        "label": labels.get(found.kind, found.kind),
        "planning": case.state in PLANNING,
    }
    return page(request, "journeys/change_action.html", context, status=status)


@login_required
@require_POST
def remove_action(request, pk, action):
    found = get_object_or_404(RemedyAction, pk=action, case_id=pk)
    return _button(
        request,
        pk,
        lambda case, user: services.remove_action(case, user, found),
        "The action is removed.",
    )


@login_required
@require_POST
def action_done(request, pk, action):
    """An action done, and the case moves on with it: the first of several starts the
    monitoring (crs.cases.services.complete_action); the last completes the case, in the
    same transaction, and the officer goes on to send it for review."""
    found = get_object_or_404(RemedyAction, pk=action, case_id=pk)
    case = as_read(get_case(request, pk), request.POST)
    try:
        with transaction.atomic():
            services.complete_action(case, request.user, found)
            case = get_case(request, pk)
            completes = _every_action_done(case)
            if completes:
                case = services.complete(case, request.user)
    except CaseError as exc:
        return _refused(request, pk, exc)
    if not completes:
        messages.success(request, "The action is marked as done.")
        return redirect("journeys:actions", pk)
    messages.success(request, _completed_message(case, request.user))
    return redirect("journeys:submit_review", pk)


def _every_action_done(case) -> bool:
    """Every action is done and the case can be completed (its guards pass)."""
    return case.state in FOLLOWING and guards.refusal(case, "complete") is None


def _completed_message(case, user) -> str:
    """The case is completed: and what the 1912 still lacks, if anything, that the officer
    records before sending it for review (not what the send for review page records itself
    as it sends the case: crs.web.pages.checklist)."""
    missing = [
        row.text[:1].lower() + row.text[1:]
        for row in checklist_page.rows(case, user)
        if row.outstanding and not row.by_review and not row.by_sending
    ]
    done = "Every action is done and the case is completed."
    if not missing:
        return done
    if len(missing) > SHOWN:  # the checklist on the page lists them all
        more = len(missing) - SHOWN
        missing = [*missing[:SHOWN], f"and {more} more in the checklist below"]
    return f"{done} Still to record before you send it for review: {'; '.join(missing)}."


SHOWN = 3  # what is still to record, named in the message; the rest are counted


@login_required
@require_http_methods(["GET", "POST"])
def start_actions(request, pk):
    return _button(request, pk, services.start_actions, "The actions are being monitored.")


@login_required
@require_http_methods(["GET", "POST"])
def complete(request, pk):
    return _button(
        request,
        pk,
        services.complete,
        "Every action is done. Tell the victim the outcomes have concluded (4.3.5).",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_failed(request, pk, action):
    case = get_case(request, pk)
    found = get_object_or_404(RemedyAction, pk=action, case_id=pk)
    form = ReasonForm(posted(request), initial={"version": case.version})
    form.fields["reason"].label = "What did the offender fail to do?"
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.fail_action(
                as_read(case, request.POST), request.user, found, reason=form.cleaned_data["reason"]
            )
        except CaseError as exc:
            refuse(form, exc, "reason")
            status = status_of(exc)
        else:
            messages.success(request, "The action is marked as not done.")
            return redirect("journeys:actions", case.pk)
    context = {"case": case, "case_url": case_url(case), "form": form, "action": found}
    return page(request, "journeys/action_failed.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agree(request, pk):
    """The offender accepts and consents, the 1912 is signed, and the resolution is agreed.

    The agreement comes first: if a guard refuses it (no action, a child without a
    parent or guardian contact) nothing else is written.
    """
    case = get_case(request, pk)
    form = AgreeAndTellForm(posted(request), initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data, user = form.cleaned_data, request.user
        try:
            case = services.agree(as_read(case, request.POST), user, note=data["acceptance"])
            case = services.add_statement(
                case, user, kind="acceptance_of_responsibility", text=data["acceptance"]
            ).case
            case = services.add_statement(
                case, user, kind="offender_consent", text=data["consent"]
            ).case
            for kind in data["told"]:
                case = services.add_statement(case, user, kind=kind, text=TOLD_TEXT[kind]).case
            case = services.sign(
                case, user, party=Signature.Party.OFFENDER, name=data["offender_signature"]
            ).case
            if data["parent_signature"].strip():
                services.sign(
                    case, user, party=Signature.Party.PARENT_GUARDIAN, name=data["parent_signature"]
                )
        except CaseError as exc:
            refuse(form, exc)
            status = status_of(exc)
            case = get_case(request, pk)
        else:
            messages.success(request, "The resolution is agreed with the offender.")
            return redirect("journeys:actions", case.pk)
    assessment = case.current_assessment
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "juvenile": bool(assessment and assessment.juvenile),
        "parent_guardian_limit": guards.parent_guardian_limit(assessment),
        "actions": list(case.actions.order_by("id")),
        "blocked": guards.refusal(case, "agree") if case.state in PLANNING else None,
    }
    return page(request, "journeys/agree.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def non_compliance(request, pk):
    """4.6.1: recorded; the victim is told; no caution can follow for this offence."""
    case = get_case(request, pk)
    form = ReasonForm(posted(request), initial={"version": case.version})
    form.fields["reason"].label = "How did the offender fail to comply?"
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.record_non_compliance(
                as_read(case, request.POST), request.user, reason=form.cleaned_data["reason"]
            )
        except CaseError as exc:
            refuse(form, exc, "reason")
            status = status_of(exc)
        else:
            messages.success(
                request,
                "Non-compliance is recorded. Tell the victim, and log that contact (4.6.1).",
            )
            return redirect("journeys:contacts", case.pk)
    context = {"case": case, "case_url": case_url(case), "form": form}
    return page(request, "journeys/non_compliance.html", context, status=status)

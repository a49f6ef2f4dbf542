"""The end of a case: restorative justice and its checklist (4.4.4, 4.5.3), the supervisor's
review (4.5.1), IMU quality assurance (4.5.4), and withdrawal with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crs.cases import permissions, services
from crs.cases.errors import CaseError
from crs.cases.models import Contact, RestorativeJustice, Signature
from crs.cases.services.records import CHECKLIST
from crs.cases.workflow import OPEN, State
from crs.ui.forms import radios
from crs.web.pages import checklist as checklist_page
from crs.web.pages import record as record_page

from .common import as_read, case_url, get_case, page, posted, refuse, status_of
from .forms import (
    METHODS,
    CaseForm,
    NoteForm,
    QualityForm,
    ReasonForm,
    RestorativeForm,
    textarea,
)


@login_required
@require_http_methods(["GET", "POST"])
def restorative(request, pk):
    case = get_case(request, pk)
    existing = RestorativeJustice.objects.filter(case=case).first()
    initial = {"version": case.version}
    if existing is not None:
        initial.update(
            delivery=existing.delivery,
            referral_note=existing.referral_note,
            checklist=[c for c in CHECKLIST if getattr(existing, c)],
        )
    form = RestorativeForm(posted(request), initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_restorative(
                as_read(case, request.POST),
                request.user,
                delivery=data["delivery"],
                referral_note=data["referral_note"],
                **{c: c in data["checklist"] for c in CHECKLIST},
            )
        except CaseError as exc:
            field = "referral_note" if "referred" in str(exc) else "delivery"
            refuse(form, exc, field)
            status = status_of(exc)
        else:
            messages.success(request, "Restorative justice is recorded.")
            return redirect(case_url(case))
    context = {"case": case, "case_url": case_url(case), "form": form, "existing": existing}
    return page(request, "journeys/restorative.html", context, status=status)


def _one_step(request, pk, *, template, form, act, done, field=None, extra=None):
    """A page with one form that calls one service: the common shape of the steps below."""
    case = get_case(request, pk)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = act(as_read(case, request.POST), form.cleaned_data)
        except CaseError as exc:
            refuse(form, exc, field)
            status = status_of(exc)
            case = get_case(request, pk)
        else:
            messages.success(request, done)
            return redirect(case_url(case))
    context = {"case": case, "case_url": case_url(case), "form": form, **(extra or {})}
    return page(request, template, context, status=status)


def _form(cls, request, pk, **labels):
    form = cls(posted(request), initial={"version": get_case(request, pk).version})
    for name, label in labels.items():
        form.fields[name].label = label
    return form


class SubmitForm(NoteForm):
    """Send for review: how the victim was told the actions are complete, when the case has
    not logged it (asked only then), and a note for the supervisor."""

    told_victim_by = radios(
        "How did you tell the victim the actions are complete?",
        METHODS,
        error="Select how you told the victim",
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """completed | non_compliant → supervisor review, once the victim has been told (4.3.5)
    and the record is complete: the page shows its checklist.

    The page finishes the record as it sends it: how the victim was told the actions are
    complete (a contact, when none is logged) and the officer's signature (when missing).
    The contact, the signature and the sending are kept together, or none of them (a
    refusal shows in the error summary with the answer given kept).
    """
    case = get_case(request, pk)
    user = request.user
    rows = checklist_page.rows(case, user, sending=True)
    here = {r.by_sending for r in rows}
    tells, signs = checklist_page.TOLD in here, checklist_page.OFFICER in here
    form = SubmitForm(posted(request), initial={"version": case.version})
    form.fields["note"].label = "Anything the supervisor should know"
    if not tells:
        del form.fields["told_victim_by"]
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                case = as_read(case, request.POST)
                if tells:
                    case = services.log_contact(
                        case,
                        user,
                        party=Contact.Party.VICTIM,
                        purpose=Contact.Purpose.ON_CONCLUSION,
                        method=data["told_victim_by"],
                        outcome=Contact.Outcome.SPOKE,
                        at=None,
                        notes="",
                    ).case
                if signs:
                    case = services.sign(
                        case, user, party=Signature.Party.OFFICER, name=_signed_name(user)
                    ).case
                case = services.submit_for_review(case, user, note=data["note"])
        except CaseError as exc:
            refuse(form, exc)
            status = status_of(exc)
            case = get_case(request, pk)
            rows = checklist_page.rows(case, user, sending=True)
        else:
            messages.success(request, "The case is sent for supervisor review.")
            return redirect(case_url(case))
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "checklist": rows,
        "checklist_summary": checklist_page.summary(rows),
        "returned": record_page.returned(case),
        "tells": tells,
        "signs_as": _signed_name(user) if signs else "",
    }
    return page(request, "journeys/submit_review.html", context, status=status)


def _signed_name(user) -> str:
    """The name the officer signs with: their full name, else their user name."""
    return user.get_full_name() or user.get_username()


class ReviewForm(CaseForm):
    """The supervisor's review: what they checked, or what the officer must put right. The
    button pressed says which (a form sent without one approves, as the first button does)."""

    note = forms.CharField(
        label="Your review",
        required=False,  # required below, in words that follow the button pressed
        widget=textarea(5),
        help_text="What you checked. If you return the case, what the officer must put right.",
    )


REVIEW_DONE = {
    "approve": "You approved and signed the case. It goes to the IMU for quality assurance.",
    "return": "The case is returned to the officer, with your reasons.",
}
REVIEW_BLANK = {
    "approve": "Enter your review",
    "return": "Enter what the officer must put right",
}


@login_required
@require_http_methods(["GET", "POST"])
def supervisor_review(request, pk):
    """4.5.1: the supervisor reads the record and its checklist, then approves and signs it,
    or returns it to the officer with what must be put right. A blank review is refused."""
    case = get_case(request, pk)
    refusal = _refusal(case, State.SUPERVISOR_REVIEW, permissions.can_review(request.user, case))
    form = ReviewForm(posted(request), initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        decision = "return" if request.POST.get("decision") == "return" else "approve"
        note = form.cleaned_data["note"].strip()
        try:
            if decision == "return":
                services.return_to_officer(as_read(case, request.POST), request.user, reasons=note)
            elif not note and refusal is None:
                form.add_error("note", REVIEW_BLANK[decision])
            else:
                services.approve_review(as_read(case, request.POST), request.user, note=note)
        except CaseError as exc:
            if exc.field == "reasons":
                form.add_error("note", REVIEW_BLANK[decision])
            else:
                refuse(form, exc, "note")
            status = status_of(exc)
            case = get_case(request, pk)
        else:
            if not form.errors:
                messages.success(request, REVIEW_DONE[decision])
                return redirect(case_url(case))
    rows = checklist_page.rows(case, request.user)
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "refusal": refusal,
        "record": _record(case, request.user),
        "checklist": rows,
        "checklist_id": "review-checklist",
        "checklist_summary": checklist_page.summary(rows),
        "returned": record_page.returned(case),
    }
    return page(request, "journeys/review.html", context, status=status)


def _record(case, user) -> dict:
    """What the reviewer reads of the record before signing: the decision, the actions and
    how they ended, the victim's latest views, who has signed (the whole case is a link
    away)."""
    shown = record_page.case_page(case, user, now=timezone.now())
    views = shown["victim_views"]
    return {
        "panel": shown["panel"],
        "offenders": shown["offenders"],
        "actions": shown["actions"],
        "victim_view": views[-1] if views else None,
        "signatures": shown["signatures"],
        "restorative": shown["restorative"],
        "state_label": shown["state_label"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def quality(request, pk):
    """4.5.4: the IMU accepts the CR (closed) or returns it with reasons."""
    case = get_case(request, pk)

    def act(case, d):
        if d["decision"] == "accept":
            return services.imu_accept(case, request.user, note=d["reasons"])
        return services.imu_return(case, request.user, reasons=d["reasons"])

    return _one_step(
        request,
        pk,
        template="journeys/quality.html",
        form=_form(QualityForm, request, pk),
        act=act,
        done="Your quality assurance is recorded.",
        field="reasons",
        extra={
            "refusal": _refusal(
                case, State.IMU_QA, permissions.can_quality_assure(request.user, case)
            ),
            "checklist": checklist_page.rows(case, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    case = get_case(request, pk)
    return _one_step(
        request,
        pk,
        template="journeys/withdraw.html",
        form=_form(ReasonForm, request, pk, reason="Why is the case withdrawn?"),
        act=lambda case, d: services.withdraw(case, request.user, reason=d["reason"]),
        done="The case is withdrawn.",
        field="reason",
        extra={"refusal": None if case.state in OPEN else "This case is already closed."},
    )


def _refusal(case, state, permission: str | None) -> str | None:
    """Why this person cannot act on this page now (read only; the service decides)."""
    if case.state != state:
        return f"This case is not in {State(state).label.lower()}."
    return permission

"""The records the 1912 holds in the officer's own words (crs.cases.checklist): how the
gravity score was arrived at (3.1.1), and each statement the case's assessment asks for
(the offender's acceptance and consent, what they were told, rationales, capacity).

    cases/<pk>/records/     one text box per record the case needs; what the offender was
                            told, ticked

Each box shows what is recorded now. Saving writes only what changed, each through its
service (a statement is written once: a correction is a new one, and the case shows the
latest), so nothing is lost when one of them is refused.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from crs.cases import checklist, permissions, services
from crs.cases.errors import CaseError
from crs.cases.workflow import OPEN

from .common import as_read, case_url, get_case, page, posted, refuse, status_of
from .forms import CaseForm, textarea

# The question each record answers, and a hint: the SOP's paragraph and what it asks.
QUESTIONS = {
    "gravity_rationale": (
        "How was the gravity score arrived at?",
        "The matrix used, the score for the offence and any factor that changed it (3.1.1).",
    ),
    "gravity_departure_rationale": (
        "Why does the outcome depart from the gravity matrix?",
        "The SOP asks for it on the investigation log (3.1.1).",
    ),
    "public_interest_rationale": (
        "Your rationale, including the public interest",
        "A full rationale (2.3.2).",
    ),
    "exceptional_circumstances": ("What are the exceptional circumstances?", "The SOP, 2.3.2."),
    "previous_compliance": (
        "How has the offender engaged with and complied with previous conditions?",
        "The SOP, 2.4.4.",
    ),
    "appropriate_adult": (
        "Who acted as appropriate adult?",
        "And the efforts made to find one who is not the victim (3.4.3).",
    ),
    "capacity_assessment": (
        "How was the offender's capacity to understand confirmed?",
        "The SOP, 3.4.5.",
    ),
    "medical_professional": (
        "Which medical professional supported the assessment of capacity?",
        "Write 'None' if no one did (3.4.5).",
    ),
    "acceptance_of_responsibility": (
        "How did the offender accept responsibility?",
        "In the offender's words where you can (3.3.3).",
    ),
    "offender_consent": (
        "Record the offender's consent to the resolution",
        "Fully recorded (3.4.1).",
    ),
}
TOLD_LABELS = {
    "dbs_disclosure_explained": (
        "The resolution may be disclosed on an enhanced DBS check, and no one can promise it "
        "will not be (4.1.1)"
    ),
    "offender_told_named_on_crime_report": "They will be named on the crime report (4.3.4)",
}
# The statement written when a box of TOLD_LABELS is ticked.
TOLD_TEXT = {
    "dbs_disclosure_explained": (
        "The offender was told the resolution may be disclosed on an enhanced DBS check, "
        "with no assurance that it will not be."
    ),
    "offender_told_named_on_crime_report": (
        "The offender was told they will be named on the crime report."
    ),
}


def wanted(case) -> list[str]:
    """The records of this page the case's assessment asks for, in the checklist's order."""
    assessment = case.current_assessment
    required = set((assessment.result.get("records_required") or ()) if assessment else ())
    keys = [k for k in checklist.ORDER if k in required]
    out = ["gravity_rationale"] if "gravity_score_rationale" in required else []
    return out + [k for k in keys if k in checklist.STATEMENTS]


def latest(case) -> dict[str, str]:
    """What each record says now: the newest statement of each kind, and the case's own
    gravity rationale."""
    found = {s.kind: s.text for s in case.statements.order_by("recorded_at", "pk")}
    found["gravity_rationale"] = case.gravity_rationale or found.get("gravity_score_rationale", "")
    return found


def records_form(keys: list[str], told_already=()) -> type[CaseForm]:
    """A form with a text box for each record of `keys`, and a box to tick for each thing
    the offender was told not yet recorded (what is told stays told), declared as fields
    so the kit's refusals apply to them."""
    fields: dict[str, forms.Field] = {}
    for key in keys:
        if key in QUESTIONS:
            label, hint = QUESTIONS[key]
            fields[key] = forms.CharField(
                label=label, required=False, widget=textarea(4), help_text=hint
            )
    told = [(k, TOLD_LABELS[k]) for k in keys if k in checklist.TOLD and k not in told_already]
    if told:
        fields["told"] = forms.MultipleChoiceField(
            label="What was the offender told?",
            choices=told,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="Select all that apply.",
        )
    return type("RecordsForm", (CaseForm,), fields)


@login_required
@require_http_methods(["GET", "POST"])
def records(request, pk):
    case = get_case(request, pk)
    refusal = permissions.can_work_on(request.user, case)
    if refusal is None and case.state not in OPEN:
        refusal = "This case is closed: its record can no longer change."
    keys = wanted(case)
    now = latest(case)
    told = [k for k in checklist.TOLD if k in now]
    form = records_form(keys, told)(
        posted(request),
        initial={"version": case.version, **{k: now.get(k, "") for k in keys}},
    )
    status = 403 if refusal and request.method == "POST" else 200
    if request.method == "POST" and not refusal and form.is_valid():
        status = _save(request, case, form, now, told)
        if status is None:
            return redirect(case_url(case))
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "refusal": refusal,
        "told_already": [TOLD_LABELS[k] for k in told if k in keys],
    }
    return page(request, "journeys/records.html", context, status=status)


def _save(request, case, form, now: dict, told: list[str]) -> int | None:
    """Write each changed record through its service; None when all are kept."""
    data, user = form.cleaned_data, request.user
    writes = [
        (key, text.strip())
        for key, text in data.items()
        if key not in ("version", "told") and text.strip() and text.strip() != now.get(key, "")
    ]
    writes += [(key, TOLD_TEXT[key]) for key in data.get("told") or () if key not in told]
    if not writes:
        form.add_error(None, "Enter at least one record, or go back to the case")
        return 200
    case = as_read(case, request.POST)
    for key, text in writes:
        try:
            if key == "gravity_rationale":
                case = services.record_gravity_rationale(case, user, text=text)
            else:
                case = services.add_statement(case, user, kind=key, text=text).case
        except CaseError as exc:
            refuse(form, exc, key if key in form.fields else None)
            return status_of(exc)
    done = len(writes)
    messages.success(request, "The record is saved." if done == 1 else f"{done} records are saved.")
    return None

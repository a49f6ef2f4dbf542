"""Deliver the resolution: one page for what happens with the offender and the victim when
a community resolution is given (4.3-4.5), saved together.

    cases/<pk>/deliver/    the actions, the victim's views and what they were told, the
                           offender's agreement and what they were told, the records the
                           1912 asks for, and the signatures

An officer gives a routine resolution in one sitting: asking the victim, agreeing the
actions with the offender and signing the 1912 happen together, so they are recorded
together. Each part is still written by its own service (each audited), in the SOP's
order, inside one transaction: a refusal writes nothing, shows in the error summary
against its input, and every answer stays on the page. The pages of each part (actions,
agree, victim, records, signatures, contacts) remain for what is done another time.
"""

from __future__ import annotations

import copy

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crs.cases import guards, permissions, services
from crs.cases.errors import CaseError, Conflict, NotPermitted
from crs.cases.models import Contact, Person, RemedyAction, Signature
from crs.cases.workflow import PLANNING, State
from crs.policy import pack_for
from crs.policy.labels import answer_text, long_date
from crs.policy.questions import value_at
from crs.ui.forms import DateField, radios

from .agreement import action_field
from .common import as_read, case_url, get_case, page, posted, refuse, status_of
from .forms import METHODS, VICTIM_TOLD, AgreeForm, CaseForm, VictimViewForm, textarea
from .records import QUESTIONS, TOLD_LABELS, TOLD_TEXT, wanted
from .victim import CONSENTS

ROWS = 3  # rows for actions on the page; more are added on the actions page
# Told to the victim at the delivery: the view's own flags, and what was agreed (4.3.5),
# which is the contact "immediately after delivery".
TOLD_AGREED = "told_what_was_agreed"
VICTIM_TOLD_HERE = {
    TOLD_AGREED: "What the offender agreed to do (4.3.5)",
    **VICTIM_TOLD,
}
# The 1912's consent, as the officer reads it to the offender: kept as written, or changed.
CONSENT = (
    "The offender consented to this community resolution and to the actions set out on the "
    "1912, having been told it is not a conviction and that they could refuse it."
)
PARENT_METHOD = "parent_method"


def gravity_rationale(facts: dict) -> str:
    """How the gravity score was arrived at, in words, from the assessment's answers (3.1.1):
    the officer reads it and adds any factor that changed the score."""
    matrix = value_at(facts, "offence.gravity.matrix")
    base = value_at(facts, "offence.gravity.base_score")
    final = value_at(facts, "offence.gravity.final_score")
    if matrix is None or base is None or final is None:
        return ""
    category = value_at(facts, "offence.category")
    offence = f" for {answer_text('offence.category', category).lower()}" if category else ""
    # "Adult matrix (scores 1 to 4)": the range is the question's help, not the record's.
    matrix_words = answer_text("offence.gravity.matrix", matrix).split(" (")[0]
    said = f"{matrix_words}: a score of {base}{offence}"
    if final == base:
        return f"{said}, with no aggravating or mitigating factor changing it."
    return f"{said}, changed to {final} by: "


def _name(case, role: str) -> str:
    person = case.people.filter(role=role).order_by("pk").first()
    return f"{person.given_name} {person.family_name}".strip() if person else ""


class Part:
    """What the page asks, for this case: the form, and which parts it shows."""

    def __init__(self, case):
        assessment = case.current_assessment
        self.case = case
        self.remedies = pack_for(assessment.assessed_on).community_remedy
        self.juvenile = assessment.juvenile
        self.victim = assessment.identifiable_victim
        self.victim_view_needed = self.victim and not case.victim_views.exists()
        self.parent_contact_needed = (
            self.juvenile and not case.contacts.filter(party=Contact.Party.PARENT_GUARDIAN).exists()
        )
        keys = wanted(case)
        self.records = [k for k in keys if k in QUESTIONS and k not in AGREEMENT]
        self.told = [k for k in TOLD_LABELS if k in keys] or list(TOLD_LABELS)
        self.facts = assessment.facts
        self.deadline = guards.outcomes_deadline(assessment)


AGREEMENT = ("acceptance_of_responsibility", "offender_consent")


def _copied(form: type[CaseForm], name: str) -> forms.Field:
    """A field of another journey's form, asked here as it is asked there."""
    return copy.deepcopy(form.base_fields[name])


def deliver_form(part: Part) -> type[CaseForm]:
    """The page's one form, its fields declared so the kit's refusals and the error
    summary's links apply to each."""
    deadline = part.deadline
    choices = [("", "Choose an action")] + [
        (r.id, f"{r.label} (done at once)" if r.instant else r.label) for r in part.remedies
    ]
    fields: dict[str, forms.Field] = {}
    for i in range(1, ROWS + 1):
        fields[f"action{i}_kind"] = forms.ChoiceField(
            label="Which action?", choices=choices, required=False
        )
        fields[f"action{i}_description"] = forms.CharField(
            label="What will the offender do?",
            required=False,
            widget=textarea(2),
            help_text="For example, pay the shop £25. Optional for an action done at once.",
        )
        fields[f"action{i}_due_date"] = DateField(
            label="Done by",
            subject=f"the due date of action {i}",
            required=False,
            help_text=(
                f"Only for an action done later: by {long_date(deadline)} at the latest. "
                "For example, 1 5 2027"
                if deadline
                else "Only for an action done later. For example, 1 5 2027"
            ),
        )
    if part.parent_contact_needed:
        fields[PARENT_METHOD] = radios(
            "How was a parent or guardian told before the delivery?",
            METHODS,
            error="Select how a parent or guardian was told",
            help_text="3.4.2: before the resolution is delivered to an offender under 18.",
        )
    if part.victim_view_needed:
        # The victim page's questions (VictimViewForm), under this page's names.
        for name in ("method", "views", "wishes", "consents"):
            fields[f"victim_{name}"] = _copied(VictimViewForm, name)
    elif part.victim:
        # The views are recorded (and what was said with them): what is left is telling
        # the victim what was agreed (4.3.5), and how.
        fields["victim_method"] = forms.ChoiceField(
            label="How was the victim told what was agreed?",
            choices=METHODS,
            widget=forms.RadioSelect,
            required=False,
        )
    if part.victim:
        told = (
            VICTIM_TOLD_HERE
            if part.victim_view_needed
            else {TOLD_AGREED: VICTIM_TOLD_HERE[TOLD_AGREED]}
        )
        fields["victim_told"] = forms.MultipleChoiceField(
            label="What was the victim told?",
            choices=list(told.items()),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="Select all that apply.",
        )
    fields["acceptance"] = _copied(AgreeForm, "acceptance")
    fields["consent"] = _copied(AgreeForm, "consent")
    fields["consent"].label = "The offender's consent, as recorded on the 1912"
    fields["consent"].help_text = "3.4.1: change it to what the offender said if it differs."
    fields["told"] = forms.MultipleChoiceField(
        label="What was the offender told?",
        choices=[(k, TOLD_LABELS[k]) for k in part.told],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )
    for key in part.records:
        label, hint = QUESTIONS[key]
        fields[key] = forms.CharField(
            label=label, required=False, widget=textarea(3), help_text=hint
        )
    fields["offender_signature"] = _copied(AgreeForm, "offender_signature")
    if part.juvenile:
        fields["parent_signature"] = _copied(AgreeForm, "parent_signature")
        fields["parent_signature"].help_text = "If a parent or guardian signs."
    if part.victim:
        fields["victim_signature"] = forms.CharField(
            label="Victim's name, as signed",
            max_length=200,
            required=False,
            help_text="Leave blank if the victim did not sign (4.5.1).",
        )
    return type("DeliverForm", (CaseForm,), fields)


def _initial(part: Part) -> dict:
    case = part.case
    initial = {
        "version": case.version,
        "consent": CONSENT,
        "offender_signature": _name(case, Person.Role.OFFENDER),
        "victim_signature": _name(case, Person.Role.VICTIM),
        "parent_signature": _name(case, Person.Role.PARENT_GUARDIAN),
    }
    consents = value_at(part.facts, "victim.consents")
    if consents is not None:
        initial["victim_consents"] = "yes" if consents else "no"
    if "gravity_rationale" in part.records and not case.gravity_rationale:
        initial["gravity_rationale"] = gravity_rationale(part.facts)
    return initial


class Refused(Exception):
    """A service's refusal, with the input of the page it is about."""

    def __init__(self, field: str | None, error: CaseError):
        super().__init__(str(error))
        # A change made meanwhile, or work this person may not do, is about the whole page.
        about_the_page = isinstance(error, (Conflict, NotPermitted))
        self.field, self.error = (None if about_the_page else field), error


def _try(field, operation, *args, **kwargs):
    try:
        return operation(*args, **kwargs)
    except CaseError as exc:
        raise Refused(field, exc) from exc


def _rows(data) -> list[dict]:
    rows = []
    for i in range(1, ROWS + 1):
        kind, text = data[f"action{i}_kind"], data[f"action{i}_description"].strip()
        due = data[f"action{i}_due_date"]
        if kind or text or due:
            rows.append({"i": i, "kind": kind, "description": text, "due_date": due})
    return rows


def save(part: Part, form, user):
    """Every part of the page through its service, in the SOP's order: the case as saved.
    Raises Refused."""
    data, case = form.cleaned_data, part.case
    rows = _rows(data)
    for row in rows:
        if not row["kind"]:
            raise Refused(f"action{row['i']}_kind", CaseError("Select the action"))
    if not rows and not case.actions.exists():
        raise Refused("action1_kind", CaseError("Select at least one action the offender will do"))
    instant = {r.id: r.label for r in part.remedies if r.instant}
    for row in rows:
        # "Verbal apology to the victim" says what is done at once; a later action needs its
        # what and how much in the officer's words.
        row["description"] = row["description"] or instant.get(row["kind"], "")
        i = row["i"]
        field = {"due_date": f"action{i}_due_date", "description": f"action{i}_description"}
        try:
            case = services.add_action(
                case,
                user,
                kind=row["kind"],
                description=row["description"],
                due_date=None if row["kind"] in instant else row["due_date"],
            ).case
        except CaseError as exc:
            named = exc.field if exc.field in field else action_field(str(exc))
            raise Refused(field.get(named, f"action{i}_kind"), exc) from exc
    now = timezone.now()
    if part.parent_contact_needed:
        case = _try(
            PARENT_METHOD,
            services.log_contact,
            case,
            user,
            party=Contact.Party.PARENT_GUARDIAN,
            purpose=Contact.Purpose.BEFORE_DELIVERY,
            method=data[PARENT_METHOD],
            outcome=Contact.Outcome.SPOKE,
        ).case
    told_victim = set(data.get("victim_told") or ())
    if part.victim_view_needed:
        case = _try(
            "victim_views",
            services.record_victim_view,
            case,
            user,
            asked_at=now,
            method=data["victim_method"],
            views=data["victim_views"],
            wishes=data["victim_wishes"],
            consents=CONSENTS[data["victim_consents"]],
            **{flag: flag in told_victim for flag in VICTIM_TOLD},
        ).case
    case = _try(None, services.agree, case, user, note=data["acceptance"])
    statements = [
        ("acceptance", "acceptance_of_responsibility", data["acceptance"]),
        ("consent", "offender_consent", data["consent"]),
        *[("told", kind, TOLD_TEXT[kind]) for kind in data["told"]],
        *[(key, key, data[key].strip()) for key in part.records if data[key].strip()],
    ]
    for field, kind, text in statements:
        if kind == "gravity_rationale":
            case = _try(field, services.record_gravity_rationale, case, user, text=text)
        else:
            case = _try(field, services.add_statement, case, user, kind=kind, text=text).case
    signatures = [
        ("offender_signature", Signature.Party.OFFENDER),
        ("parent_signature", Signature.Party.PARENT_GUARDIAN),
        ("victim_signature", Signature.Party.VICTIM),
    ]
    for field, party in signatures:
        name = (data.get(field) or "").strip()
        if name:
            case = _try(field, services.sign, case, user, party=party, name=name).case
    for action in case.actions.filter(instant=True, status=RemedyAction.Status.PENDING):
        # Done at once is done as the resolution is agreed: this page is that moment.
        case = _try(None, services.complete_action, case, user, action).case
    if not case.actions.exclude(status=RemedyAction.Status.COMPLETED).exists():
        # Nothing left for later (an apology alone): the case is completed now.
        case = _try(None, services.complete, case, user)
    if TOLD_AGREED in told_victim:
        method = data.get("victim_method")
        if not method:
            raise Refused("victim_method", CaseError("Select how the victim was told"))
        case = _try(
            "victim_told",
            services.log_contact,
            case,
            user,
            party=Contact.Party.VICTIM,
            purpose=Contact.Purpose.AFTER_DELIVERY,
            method=method,
            outcome=Contact.Outcome.SPOKE,
        ).case
    return case


@login_required
@require_http_methods(["GET", "POST"])
def deliver(request, pk):
    case = get_case(request, pk)
    if case.state not in PLANNING or case.current_assessment is None:
        return redirect(case_url(case))
    # Someone who may see the case but not work on it (an analyst) is told so, and is shown
    # no form: its prefilled names are the offender's and the victim's.
    refusal = permissions.can_work_on(request.user, case)
    blocked = refusal or guards.assessment_allows_resolution(case)
    part = Part(case)
    form = deliver_form(part)(posted(request), initial={} if blocked else _initial(part))
    status = 403 if refusal and request.method == "POST" else 200
    if request.method == "POST" and not blocked and form.is_valid():
        part.case = as_read(case, request.POST)
        try:
            with transaction.atomic():
                saved = save(part, form, request.user)
        except Refused as refused:
            if refused.field in form.fields:
                form.add_error(refused.field, str(refused.error))
            else:
                refuse(form, refused.error)
            status = status_of(refused.error)
            case = get_case(request, pk)
        else:
            if saved.state == State.COMPLETED:
                messages.success(
                    request,
                    "The resolution is agreed and every action is done: the case is completed.",
                )
                return redirect("journeys:submit_review", case.pk)
            messages.success(request, "The resolution is agreed and recorded on the 1912.")
            return redirect(case_url(case))
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "part": part,
        "rows": [
            [form[f"action{i}_{name}"] for name in ("kind", "description", "due_date")]
            for i in range(1, ROWS + 1)
        ],
        "actions": list(case.actions.order_by("id")),
        "deadline": long_date(part.deadline) if part.deadline else "",
        "blocked": blocked,
    }
    return page(request, "journeys/deliver.html", context, status=status)

"""The people of a case: the offender, a parent or guardian, an appropriate adult, victims.

    cases/<pk>/people/                      who is recorded, with Change links
    cases/<pk>/people/add/<role>/           add someone in that role (services.add_person)
    cases/<pk>/people/<person>/             change their details (services.update_person)

Each role is asked only what the 1912 keeps for it (docs/record.md): a victim may
be an organisation; vulnerability and capacity (3.4.5) are asked of the offender
and a victim; sex and self-defined ethnicity, for the fairness figures, of the
offender and a victim. Every change is audited by the service, with the details
as they were before.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from crs.cases import dates, identities, permissions, services
from crs.cases.errors import CaseError
from crs.cases.models import ETHNICITIES, NAMES, PERSON_DETAILS, SEXES, Person
from crs.cases.workflow import OPEN, State
from crs.ui.forms import DateField

from .common import as_read, case_url, get_case, page, posted, refuse, status_of, today
from .forms import CaseForm, textarea

Role = Person.Role

# What each role is asked, in the order the form asks it (the record's declaration).
ROLE_FIELDS = {
    role: [name for name, detail in PERSON_DETAILS.items() if role in detail.asked] for role in Role
}
# The role as it appears in a URL and in a sentence ("Add a victim").
SLUGS = {
    "offender": Role.OFFENDER,
    "victim": Role.VICTIM,
    "parent-or-guardian": Role.PARENT_GUARDIAN,
    "appropriate-adult": Role.APPROPRIATE_ADULT,
}
NOUNS = {
    Role.OFFENDER: "the offender",
    Role.VICTIM: "a victim",
    Role.PARENT_GUARDIAN: "a parent or guardian",
    Role.APPROPRIATE_ADULT: "an appropriate adult",
}
THE = {
    Role.OFFENDER: "the offender",
    Role.VICTIM: "the victim",
    Role.PARENT_GUARDIAN: "the parent or guardian",
    Role.APPROPRIATE_ADULT: "the appropriate adult",
}


def _longest(name: str) -> int:
    return Person._meta.get_field(name).max_length


class PersonForm(CaseForm):
    given_name = forms.CharField(
        label="First name", max_length=_longest("given_name"), required=False
    )
    family_name = forms.CharField(
        label="Last name", max_length=_longest("family_name"), required=False
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=_longest("organisation"),
        required=False,
        help_text="Only when the victim is an organisation, for example a shop.",
    )
    date_of_birth = DateField(
        label="Date of birth",
        subject="the date of birth",
        required=False,
        help_text="For example, 31 1 1990",
    )
    relationship = forms.CharField(
        label="Relationship to the offender",
        max_length=_longest("relationship"),
        required=False,
        help_text="For example, mother, foster carer, social worker.",
    )
    phone = forms.CharField(
        label="Phone",
        max_length=_longest("phone"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "type": "tel"}),
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        max_length=_longest("email"),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    address = forms.CharField(label="Address", required=False, widget=textarea(3))
    vulnerable = forms.BooleanField(
        label="They are vulnerable",
        required=False,
        help_text="3.4.5: for example, a mental health condition or a learning disability.",
    )
    capacity_notes = forms.CharField(
        label="How was their capacity to understand the resolution confirmed?",
        required=False,
        widget=textarea(3),
        help_text="3.4.5: only for a vulnerable person.",
    )
    medical_professional = forms.CharField(
        label="Medical professional who supported the assessment",
        max_length=_longest("medical_professional"),
        required=False,
        help_text="3.4.5: name and role, if one was involved.",
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=SEXES,
        required=False,
        widget=forms.RadioSelect,
        help_text="As they state it. Leave blank if not asked.",
    )
    ethnicity = forms.ChoiceField(
        label="Ethnic group, as they define it",
        choices=[("", "Not asked"), *ETHNICITIES],
        required=False,
        help_text="The 2021 Census groups.",
    )
    reason = forms.CharField(
        label="Why have the offender's name or date of birth changed?",
        required=False,  # the service asks for it when it is needed, in its own words
        widget=textarea(3),
        help_text="The case was assessed: a change to who the offender is or when they were "
        "born asks for reassessment and voids any authority already given.",
    )

    def __init__(self, *args, role: str, assessed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        asked = {"version", *ROLE_FIELDS[role]}
        if role == Role.OFFENDER and assessed:
            asked.add("reason")
        for name in list(self.fields):
            if name not in asked:
                del self.fields[name]
        if "sex" in self.fields:
            self.fields["sex"].inline = True

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is not None and dates.in_future(born, today()):
            raise forms.ValidationError("The date of birth must be in the past")
        return born

    def clean(self):
        data = super().clean()
        if not any((data.get(n) or "").strip() for n in NAMES if n in self.fields):
            if "organisation" in self.fields:
                message = "Enter the victim's name, or the organisation's name"
            else:
                message = f"Enter the name of {THE[self.role]}"
            self.add_error("given_name", message)
        return data

    def details(self) -> dict:
        """The cleaned details the service takes, only those this role is asked."""
        out = {"reason": self.cleaned_data["reason"]} if "reason" in self.fields else {}
        for name in ROLE_FIELDS[self.role]:
            value = self.cleaned_data.get(name)
            out[name] = value.strip() if isinstance(value, str) else value
        return out


def _refused(request, case):
    """The page that says why this person may not change the case's people, or None."""
    refusal = permissions.can_work_on(request.user, case)
    if refusal is None and case.state not in OPEN:
        refusal = "This case is closed: its record can no longer change."
    if refusal:
        context = {"case": case, "case_url": case_url(case), "refusal": refusal}
        return page(request, "journeys/refused.html", context, status=403)
    return None


def add_links(case) -> list[tuple[str, str]]:
    """(slug, text) of the roles that can be added: one offender, any number of the others."""
    has_offender = case.people.filter(role=Role.OFFENDER).exists()
    return [
        (slug, f"Add {NOUNS[role]}")
        for slug, role in SLUGS.items()
        if not (role == Role.OFFENDER and has_offender)
    ]


@login_required
def people(request, pk):
    case = get_case(request, pk)
    works = permissions.can_work_on(request.user, case) is None and case.state in OPEN
    context = {
        "case": case,
        "case_url": case_url(case),
        "people": identities.people_for(request.user, case, case.people.order_by("pk")),
        "add_links": add_links(case) if works else [],
        "works": works,
    }
    return page(request, "journeys/people.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add_person(request, pk, role):
    case = get_case(request, pk)
    if role not in SLUGS:
        raise Http404("No such role in a case")
    role = SLUGS[role]
    refused = _refused(request, case)
    if refused:
        return refused
    form = PersonForm(
        posted(request), role=role, assessed=_assessed(case), initial={"version": case.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.add_person(
                as_read(case, request.POST), request.user, role=role, **form.details()
            )
        except CaseError as exc:
            refuse(form, exc)
            status = status_of(exc)
        else:
            messages.success(request, f"{THE[role].capitalize()} is added.")
            return _next(request, case)
    title = f"Add {NOUNS[role]}"
    return _form_page(request, case, form, title, status)


@login_required
@require_http_methods(["GET", "POST"])
def change_person(request, pk, person):
    case = get_case(request, pk)
    someone = get_object_or_404(Person, pk=person, case=case)
    refused = _refused(request, case)
    if refused:
        return refused
    initial = {name: getattr(someone, name) for name in ROLE_FIELDS[someone.role]}
    form = PersonForm(
        posted(request),
        role=someone.role,
        assessed=_assessed(case),
        initial={**initial, "version": case.version},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                as_read(case, request.POST), request.user, someone, **form.details()
            )
        except CaseError as exc:
            refuse(form, exc)
            status = status_of(exc)
        else:
            messages.success(request, f"The details of {THE[someone.role]} are saved.")
            return _next(request, case)
    title = f"Change the details of {THE[someone.role]}"
    return _form_page(request, case, form, title, status, person=someone)


def _assessed(case) -> bool:
    return case.state != State.DRAFT


def offender_url(case, *, from_assessment: bool = False) -> str:
    """Where the offender's details, their date of birth among them, are given or changed:
    the assessment asks for the date of birth there, never as a fact (decision 0011)."""
    offender = case.people.filter(role=Role.OFFENDER).order_by("pk").first()
    if offender is None:
        url = reverse("journeys:add_person", args=[case.pk, "offender"])
    else:
        url = reverse("journeys:change_person", args=[case.pk, offender.pk])
    return f"{url}?{FROM_ASSESSMENT}" if from_assessment else url


FROM_ASSESSMENT = "from=assessment"


def _next(request, case):
    """Back to the assessment when it sent the officer here, else to the people."""
    if request.GET.get("from") == "assessment":
        return redirect("journeys:assessment", case.pk)
    return redirect("journeys:people", case.pk)


def _form_page(request, case, form, title, status, person=None):
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "title": title,
        "person": person,
        "offender_dob_note": form.role == Role.OFFENDER,
    }
    return page(request, "journeys/person.html", context, status=status)

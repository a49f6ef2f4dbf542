"""The journeys' forms (GOV.UK wording for every required field), except the guided
questions, whose form is built from the question (question_form.py)."""

from __future__ import annotations

from django import forms

from crs.cases.models import Contact, Person, RestorativeJustice
from crs.cases.services.records import CHECKLIST
from crs.ui.forms import DateField, GovukForm, radios, time_of_day


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def when(
    date_label: str, time_label: str, *, subject: str | None = None
) -> tuple[DateField, forms.TimeField]:
    """The optional date and time of something already done, declared as `on, at = ...`:
    common.moment combines them, and both blank means now. `subject` names the date in
    its errors (default: the date label, "the date signed")."""
    on = DateField(
        label=date_label,
        subject=subject or f"the {date_label.lower()}",
        required=False,
        help_text="Leave blank for now. For example, 27 3 2024",
    )
    return on, time_of_day(time_label)


class CaseForm(GovukForm):
    """A form about one case: carries the version of the case the person read."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StartForm(GovukForm):
    crime_reference = forms.CharField(
        label="Crime reference",
        max_length=40,
        help_text="The reference of the investigation this resolution is for.",
        error_messages={"required": "Enter the crime reference"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    given_name = forms.CharField(
        label="Offender's first name",
        max_length=Person._meta.get_field("given_name").max_length,
        error_messages={"required": "Enter the offender's first name"},
    )
    family_name = forms.CharField(
        label="Offender's last name",
        max_length=Person._meta.get_field("family_name").max_length,
        error_messages={"required": "Enter the offender's last name"},
    )
    date_of_birth = DateField(
        label="Offender's date of birth",
        subject="the offender's date of birth",
        help_text="For example, 31 1 1990",
    )
    description = forms.CharField(
        label="Describe the offence in a few words",
        required=False,
        widget=textarea(3),
        help_text="Optional. For example, theft of a phone charger from a shop.",
    )


class SaveAssessmentForm(CaseForm):
    reason = forms.CharField(
        label="Why have the facts changed?",
        required=False,
        widget=textarea(3),
        help_text="The case was assessed before: saving new facts asks for reassessment "
        "and voids any authority already given.",
    )


class AuthoriseForm(CaseForm):
    decision = radios(
        "Do you authorise this Community Resolution?",
        [("authorise", "Yes, I authorise it"), ("refuse", "No, I refuse it")],
        error="Select whether you authorise or refuse",
    )
    rationale = forms.CharField(
        label="Your rationale",
        required=False,  # the service requires it and says so in the SOP's terms
        widget=textarea(5),
        help_text="Recorded under your own login with your rank (4.2.3).",
    )


class NoteForm(CaseForm):
    note = forms.CharField(label="Note", required=False, widget=textarea(3))


class ReasonForm(CaseForm):
    """A reason the service requires (withdraw, non-compliance, a failed action)."""

    reason = forms.CharField(label="Reason", required=False, widget=textarea(4))


class ActionForm(CaseForm):
    # The choices are the remedies the policy pack offers, given to __init__.
    kind = radios("Which Community Remedy action?", error="Select the action")
    description = forms.CharField(
        label="What will the offender do?",
        required=False,
        widget=textarea(3),
        help_text="For example, pay £9 to the shop for the charger.",
    )
    due_date = DateField(
        label="When must it be done by?",
        subject="the due date",
        required=False,
    )

    def __init__(self, *args, remedies=(), deadline: str = "", limit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        kind.choices = [(r.id, r.label) for r in remedies]
        kind.item_hints = {
            r.id: "Done at once" if r.instant else "Done later, by a due date" for r in remedies
        }
        if deadline:
            self.fields["due_date"].help_text = (
                f"Only for an action done later. No later than {deadline}, {limit} "
                "from the date of the offence (4.4.4). For example, 1 5 2024"
            )


class AgreeForm(CaseForm):
    acceptance = forms.CharField(
        label="How did the offender accept responsibility?",
        widget=textarea(3),
        help_text="In the offender's words where you can (3.3.3).",
        error_messages={"required": "Enter how the offender accepted responsibility"},
    )
    consent = forms.CharField(
        label="Record the offender's consent to the resolution",
        widget=textarea(3),
        help_text="3.4.1: the consent, fully recorded.",
        error_messages={"required": "Enter the offender's consent"},
    )
    offender_signature = forms.CharField(
        label="Offender's name, as signed on the 1912",
        max_length=200,
        error_messages={"required": "Enter the offender's name as signed"},
    )
    parent_signature = forms.CharField(
        label="Parent or guardian's name, as signed",
        max_length=200,
        required=False,
        help_text="For an offender under 18, when a parent or guardian signs.",
    )


METHODS = Contact.Method.choices


class ContactForm(CaseForm):
    party = radios("Who was contacted?", Contact.Party.choices, error="Select who was contacted")
    purpose = radios("Why?", Contact.Purpose.choices, error="Select why they were contacted")
    method = radios("How?", METHODS, error="Select how the contact was made")
    outcome = radios("What happened?", Contact.Outcome.choices, error="Select what happened")
    on, at = when("Date of the contact", "Time of the contact")
    notes = forms.CharField(label="Notes", required=False, widget=textarea(3))


CHECKLIST_LABELS = {
    "offender_accepted_responsibility": "The offender accepted responsibility",
    "offender_understood_effect": "The offender understood the effect of what they did",
    "victim_shared_views": "The victim shared their views",
    "victim_questions_answered": "The victim's questions were answered",
}


class RestorativeForm(CaseForm):
    delivery = radios(
        "How is restorative justice delivered?",
        RestorativeJustice.Delivery.choices,
        error="Select how restorative justice is delivered",
    )
    referral_note = forms.CharField(
        label="Why refer the case to the Restorative Justice Officer?",
        required=False,
        widget=textarea(3),
        help_text="Only for a referral (4.4.4).",
    )
    checklist = forms.MultipleChoiceField(
        label="The restorative checklist (4.5.3)",
        choices=[(c, CHECKLIST_LABELS[c]) for c in CHECKLIST],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A restorative process counts only when all four are met. Select all that apply.",
    )


class QualityForm(CaseForm):
    decision = radios(
        "Is this Community Resolution compliant?",
        [("accept", "Yes, accept it and close the case"), ("return", "No, return it with reasons")],
        error="Select whether you accept or return the case",
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=textarea(4),
        help_text="Required when you return the case: what must be put right (4.5.4).",
    )


VICTIM_TOLD = {
    "questions_answered": "Their questions were answered",
    "told_voluntary": "They were told the agreed actions are voluntary and cannot be enforced "
    "(4.3.4)",
    "told_no_alternative_sanction": "They were told that no caution can follow if the offender "
    "does not comply (4.6.1)",
}


class VictimViewForm(CaseForm):
    on, at = when("When was the victim asked?", "Time", subject="the date of the conversation")
    method = radios("How were they asked?", METHODS, error="Select how the victim was asked")
    views = forms.CharField(
        label="What did the victim say?",
        widget=textarea(4),
        help_text="Their views, in their words where you can (4.3.3).",
        error_messages={"required": "Enter what the victim said"},
    )
    wishes = forms.CharField(
        label="What would they like the offender to do?",
        required=False,
        widget=textarea(3),
        help_text="Optional: the actions the victim would like (4.3.3, 4.4.1).",
    )
    consents = radios(
        "Does the victim consent to a community resolution?",
        [("yes", "Yes"), ("no", "No"), ("undecided", "Not decided yet")],
        error="Select whether the victim consents",
        help_text="4.3.2",
    )
    told = forms.MultipleChoiceField(
        label="What were they told?",
        choices=list(VICTIM_TOLD.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )

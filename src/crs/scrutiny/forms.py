"""The panel's forms, in GOV.UK words (crs.ui.forms)."""

from __future__ import annotations

from django import forms

from crs.ui.forms import DateField, GovukForm, radios

from .models import Finding
from .services import MAX_SEED, MAX_SIZE


class DrawForm(GovukForm):
    start = DateField(
        label="Closed on or after",
        subject="the start of the period",
        error_messages={"required": "Enter the start of the period"},
    )
    end = DateField(
        label="Closed on or before",
        subject="the end of the period",
        error_messages={"required": "Enter the end of the period"},
    )
    size = forms.IntegerField(
        label="How many cases should the sample have?",
        min_value=1,
        max_value=MAX_SIZE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many cases the sample should have",
            "invalid": "The sample size must be a whole number",
            "min_value": "The sample size must be at least 1",
            "max_value": f"The sample size must be {MAX_SIZE} or fewer",
        },
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        help_text="Leave blank for a new random seed. Enter a sample's seed and period to "
        "draw the same sample again.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "The seed must be a whole number",
            "min_value": "The seed must be 0 or more",
            "max_value": f"The seed must be {MAX_SEED} or less",
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after its start")
        return data


class FindingForm(GovukForm):
    finding = radios(
        "What is the panel's finding?", Finding.Verdict.choices, error="Select the panel's finding"
    )
    comments = forms.CharField(
        label="Comments",
        required=False,
        widget=forms.Textarea,
        help_text="Needed when the resolution was appropriate with observations, or "
        "inappropriate. Do not include names or other personal details.",
    )

    def clean(self):
        data = super().clean()
        needs = (Finding.Verdict.WITH_OBSERVATIONS, Finding.Verdict.INAPPROPRIATE)
        if data.get("finding") in needs and not (data.get("comments") or "").strip():
            self.add_error("comments", "Enter the panel's comments for this finding")
        return data


class ReviewForm(GovukForm):
    """One textarea for each free-text field of a case, holding the text the pack will print:
    the redactor's suggestion at first, or what was saved. The service checks it again."""

    def __init__(self, fields, *args, **kwargs):
        # fields: review.FieldReview, in the pack's order; the inputs are named text-1, text-2...
        initial = {
            f"text-{i}": (r.reviewed.text if r.reviewed else r.suggestion.text)
            for i, r in enumerate(fields, start=1)
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.keys = {}
        for i, r in enumerate(fields, start=1):
            name = f"text-{i}"
            self.keys[name] = r.field.key
            self.fields[name] = forms.CharField(
                label=f"{r.field.label}: the text for the pack",
                widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
                error_messages={
                    "required": f"Enter the text of {r.field.label.lower()} the panel should read"
                },
            )

    def texts(self) -> dict[str, str]:
        """key -> text, as the service takes them."""
        return {key: self.cleaned_data[name] for name, key in self.keys.items()}

    def add_errors(self, errors: dict[str, str]) -> None:
        """The service's refusals (by key) on their fields."""
        names = {key: name for name, key in self.keys.items()}
        for key, message in errors.items():
            self.add_error(names.get(key), message)

"""GOV.UK form helpers shared by every page: fields whose errors read as the Design System asks.

    class AuthoriseForm(GovukForm):
        decision = radios("Do you authorise this Community Resolution?", [...],
                          error="Select whether you authorise")
        consulted = YesNoField(label="Was the victim consulted?",
                               error="Select yes if the victim was consulted")
        asked_on = DateField(label="When was the victim asked?")
        asked_at = time_of_day("Time")
        rationale = forms.CharField(label="Rationale", widget=forms.Textarea,
                                    error_messages={"required": "Enter the rationale"})

Render each field with `{% govuk_field form.decision %}` and the summary with
`{% govuk_error_summary form %}` (crs.ui.templatetags.govuk); base.html puts
"Error: " before the page title whenever the context's `form` has errors.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from crs.text import NUL, SURROGATE, fault, too_long


class GovukForm(forms.Form):
    """A form whose labels carry no suffix (GOV.UK labels end without a colon), and whose text
    boxes refuse what a case cannot keep by the field's name (crs.cases.text): text over the
    field's maximum ("Crime reference must be 40 characters or fewer"; the box has no
    maxlength attribute, which would make the browser cut it short silently), the NUL
    character, a lone surrogate."""

    label_suffix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                _name_text_refusals(name, field)


def _name_text_refusals(name: str, field: forms.CharField) -> None:
    label = str(field.label or name.replace("_", " "))
    label = label[:1].upper() + label[1:]

    def storable(value: str) -> None:
        if fault(value) == SURROGATE:  # NUL: Django's own validator, with the words below
            raise ValidationError(f"{label} {SURROGATE}", code="surrogate")

    field.widget.attrs.pop("maxlength", None)
    field.validators.append(storable)
    field.error_messages["null_characters_not_allowed"] = f"{label} {NUL}"
    if field.max_length is not None:
        field.error_messages["max_length"] = f"{label} {too_long(field.max_length)}"


def radios(label: str, choices=(), *, error: str, **kwargs) -> forms.ChoiceField:
    """One answer from a few, as radios. `error` is the message when none is chosen:
    "Select who was contacted" (GOV.UK wording, not Django's "This field is required")."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": error},
        **kwargs,
    )


def time_of_day(label: str) -> forms.TimeField:
    """An optional time on the 24-hour clock, in a box five characters wide.

    People type 14:30, 14.30 or 1430; one it cannot read names the field by its label
    in lower case: "Enter the time signed like 14:30".
    """
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": f"Enter the {label.lower()} like 14:30"},
    )


class YesNoField(forms.TypedChoiceField):
    """Yes or No as radios, cleaned to True or False.

    `error` is the message when neither is chosen: "Select yes if ..." (GOV.UK wording).
    """

    def __init__(self, *, error: str = "Select yes or no", inline: bool = True, **kwargs):
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(
            choices=[("yes", "Yes"), ("no", "No")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            error_messages={"required": error},
            **kwargs,
        )
        self.inline = inline

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


class DateWidget(forms.MultiWidget):
    """Three text boxes, day, month and year, named `<name>-day` and so on."""

    def __init__(self, attrs=None):
        super().__init__(
            {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        )

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}-{part}" not in data for part in ("day", "month", "year"))


class DateField(forms.Field):
    """A date typed as day, month and year, with the Design System's error messages.

    The messages name the field by `subject` (default: the label in lower case):
    "Enter the date of birth", "The date of birth must include a month",
    "The date of birth must be a real date".
    """

    widget = DateWidget

    def __init__(self, *, subject: str | None = None, **kwargs):
        self.required_message = (kwargs.get("error_messages") or {}).get("required")
        super().__init__(**kwargs)
        self.subject = subject

    def _name(self) -> str:
        return self.subject or f"the {str(self.label or 'date').lower()}"

    def to_python(self, value):
        if isinstance(value, date):
            return value
        parts = dict(zip(("day", "month", "year"), value or ["", "", ""], strict=True))
        if not any(parts.values()):
            return None
        missing = [part for part, text in parts.items() if not text]
        if missing:
            raise forms.ValidationError(
                f"{self._name().capitalize()} must include a {' and a '.join(missing)}",
                code="incomplete",
            )
        try:
            day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                f"{self._name().capitalize()} must be a real date", code="invalid"
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(
                self.required_message or f"Enter {self._name()}",
                code="required",
            )

"""The dashboard's filters: a GET form, so a filtered view is a link that can be shared."""

from __future__ import annotations

from django import forms

from crs.accounts.models import Team
from crs.cases.models import CATEGORIES
from crs.web.forms import DateField, GovukForm


class FilterForm(GovukForm):
    start = DateField(
        label="Offences from",
        required=False,
        help_text="For example, 1 4 2024",
        subject="the start date",
    )
    end = DateField(
        label="Offences to",
        required=False,
        help_text="For example, 31 3 2025",
        subject="the end date",
    )
    district = forms.ChoiceField(label="District", required=False)
    category = forms.ChoiceField(
        label="Offence category",
        required=False,
        choices=[("", "All categories"), *[(k, v.capitalize()) for k, v in CATEGORIES]],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = Team.objects.order_by("district").values_list("district", flat=True).distinct()
        self.fields["district"].choices = [("", "All districts"), *[(d, d) for d in districts]]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) or None for k in ("start", "end")} | {
            k: data.get(k) or "" for k in ("district", "category")
        }

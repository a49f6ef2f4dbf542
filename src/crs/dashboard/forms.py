"""The dashboard's filters: a GET form, so a filtered view is a link that can be shared.

The figures are counted by month (crs.dashboard.models.Tally), so the period is chosen
as a first and a last month, from the months that have cases.
"""

from __future__ import annotations

from datetime import date

from django import forms

from crs.accounts.models import Team
from crs.cases.models import CATEGORIES
from crs.ui.forms import GovukForm

from .models import Tally


def _month(value: str) -> date | None:
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        return None


class FilterForm(GovukForm):
    start = forms.ChoiceField(
        label="Offences from",
        required=False,
        error_messages={"invalid_choice": "Select a first month from the list"},
    )
    end = forms.ChoiceField(
        label="Offences to",
        required=False,
        error_messages={"invalid_choice": "Select a last month from the list"},
    )
    district = forms.ChoiceField(
        label="District",
        required=False,
        error_messages={"invalid_choice": "Select a district from the list"},
    )
    category = forms.ChoiceField(
        label="Offence category",
        required=False,
        choices=[("", "All categories"), *[(k, v.capitalize()) for k, v in CATEGORIES]],
        error_messages={"invalid_choice": "Select an offence category from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = Team.objects.order_by("district").values_list("district", flat=True).distinct()
        self.fields["district"].choices = [("", "All districts"), *[(d, d) for d in districts]]
        months = (
            Tally.objects.filter(figure="headline", key="cases", month__isnull=False)
            .order_by("month")
            .values_list("month", flat=True)
            .distinct()
        )
        choices = [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]
        self.fields["start"].choices = [("", "The first month"), *choices]
        self.fields["end"].choices = [("", "The last month"), *choices]

    def clean(self):
        data = super().clean()
        start, end = _month(data.get("start") or ""), _month(data.get("end") or "")
        if start and end and end < start:
            self.add_error("end", "The last month must be the same as or after the first month")
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "start": _month(data.get("start") or ""),
            "end": _month(data.get("end") or ""),
            "district": data.get("district") or "",
            "category": data.get("category") or "",
        }

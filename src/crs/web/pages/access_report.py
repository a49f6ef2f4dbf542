"""Who has looked at a case or a person: the access log read back on a page (DPA 2018 s.62;
issue 15), for the people who answer that question — the IMU and administrators, as for a
subject access request. The same reading as `crs audit access` (crs.cases.access_report)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from crs.accounts.models import Role
from crs.audit.access import log_access
from crs.cases.access_report import accesses
from crs.ui.forms import DateField, GovukForm

PAGE_SIZE = 50
READERS = (Role.IMU_QUALITY_ASSURER, Role.ADMINISTRATOR)


def may_read(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in READERS)


class AccessReportForm(GovukForm):
    case = forms.CharField(
        label="Crime reference",
        required=False,
        max_length=40,
        help_text="Everything recorded about one case. For example, CR/1234/26",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    family_name = forms.CharField(label="Or the person's last name", required=False, max_length=100)
    given_name = forms.CharField(label="First name (optional)", required=False, max_length=100)
    dob = DateField(
        label="Date of birth (optional)",
        subject="the date of birth",
        required=False,
        help_text="For example, 31 1 1990",
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("case") or data.get("family_name")):
            self.add_error("case", "Enter a crime reference, or the person's last name")
        return data


@login_required
@require_GET
def access_report(request):
    if not may_read(request.user):
        raise PermissionDenied("Only the IMU or an administrator can read the access log.")
    asked = bool(request.GET)
    form = AccessReportForm(request.GET if asked else None)
    page = None
    if asked and form.is_valid():
        data = form.cleaned_data
        entries = accesses(
            case_ref=data["case"],
            family_name=data["family_name"],
            given_name=data["given_name"],
            dob=data["dob"],
        ).select_related("actor")
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        for entry in page.object_list:
            entry.why_in_words = why_in_words(entry.why)
        # Reading who looked is itself a look at those cases.
        log_access(request, "search", shown=[e.case_id for e in page.object_list if e.case_id])
    return render(
        request,
        "pages/access_report.html",
        {"form": form, "page": page, "query": _without_page(request.GET)},
    )


# The pages people name most, as they know them; any other page by its name in words.
PAGE_WORDS = {
    "case_detail": "the case page",
    "case_list": "the case list",
    "home": "the home page",
    "journeys:form_1912": "form 1912 (PDF)",
    "journeys:acceptance_form": "the acceptance form (PDF)",
}
_PAGE_NAME = re.compile(r"\b(?:[a-z_]+:)?[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z_]+:[a-z]+\b")


def why_in_words(why: str) -> str:
    """The log's "why" as a person reads it. The log keeps the page's internal name (it is
    sealed in the hash chain and stays as written); the report names the page in words."""

    def page(match: re.Match) -> str:
        name = match.group(0)
        return PAGE_WORDS.get(name) or name.rsplit(":", 1)[-1].replace("_", " ")

    return _PAGE_NAME.sub(page, why)


def _without_page(params) -> str:
    """The query string the pages' links keep: the search, not the page number."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()

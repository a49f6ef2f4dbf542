"""Opening one case's identities with a reason: the Victim Justice analyst's page
(crs.cases.identities). A plain form, so it works without JavaScript."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crs.cases import identities
from crs.cases.errors import Invalid
from crs.ui.forms import GovukForm

from .common import case_url, get_case, page, posted
from .forms import textarea


class IdentitiesForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to see who the people in this case are?",
        help_text=(
            f"For example, the enquiry or request you are dealing with. Between "
            f"{identities.REASON_MIN} and {identities.REASON_MAX} characters. The reason is "
            "kept in the access log and shown in the access report."
        ),
        required=False,  # identities.check_reason words the errors
        widget=textarea(4),
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_identities(request, pk):
    case = get_case(request, pk)
    if not identities.pseudonymised(request.user):
        raise PermissionDenied("Your role sees the people in a case already.")
    form = IdentitiesForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            entry = identities.open_identities(request.user, case, form.cleaned_data["reason"])
        except Invalid as exc:
            form.add_error("reason", str(exc))
        else:
            until = timezone.localtime(entry.at + identities.OPEN_FOR)
            messages.success(
                request, f"You can see the people in this case until {until:%H:%M on %-d %B}."
            )
            return redirect(case_url(case))
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "hours": int(identities.OPEN_FOR.total_seconds() // 3600),
        "open_until": identities.open_until(request.user, case),
    }
    return page(request, "journeys/identities.html", context)

"""The victim's views, wishes and consent, as an auditable record: who asked, when, how,
and what they said (4.3.2-4.3.4, 4.6.1). Each record is written once; a later
conversation is a new record, so the case shows what the victim said when."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crs.cases import services
from crs.cases.errors import CaseError

from .common import as_read, case_url, get_case, moment, page, posted, refuse, status_of
from .forms import VICTIM_TOLD, VictimViewForm

CONSENTS = {"yes": True, "no": False, "undecided": None}


@login_required
@require_http_methods(["GET", "POST"])
def victim(request, pk):
    case = get_case(request, pk)
    form = VictimViewForm(posted(request), initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        asked_at = moment(form, data, "the conversation")
        if not form.errors:
            try:
                services.record_victim_view(
                    as_read(case, request.POST),
                    request.user,
                    asked_at=asked_at or timezone.now(),
                    method=data["method"],
                    views=data["views"],
                    wishes=data["wishes"],
                    consents=CONSENTS[data["consents"]],
                    **{flag: flag in data["told"] for flag in VICTIM_TOLD},
                )
            except CaseError as exc:
                refuse(form, exc, "views")
                status = status_of(exc)
            else:
                messages.success(request, "The victim's views are recorded.")
                return redirect(case_url(case))
    views = case.victim_views.select_related("asked_by").order_by("-asked_at", "-pk")
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "views": [
            {
                "view": v,
                "method": v.method_label,
                "consents": {True: "Yes", False: "No"}.get(v.consents, "Not decided yet"),
                "told": [text for flag, text in VICTIM_TOLD.items() if getattr(v, flag)],
            }
            for v in views
        ],
    }
    return page(request, "journeys/victim.html", context, status=status)

"""The contact log: victims, parents or guardians and others, who, when, how, what came of it.

For an offender under 18 the page shows the parent or guardian deadline
(3.4.2, 3.4.3, Ruling R26): contact before delivery, or inform them within 24
hours of it. What is due, and whether it is late, comes from crs.cases.duties.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crs.cases import services
from crs.cases.duties import duties
from crs.cases.errors import CaseError

from .common import as_read, case_url, get_case, moment, page, posted, refuse, status_of
from .forms import ContactForm


@login_required
@require_http_methods(["GET", "POST"])
def contacts(request, pk):
    case = get_case(request, pk)
    form = ContactForm(posted(request), initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        at = moment(form, data, "the contact")
        if not form.errors:
            try:
                services.log_contact(
                    as_read(case, request.POST),
                    request.user,
                    party=data["party"],
                    purpose=data["purpose"],
                    method=data["method"],
                    outcome=data["outcome"],
                    at=at,
                    notes=data["notes"],
                )
            except CaseError as exc:
                refuse(form, exc)
                status = status_of(exc)
            else:
                messages.success(request, "The contact is logged.")
                return redirect("journeys:contacts", case.pk)
    return page(request, "journeys/contacts.html", _context(case, form), status=status)


def _context(case, form) -> dict:
    assessment = case.current_assessment
    now = timezone.now()
    deadlines = assessment.deadlines if assessment else {}
    hours = deadlines.get("parent_guardian_informed_within_hours")
    parent_due = None
    if hours is not None and case.agreed_at is not None:
        parent_due = timezone.localtime(case.agreed_at + timedelta(hours=hours))
    log = case.contacts.select_related("made_by").order_by("-at")
    return {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "contacts": [{"contact": c, "method": c.method_label} for c in log],
        "parent_hours": hours,
        "parent_due": parent_due,
        "parent_logged": case.contacts.filter(party="parent_guardian").exists(),
        "duties": duties(case, now=now),
    }

"""What every journey view shares: the clock, the case as read, and refusals shown as errors.

A view reads the case, parses the form, calls one service and redirects; when
the service refuses (crs.cases.errors.CaseError) its sentence goes into the
form's errors, so the page shows it in the GOV.UK error summary, never a
traceback. The version the person read travels in a hidden input, so a
change made by someone else in between is refused as a Conflict.
"""

from __future__ import annotations

from datetime import date, datetime

from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from crs.cases.errors import CaseError, Conflict, Invalid, NotPermitted
from crs.cases.models import Case
from crs.cases.permissions import visible_cases


def today() -> date:
    """The door decides what today is (the engine never reads the clock); tests replace it."""
    return timezone.localdate()


def get_case(request, pk: int) -> Case:
    """The case, if this person may see it (the site's one rule, visible_cases); else 404."""
    cases = visible_cases(request.user, Case.objects.select_related("owner", "team"))
    return get_object_or_404(cases, pk=pk)


def as_read(case: Case, data) -> Case:
    """The case with the version the person read (the form's hidden `version`), if given."""
    posted = (data.get("version") or "").strip()
    if posted.isdigit():
        case.version = int(posted)
    return case


def case_url(case: Case) -> str:
    """The case page (crs.web.pages), or the case's assessment when it is not there."""
    try:
        return reverse("case_detail", args=[case.pk])
    except NoReverseMatch:
        return reverse("journeys:assessment_result", args=[case.pk])


# The services name a moment as the API does (`at`, `asked_at`, `signed_at`); the journeys
# ask for it as a date (`on`) and a time (`at`), and a date rule is about the date.
MOMENTS = {"at", "asked_at", "signed_at"}


def refuse(form, exc: CaseError, field: str | None = None) -> None:
    """Put a service's refusal into the form: against the input the service names, if the
    form has it (a reason the assessed case asks for is not allowed now rather than invalid,
    but it is still that input's error); else, for an Invalid, against `field`; otherwise
    against the whole form."""
    named = exc.field
    if named in MOMENTS and "on" in form.fields:
        named = "on"
    if named in form.fields:
        form.add_error(named, str(exc))
    else:
        form.add_error(field if isinstance(exc, Invalid) else None, str(exc))


def status_of(exc: CaseError) -> int:
    if isinstance(exc, NotPermitted):
        return 403
    if isinstance(exc, Conflict):
        return 409
    return 200


def page(request, template: str, context: dict, *, status: int = 200):
    return render(request, template, context, status=status)


def posted(request):
    """The form data of a POST (even an empty one: a button alone submits nothing), else None."""
    return request.POST if request.method == "POST" else None


def moment(form, data, what: str) -> datetime | None:
    """The date (`on`) and time (`at`) a form gives, or None for "now". A time without a
    date is put in the form's errors; `what` names it ("the contact"). Whether the moment
    can be so dated is the service's rule (crs.cases.dates), the same for every door."""
    if not data.get("on"):
        if data.get("at") is not None:
            form.add_error("on", f"Enter the date of {what}")
        return None
    if data.get("at") is None:
        form.add_error("at", f"Enter the time of {what}")
        return None
    return timezone.make_aware(datetime.combine(data["on"], data["at"]))

"""Authorise or refuse a Community Resolution, with the rationale (4.2.2, 4.2.3).

The page shows what the assessment asks for and who has given what; the
service decides who may give it (the right rank or role, never on one's own
case) and refuses otherwise, with its own sentence in the error summary.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from crs.cases import guards, permissions, services
from crs.cases.errors import CaseError
from crs.cases.workflow import State
from crs.policy.authorities import REQUIREMENTS
from crs.policy.labels import humanise

from .common import as_read, case_url, get_case, page, posted, refuse, status_of
from .forms import AuthoriseForm
from .panel import panel


@login_required
@require_http_methods(["GET", "POST"])
def authorise(request, pk):
    case = get_case(request, pk)
    form = AuthoriseForm(posted(request), initial={"version": case.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        decision, rationale = form.cleaned_data["decision"], form.cleaned_data["rationale"]
        act = services.authorise if decision == "authorise" else services.refuse_authorisation
        try:
            case = act(as_read(case, request.POST), request.user, rationale=rationale)
        except CaseError as exc:
            refuse(form, exc, "rationale")
            status = status_of(exc)
            case = get_case(request, pk)
        else:
            if decision == "refuse":
                messages.success(request, "You refused authority. The case is closed as refused.")
            elif case.state == State.AUTHORISED:
                messages.success(request, "You authorised the Community Resolution.")
            else:
                messages.success(
                    request, "You gave your authority. Another authority is still needed."
                )
            return redirect(case_url(case))
    return page(request, "journeys/authorise.html", _context(request, case, form), status=status)


def _context(request, case, form) -> dict:
    assessment = case.current_assessment
    awaiting = case.state == State.AWAITING_AUTHORISATION
    outstanding = guards.outstanding_requirements(case) if awaiting else []
    # Read only, to say at once why this person cannot act; the service decides on submit.
    refusal = None
    if not awaiting:
        refusal = "This case is not awaiting authorisation."
    elif not form.is_bound:
        refusal = permissions.can_authorise(request.user, case, outstanding)
    given = case.authorisations.filter(voided_at__isnull=True).select_related("given_by")
    return {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "panel": panel(assessment.result) if assessment else None,
        "outstanding": [
            {
                "label": REQUIREMENTS.get(e["authority"], e["authority"]),
                "paragraph": e["paragraph"],
                "reason": humanise(e.get("reason", "")),
            }
            for e in outstanding
        ],
        "given": list(given),
        "refusal": refusal,
    }

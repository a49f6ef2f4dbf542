"""The dashboard page, and each of its tables as CSV (`?format=csv&table=<key>`, the
file described in crs.dashboard.export)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from . import export, figures, summary, tables
from .access import can_see_dashboard
from .baseline import BaselineError, load_baseline
from .forms import FilterForm


@login_required
def dashboard(request):
    refusal = can_see_dashboard(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    summary.refresh_if_stale()
    form = FilterForm(request.GET)
    wants_csv = request.GET.get("format") == "csv"
    if not form.is_valid():
        if wants_csv:
            problems = "; ".join(e for errors in form.errors.values() for e in errors)
            return HttpResponseBadRequest(f"The filters are not valid: {problems}.\n")
        return render(request, "dashboard/dashboard.html", {"form": form, "tables": []})
    try:
        baseline, baseline_error = load_baseline(), ""
    except BaselineError as exc:
        baseline, baseline_error = None, str(exc)
    rows = figures.filtered(**form.filters())
    refreshed = summary.last_refreshed()
    built = tables.build(rows, baseline, due_on=summary.due_on())
    if wants_csv:
        return _csv(request, built, export.scope(**form.filters(), counted_at=refreshed))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    context = {
        "form": form,
        "tables": [t for t in built if not t.key.startswith("fairness-")],
        "fairness": [t for t in built if t.key.startswith("fairness-")],
        "csv_prefix": "?" + (query.urlencode() + "&" if query else ""),
        "baseline": baseline,
        "baseline_error": baseline_error,
        "refreshed": refreshed,
        "suppress": figures.SUPPRESS,
    }
    return render(request, "dashboard/dashboard.html", context)


def _csv(request, built, where: export.Scope) -> HttpResponse:
    wanted = request.GET.get("table", "")
    table = next((t for t in built if t.key == wanted), None)
    if table is None:
        raise Http404(f"There is no table {wanted!r} on the dashboard.")
    response = HttpResponse(export.as_csv(table, where), content_type="text/csv; charset=utf-8")
    name = export.filename(table, where)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

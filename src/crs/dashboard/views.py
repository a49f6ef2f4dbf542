"""The dashboard page, and each of its tables as CSV (`?format=csv&table=<key>`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from . import figures, summary, tables
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
    built = tables.build(rows, baseline)
    if wants_csv:
        return _csv(request, built)
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    context = {
        "form": form,
        "tables": built,
        "csv_prefix": "?" + (query.urlencode() + "&" if query else ""),
        "baseline": baseline,
        "baseline_error": baseline_error,
        "refreshed": summary.last_refreshed(),
        "small": figures.SMALL,
    }
    return render(request, "dashboard/dashboard.html", context)


def _csv(request, built) -> HttpResponse:
    wanted = request.GET.get("table", "")
    table = next((t for t in built if t.key == wanted), None)
    if table is None:
        raise Http404(f"There is no table {wanted!r} on the dashboard.")
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(tables.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="crs-{table.key}-{stamp}.csv"'
    return response

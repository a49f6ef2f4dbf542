"""The case list (search, filters, pages) and the case page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from crs.cases.permissions import visible_cases


@login_required
def case_list(request):
    cases = visible_cases(request.user).select_related("owner").order_by("-updated_at")[:25]
    return render(request, "pages/case_list.html", {"cases": cases})


@login_required
def case_detail(request, pk: int):
    case = get_object_or_404(visible_cases(request.user).select_related("owner", "team"), pk=pk)
    return render(request, "pages/case_detail.html", {"case": case})

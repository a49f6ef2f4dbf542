"""The home page: the person's work lists, each with its count, linking to the list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from crs.cases.permissions import visible_cases
from crs.cases.workflow import STATE_LABELS

from .worklists import work_lists


@login_required
def home(request):
    lists = [(wl, wl.cases.count()) for wl in work_lists(request.user)]
    by_state = dict(
        visible_cases(request.user).order_by().values_list("state").annotate(n=Count("id"))
    )
    states = [(state, label, by_state.get(state, 0)) for state, label in STATE_LABELS.items()]
    return render(
        request,
        "pages/home.html",
        {"lists": lists, "states": states, "total": sum(by_state.values())},
    )

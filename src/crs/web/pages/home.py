"""The home page: the person's work lists, each with its count, linking to the list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from crs.accounts.models import Role
from crs.audit.access import log_access
from crs.cases import counts
from crs.cases.permissions import counted_filter, visible_cases
from crs.cases.workflow import OPEN, STATE_LABELS

from .worklists import work_lists


@login_required
def home(request):
    lists = [(wl, wl.count()) for wl in work_lists(request.user)]
    returned = returned_to(request.user, {wl.key: n for wl, n in lists})
    if returned:
        log_access(request, "search", shown=returned)
    seen = counted_filter(request.user)
    if seen is not None:
        # Kept as cases change (crs.cases.counts): a few hundred rows, not every case.
        by_state = counts.by_state(seen)
    else:
        cases = visible_cases(request.user).order_by()
        by_state = dict(cases.values_list("state").annotate(n=Count("id")))
    states = [(state, label, by_state.get(state, 0)) for state, label in STATE_LABELS.items()]
    return render(
        request,
        "pages/home.html",
        {
            "returned": returned,
            "lists": lists,
            "states": states,
            "total": sum(by_state.values()),
        },
    )


RETURNED_SHOWN = 20


def returned_to(user, counted: dict[str, int]) -> list:
    """The officer's cases returned by a supervisor or the IMU and not yet put right, the
    latest first: they come before the rest of the officer's work. Not asked when the work
    lists counted no open case of theirs (most people on most days)."""
    if user.role != Role.OFFICER or not counted.get("mine"):
        return []
    return list(
        visible_cases(user)
        .filter(owner=user, returned_at__isnull=False, state__in=OPEN)
        .order_by("-returned_at")
        .only("pk", "crime_reference", "offence_description", "returned_at")[:RETURNED_SHOWN]
    )

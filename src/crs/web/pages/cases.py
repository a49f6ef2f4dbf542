"""The case list (search, filters, pages) and the case page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from crs.audit.access import log_access
from crs.cases import counts, identities, permissions
from crs.cases.models import Case, Person
from crs.cases.permissions import visible_cases
from crs.cases.search import search
from crs.cases.workflow import STATE_LABELS

from . import keyset, record, worklists
from .access_report import may_read
from .worklists import work_lists

PAGE_SIZE = 25
# More matches than this and a search pages and counts in the database, like a list.
SEARCH_IDS = 10_000


@login_required
def case_list(request):
    lists = {wl.key: wl for wl in work_lists(request.user)}
    chosen = lists.get(request.GET.get("list", ""))
    state = request.GET.get("state", "")
    query = request.GET.get("q", "").strip()
    cases = chosen.cases if chosen else visible_cases(request.user)
    by_person = not identities.pseudonymised(request.user)
    if state in STATE_LABELS:
        cases = cases.filter(state=state)
    cases = search(cases, query, by_person=by_person)
    matches = None
    if query:
        # A search finds a few cases (a common family name, some thousands at a million):
        # their ids are read once, newest first, and give both the count and the page,
        # rather than the names being searched again for each.
        ids = list(cases.order_by("-pk").values_list("pk", flat=True)[: SEARCH_IDS + 1])
        matches = ids if len(ids) <= SEARCH_IDS else None
    try:
        if matches is not None:
            # The ids are the search's, filters and all: the page's cases are read by id.
            page = keyset.page_of_ids(_listed(Case.objects), matches, request.GET, PAGE_SIZE)
        else:
            page = keyset.page(_listed(cases), request.GET, PAGE_SIZE)
    except keyset.BadKey as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    opened = set() if by_person else identities.opened_cases(request.user)
    for case in page.object_list:
        case.state_tag = record.STATE_TAGS.get(case.state, "")
        if not by_person and case.pk not in opened:
            case.offenders = identities.masked_people(case.offenders, case.offence_date)
    log_access(request, "search", shown=page.object_list)
    context = {
        "page": page,
        "count": len(matches)
        if matches is not None
        else _count(request.user, cases, chosen, state, query),
        "query": query,
        "by_person": by_person,
        "state": state if state in STATE_LABELS else "",
        "states": STATE_LABELS.items(),
        "chosen": chosen,
        "lists": lists.values(),
        "filtered": bool(query or chosen or state in STATE_LABELS),
    }
    return render(request, "pages/case_list.html", context)


def _listed(cases):
    return (
        cases.defer("facts")  # the list shows the copies of the facts, not the facts
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "people",
                queryset=Person.objects.filter(role=Person.Role.OFFENDER).order_by("pk"),
                to_attr="offenders",
            )
        )
    )


def _count(user, cases, chosen, state: str, query: str) -> int:
    """How many cases the list holds: from the kept counts (crs.cases.counts) when its
    filters read only what they keep, else counted."""
    seen = permissions.counted_filter(user)
    if query or seen is None:
        return cases.count()
    where = Q(state=state) if state in STATE_LABELS else Q()
    # A list's own filter holds who may see its cases already; said twice, the database
    # misjudges how many match.
    return chosen.count(where) if chosen else counts.total(seen & where)


@login_required
def case_detail(request, pk: int):
    case = get_object_or_404(visible_cases(request.user).select_related("owner", "team"), pk=pk)
    context = record.case_page(case, request.user, now=worklists.now())
    if may_read(request.user):
        query = urlencode({"case": case.crime_reference})
        context["access_report_url"] = f"{reverse('access_report')}?{query}"
    return render(request, "pages/case_detail.html", context)

"""The access log (DPA 2018 s.62): who viewed, searched, exported or erased personal data.

`record_access` appends entries to the access chain in a short transaction of their own,
so a page that only reads still leaves its trace. Pages and API endpoints say what they
show with one call, `log_access(request, action, case=..., shown=...)`; `AccessLogMiddleware`
writes it once the answer is a success (200), so a refused or failed request leaves none.
A page that says nothing is still recorded when its URL names a case (the pages of a
case, /api/v1/cases/<id>/...) or it hands over a file. Every GET route is declared in
crs.audit.routes and walked by tests/audit/test_access_routes.py.

A list (a search, the authorisations, notifications) writes one entry per case it showed,
each with the request, so "who saw this case?" and "who found this person?" are the same
question; a list that showed no case writes one entry with none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import AccessEntry, ChainHead

ACCESS_HEAD = 2  # ChainHead row of the access chain; row 1 is the audit trail's
FILE_TYPES = ("application/pdf", "text/csv", "application/zip")
_PENDING = "_crs_access"  # the request's attribute holding what log_access was told


def record_access(*, actor, case=None, case_ref: str = "", action: str, what: str, why: str = ""):
    """Append one entry now; `case` is a case, its pk, or None."""
    return record_accesses(actor=actor, cases=[case], action=action, what=what, why=why,
                           case_ref=case_ref)[0]  # fmt: skip


def record_accesses(*, actor, cases, action: str, what: str, why: str = "", case_ref: str = ""):
    """Append one entry per case in `cases` (cases, pks, or None for none), chained in order,
    in one transaction."""
    pks = [getattr(case, "pk", case) for case in cases]
    refs = dict(
        _case_model()
        .objects.filter(pk__in=[pk for pk in pks if pk])
        .values_list("pk", "crime_reference")
    )
    now = timezone.now()
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=ACCESS_HEAD)
        entries, previous = [], head.hash
        for pk in pks:
            entry = AccessEntry(
                seq=head.seq + len(entries) + 1,
                at=now,
                actor=actor,
                actor_name=actor.get_username() if actor is not None else "system",
                case_id=pk,
                case_ref=case_ref or refs.get(pk, ""),
                action=action,
                what=what[:300],
                why=why,
            )
            entry.seal(previous)
            previous = entry.hash
            entries.append(entry)
        AccessEntry.objects.bulk_create(entries)
        head.seq, head.hash = entries[-1].seq, entries[-1].hash
        head.save(update_fields=["seq", "hash"])
    return entries


def _case_model():
    # The case model, as the log's own foreign key names it: the audit layer sits below
    # crs.cases and never imports it.
    return AccessEntry._meta.get_field("case").related_model


@dataclass
class _Declared:
    action: str
    why: str
    cases: list = field(default_factory=list)


def _case_pk_of(item) -> int | None:
    """A case, a record of one (its case_id), or a pk."""
    if isinstance(item, _case_model()):
        return item.pk
    return getattr(item, "case_id", item)


def log_access(request, action: str, *, case=None, shown=(), why: str = "") -> None:
    """Record that this answer shows personal data (web page or API, the same call).

    action: "view" (one case), "search" (a list) or "export" (handed over to keep).
    case: the case shown (a Case or its pk). shown: the cases a list page showed (cases,
    records with a case_id, or pks); an API list's page adds its own (`note_shown`).
    why: said in addition to the role and the page, e.g. the reason given to open a case.
    Written by AccessLogMiddleware only if the answer is a success.
    """
    declared = getattr(request, _PENDING, None)
    if declared is None:
        declared = _Declared(action=action, why=why)
        setattr(request, _PENDING, declared)
    declared.action, declared.why = action, why or declared.why
    for item in ([case] if case is not None else []) + list(shown):
        pk = _case_pk_of(item)
        if pk is not None and pk not in declared.cases:
            declared.cases.append(pk)


def note_shown(request, items) -> None:
    """The cases of the page a list answered with (crs.api.pagination), if its view said it
    logs access."""
    if getattr(request, _PENDING, None) is not None:
        log_access(request, getattr(request, _PENDING).action, shown=items)


def _actor(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    # The API's token authentication puts the token (or its user) on request.auth.
    auth = getattr(request, "auth", None)
    user = getattr(auth, "user", auth)
    return user if getattr(user, "is_authenticated", False) else None


def _case_pk(match) -> int | None:
    """The case a URL is about: its `case_id`/`case_pk`, or the `pk` of a route that starts
    with cases/."""
    if match is None:
        return None
    kwargs = match.kwargs
    value = kwargs.get("case_id", kwargs.get("case_pk"))
    if value is None and (match.route or "").startswith("cases/"):
        value = kwargs.get("pk")  # the pages of a case: cases/<pk>/...; not scrutiny/<pk>/cases/
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


class AccessLogMiddleware:
    """Last in the chain of middleware, so it sees the finished answer and the API's user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200:
            return response  # refusals and failures showed nothing
        declared = getattr(request, _PENDING, None)
        if declared is None and request.method not in ("GET", "HEAD"):
            return response  # changes are in the audit trail
        actor = _actor(request)
        if actor is None:
            return response
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match is not None else ""
        if declared is None:
            declared = _guessed(match, response)
            if declared is None:
                return response
        why = f"{getattr(actor, 'title', '')}: {name or request.path}"
        record_accesses(
            actor=actor,
            cases=declared.cases or [None],
            action=declared.action,
            what=request.get_full_path(),
            why=f"{why}; {declared.why}" if declared.why else why,
        )
        return response


def _guessed(match, response) -> _Declared | None:
    """What a page that said nothing shows: the case its URL names, or the file it gives."""
    is_file = response.headers.get("Content-Type", "").split(";")[0] in FILE_TYPES
    case_pk = _case_pk(match)
    if case_pk is None and not is_file:
        return None
    action = "export" if is_file else "view"
    return _Declared(action=action, why="", cases=[case_pk] if case_pk is not None else [])

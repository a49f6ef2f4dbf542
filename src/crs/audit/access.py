"""The access log (DPA 2018 s.62): who viewed, searched, exported or erased personal data.

`record_access` appends one entry to the access chain in a short transaction of its own, so
a page that only reads still leaves its trace, and a failed page leaves none.
`AccessLogMiddleware` records every successful page, file or API answer that shows a case
(its URL names the case) or searches or exports many.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import AccessEntry, ChainHead

ACCESS_HEAD = 2  # ChainHead row of the access chain; row 1 is the audit trail's
# Pages whose URL carries no case but that show or hand over many people's data.
SEARCHES = {"case_list"}
FILE_TYPES = ("application/pdf", "text/csv", "application/zip")


def record_access(*, actor, case=None, case_ref: str = "", action: str, what: str, why: str = ""):
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=ACCESS_HEAD)
        entry = AccessEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor,
            actor_name=actor.get_username() if actor is not None else "system",
            case_id=getattr(case, "pk", case),
            case_ref=case_ref or getattr(case, "crime_reference", ""),
            action=action,
            what=what[:300],
            why=why,
        )
        entry.seal(head.hash)
        entry.save()
        head.seq, head.hash = entry.seq, entry.hash
        head.save(update_fields=["seq", "hash"])
    return entry


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
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response  # changes are in the audit trail; refusals showed nothing
        actor = _actor(request)
        if actor is None:
            return response
        match = getattr(request, "resolver_match", None)
        kind = response.headers.get("Content-Type", "").split(";")[0]
        is_file = kind in FILE_TYPES
        case_pk = _case_pk(match)
        name = match.view_name if match is not None else ""
        if case_pk is None and not is_file and name not in SEARCHES:
            return response
        action = "export" if is_file else ("view" if case_pk is not None else "search")
        record_access(
            actor=actor,
            case=case_pk,
            case_ref="",
            action=action,
            what=request.get_full_path(),
            why=f"{getattr(actor, 'title', '')}: {name or request.path}",
        )
        return response

"""When the database fails under a request: a clear 503, never a traceback or a half-change.

Every change runs in one transaction (crs.cases.services), so a failure mid-change leaves the
database as it was; this says so to the person, and tells a program (the API) to retry.
Django drops the broken connection at the end of the request and opens a new one on the
next (CONN_HEALTH_CHECKS), so the site recovers by itself when the database is back.
The page is rendered without the database: the usual frame asks it who is signed in.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

log = logging.getLogger("crs.ui.failures")
RETRY_AFTER_SECONDS = 30
FAILURES = (OperationalError, InterfaceError)


def _why(exc: Exception) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read_only"
    if "locked" in text:
        return "locked"
    return "unavailable"


def is_database_failure(exception) -> bool:
    """The database is unreachable, read-only or locked (not a bug in a query)."""
    return isinstance(exception, FAILURES) or (
        isinstance(exception, DatabaseError) and _why(exception) != "unavailable"
    )


def server_error(request):
    """The site's handler500: a database failure is a 503 that says so; anything else is the
    usual 500 page. Called while the exception is being handled, so it can look at it."""
    exception = sys.exc_info()[1]
    if is_database_failure(exception):
        return database_unavailable(request, exception)
    try:
        return HttpResponse(render_to_string("500.html"), status=500)
    except Exception:  # the frame itself may need what just failed
        return HttpResponse(render_to_string("503.html", {"why": "error"}), status=500)


def database_unavailable(request, exception):
    why = _why(exception)
    log.error("database failure (%s) on %s %s: %s", why, request.method, request.path, exception)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "error": {
                    "code": "database_unavailable",
                    "message": "The database could not be reached; nothing was changed. "
                    "Try again shortly.",
                    "field": None,
                }
            },
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string("503.html", {"why": why, "retry": RETRY_AFTER_SECONDS}),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

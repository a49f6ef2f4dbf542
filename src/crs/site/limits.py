"""A body over the size limit is a 413 that says so, on the web and the API, never a 500.

Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE (RequestDataTooBig) wherever it
is first read: in a view that would be a 500 (the API's catch-all) or a bare 400. This answers
first, from the declared length, before any middleware reads the body. A multipart body, and a
CSV body (an exchange import, which the importer streams and never reads whole), are let
through: their files go to disk or are read in chunks (an import may be large); Django still
refuses its other fields over the limit, and that refusal, raised in a view, is answered here
too (process_exception).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from crs.api.errors import body, too_large_message


def too_large(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(body("too_large", too_large_message()), status=413)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return HttpResponse(render_to_string("413.html", {"limit": f"{limit:g}"}), status=413)


# Bodies no view reads whole (request.body): the limit is Django's for what it holds in memory.
STREAMED = ("multipart/form-data", "text/csv")


def _declared_too_large(request) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or request.content_type in STREAMED:
        return False
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return False


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _declared_too_large(request):
            return too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large(request)
        return None

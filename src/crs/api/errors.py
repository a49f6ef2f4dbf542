"""One error format for the whole API: {"error": {"code", "message", "field"}}.

`code` is a stable word for programs, `message` the sentence for a person (the
service's or the engine's own words), `field` the dotted path of the input at
fault, or null. The HTTP status says which kind of refusal it is:

    400 bad_request      the request cannot be read (malformed JSON)
    401 unauthenticated  no token, or one that is unknown, expired or revoked
    403 insufficient_scope / not_permitted   the token's scopes or the person's rank/role
    404 not_found        no such thing, or one the person may not see
    409 conflict / not_allowed   changed by someone else since read; not in a state for this
    413 too_large        the body is over the size limit (DATA_UPLOAD_MAX_MEMORY_SIZE)
    422 invalid          the input is not valid (the field is named)
    429 rate_limited     the token made more calls than its rate allows (crs.api.throttle)
    500 internal_error   a fault of ours; 503 database_unavailable (crs.ui.failures)

CODES is the whole list: docs/api.md's table must name each one (tests/api/test_bad_input.py).
Codes are for programs to rely on: add, never rename.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from crs.cases.errors import CaseError
from crs.text import SURROGATE, too_long
from crs.ui.failures import database_unavailable, is_database_failure

log = logging.getLogger(__name__)


class ApiError(Exception):
    """Raise from an endpoint to answer with the one error format."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    """Every refusal, whatever the endpoint."""

    error: ErrorDetail


# What each refusal means, for the OpenAPI document (every operation lists them all).
REFUSAL_TEXT = {
    400: "The request cannot be read",
    401: "No valid token",
    403: "The token's scopes, or the person's rank or role, do not allow this",
    404: "No such thing, or not one you may see",
    409: "Changed by someone else since read, or not in a state for this",
    413: "The body is over the size limit",
    422: "Not valid: the field is named",
    429: "Too many calls: wait and try again",
}
# Every `code` a refusal may carry, and its status.
CODES = {
    "bad_request": 400,
    "unauthenticated": 401,
    "insufficient_scope": 403,
    "not_permitted": 403,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "not_allowed": 409,
    "too_large": 413,
    "invalid": 422,
    "rate_limited": 429,
    "internal_error": 500,
    "database_unavailable": 503,
}
# For endpoints that document their responses by hand (openapi_extra); the data exchange
# uses it. The OpenAPI document adds the other refusals (crs.api.api).
ERROR_RESPONSES = {
    status: {
        "description": REFUSAL_TEXT[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }
    for status in (400, 401, 403, 422)
}
# For endpoints that declare response= to ninja: every refusal is an ErrorOut.
REFUSALS = frozenset(REFUSAL_TEXT)


def body(code: str, message: str, field: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field}}


# The services' refusals (crs.cases.errors) and the HTTP status each maps to.
CASE_STATUS = {"not_permitted": 403, "not_allowed": 409, "invalid": 422, "conflict": 409}


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return f"The request body is too large: send at most {limit:g} MB."


UNSTORABLE = SURROGATE


def _message_of(error: dict) -> str:
    kind, ctx = error.get("type"), error.get("ctx") or {}
    if kind == "string_unicode":  # pydantic's words for a lone surrogate
        return UNSTORABLE
    if kind == "string_too_long":  # the same words as the web's and the services'
        return too_long(ctx["max_length"])
    # pydantic prefixes our own validators' words with "Value error, ".
    return str(error.get("msg", "Not valid.")).removeprefix("Value error, ")


def _field_of(loc) -> str | None:
    # ninja's loc starts with where the value came from ("body", "query", "path") and the
    # parameter's name; the field is what follows in the body, else the parameter itself.
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in ("payload", "body", "data", "filters"):
        parts = parts[1:]
    return ".".join(parts) or None


def install(api) -> None:
    """Register the handlers that give every refusal of `api` the one format."""

    def respond(request, status, code, message, field=None) -> HttpResponse:
        return api.create_response(request, body(code, message, field), status=status)

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.field)

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError):
        first = exc.errors[0] if exc.errors else {}
        field = _field_of(first.get("loc", ()))
        message = _message_of(first)
        return respond(request, 422, "invalid", f"{field}: {message}" if field else message, field)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc):
        response = respond(
            request,
            401,
            "unauthenticated",
            "Give a valid API token: Authorization: Bearer <token>. "
            "The token may be unknown, expired or revoked.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc):
        return respond(request, 404, "not_found", str(exc) or "Not found.")

    @api.exception_handler(RequestDataTooBig)
    def _too_large(request: HttpRequest, exc):
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; ninja would call it
        # a 500.
        return respond(request, 413, "too_large", too_large_message())

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        code = {
            400: "bad_request",
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            413: "too_large",
            429: "rate_limited",
        }
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = "The request body cannot be read: send a JSON object."
        fallback = "bad_request" if exc.status_code < 500 else "internal_error"
        response = respond(request, exc.status_code, code.get(exc.status_code, fallback), message)
        wait = getattr(exc, "wait", None)  # ninja's Throttled: seconds until a call is let in
        if wait:
            response["Retry-After"] = str(int(wait))
        return response

    @api.exception_handler(CaseError)
    def _case_error(request: HttpRequest, exc: CaseError):
        status = CASE_STATUS.get(exc.code, 400)
        return respond(request, status, exc.code, str(exc), getattr(exc, "field", None))

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception):
        if is_database_failure(exc):
            return database_unavailable(request, exc)
        log.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, "internal_error", "Something went wrong on our side.")

"""Bearer-token authentication for the API, with scopes.

    router = Router()

    @router.get("/things", auth=TokenAuth("cases:read"))
    def things(request):
        user = request.auth.user      # request.auth is the crs.api.models.ApiToken

A missing, unknown, expired or revoked token is a 401; a valid token without
the scope the endpoint asks for is a 403 (`insufficient_scope`), both in the
one error format (crs.api.errors).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

from .errors import ApiError
from .models import SCOPES, ApiToken

# last_used_at is written at most this often per token, so reads stay reads.
TOUCH_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def __init__(self, *scopes: str):
        unknown = [s for s in scopes if s not in SCOPES]
        if unknown:
            raise ValueError(f"unknown API scope {unknown[0]!r}")
        self.scopes = scopes
        super().__init__()

    def authenticate(self, request, token: str):
        row = ApiToken.find(token.strip())
        if row is None:
            return None
        missing = [s for s in self.scopes if not row.allows(s)]
        if missing:
            raise ApiError(
                403,
                "insufficient_scope",
                f"This token does not have the {missing[0]!r} scope this needs.",
            )
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
            row.last_used_at = now
        request.user = row.user
        return row

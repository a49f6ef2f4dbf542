"""Rate limits on the API (issue 6, OWASP ASVS 11.1.4): per token. The limit is read from the
settings at every call (CRS_API_RATE, e.g. "600/m"; empty means no limit), so a force can
tune it. A call without a valid token is refused before any work (401); its secret is 96
random bits, so guessing is not a rate problem.

Counts live in Django's cache: the default (per process) limits each instance on its own; a
deployment with several instances should give them a shared cache (docs/deploy.md).
"""

from __future__ import annotations

import logging

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from crs.web.cache import cache_errors

log = logging.getLogger("crs.api.throttle")
CACHE_DOWN = cache_errors()


class _FromSettings(SimpleRateThrottle):
    setting = ""

    def __init__(self):
        super().__init__(rate="1/s")  # replaced from the settings at each call

    def allow_request(self, request) -> bool:
        rate = getattr(settings, self.setting, "")
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        try:
            return super().allow_request(request)
        except CACHE_DOWN as exc:
            # Only counts live in the cache: without it the call goes on, the limit lapses.
            log.warning("API rate limit: cache unavailable, not counting (%s)", exc)
            return True


class TokenThrottle(_FromSettings):
    """Calls made with a token, counted per token (its id, never its secret)."""

    scope = "token"
    setting = "CRS_API_RATE"

    def get_cache_key(self, request):
        token = getattr(request, "auth", None)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": getattr(token, "pk", token)}

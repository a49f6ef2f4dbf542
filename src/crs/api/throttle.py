"""Rate limits on the API (issue 6, OWASP ASVS 11.1.4): per token. The limit is read from the
settings at every call (CRS_API_RATE, e.g. "600/m"; empty means no limit), so a force can
tune it. A call without a valid token is refused before any work (401); its secret is 96
random bits, so guessing is not a rate problem.

The counts are shared by every worker and instance (crs.accounts.rate_counts: the database, or
Redis with CRS_CACHE_URL), and the limit holds over any minute, not only over each clock
minute: the 601st call in any 60 seconds is refused.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from ninja.throttling import BaseThrottle

from crs.accounts import rate_counts

log = logging.getLogger("crs.api.throttle")
now = time.time  # the clock, a name of its own so that tests can move it


class TokenThrottle(BaseThrottle):
    """Calls made with a token, counted per token (its id, never its secret)."""

    setting = "CRS_API_RATE"
    # django-ninja asks wait() right after a refusal, in the same (single-threaded) worker.
    retry_after: int | None = None

    def allow_request(self, request) -> bool:
        rate = rate_counts.Rate.parse(getattr(settings, self.setting, ""))
        token = getattr(request, "auth", None)
        if rate is None or token is None:
            return True
        try:
            refused = rate_counts.take(f"api-token:{getattr(token, 'pk', token)}", rate, now())
        except rate_counts.STORE_DOWN as exc:
            # Only counts live there: without them the call goes on, the limit lapses.
            log.warning("API rate limit: counts unavailable, not counting (%s)", exc)
            return True
        self.retry_after = None if refused is None else refused.retry_after
        return refused is None

    def wait(self) -> float | None:
        return self.retry_after

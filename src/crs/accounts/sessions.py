"""Session limits (issue 6, OWASP ASVS 3.3): signed out after 30 minutes idle, and after
12 hours whatever happens, so a phone left in a patrol car does not stay signed in.

The times live in the session itself, set at sign-in; "last seen" is refreshed by a request
only once a 60th of the idle limit has passed since it was last written (30 seconds at the
default 30 minutes, one second at the 60-second minimum), so a busy page does not write the
session on every request and the idle limit holds to within that 60th: a person active every
20 seconds under a 60-second limit stays signed in (tests/accounts/test_session_idle.py).
Django's own cookie age is the outer limit.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, resolve_url

SIGNED_IN_AT = "crs_signed_in_at"
LAST_SEEN = "crs_last_seen"
# Refreshing "last seen" costs a session write, so it waits this share of the idle limit.
REFRESH_SHARE = 1 / 60
now = time.time  # the clock, a name of its own so that tests can move it


def idle_limit() -> int:
    return settings.CRS_SESSION_IDLE_SECONDS


def absolute_limit() -> int:
    return settings.CRS_SESSION_MAX_SECONDS


@receiver(user_logged_in)
def _start_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        moment = now()
        request.session[SIGNED_IN_AT] = moment
        request.session[LAST_SEEN] = moment


def expired(session, now: float) -> str | None:
    """Why this session has ended ("idle" or "limit"), or None while it is still good."""
    started = session.get(SIGNED_IN_AT)
    seen = session.get(LAST_SEEN)
    if started is not None and now - started > absolute_limit():
        return "limit"
    if seen is not None and now - seen > idle_limit():
        return "idle"
    return None


class SessionLimitsMiddleware:
    """After AuthenticationMiddleware: ends a session that is idle or too old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            moment = now()
            session = request.session
            why = expired(session, moment)
            if why is not None:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                query = urlencode({"next": request.get_full_path(), "ended": why})
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
            if session.get(SIGNED_IN_AT) is None:
                session[SIGNED_IN_AT] = moment  # a session from before these limits existed
            seen = session.get(LAST_SEEN)
            if seen is None or moment - seen >= idle_limit() * REFRESH_SHARE:
                session[LAST_SEEN] = moment
        return self.get_response(request)

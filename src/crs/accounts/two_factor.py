"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238), through django-otp.

Who must use it (issue 6): anyone who authorises, reviews, quality assures, administers, or
reads the force-wide figures — a sergeant or above, a supervisor reviewer, the IMU, a Youth
Justice Team supervisor, a Victim Justice analyst, an administrator. Whoever has set up an
app uses it, required or not. `CRS_REQUIRE_TWO_FACTOR` (True in production) turns the
requirement on; the demo and the tests leave it off so a newcomer can sign in at once.

The middleware sends a signed-in person who has not yet given a code to the code page (or,
with no app yet, to setting one up); nothing else of the site opens until then.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .models import RANK_ORDER, Role
from .oidc import counts_as_second_factor

SUPERVISORY_ROLES = {
    Role.SUPERVISOR_REVIEWER,
    Role.IMU_QUALITY_ASSURER,
    Role.YOUTH_JUSTICE_SUPERVISOR,
    Role.VICTIM_JUSTICE_ANALYST,
    Role.ADMINISTRATOR,
}
# Pages a person part-way through signing in may still open.
OPEN_PATHS = ("/two-factor/", "/sign-out/", "/sign-in/", "/static/", "/api/")
# Whether the person had an app set up when they signed in: asked once, kept in the session,
# so the pages do not ask the database on every request.
HAS_DEVICE = "crs_two_factor_device"


@receiver(user_logged_in)
def _remember_device(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE] = user_has_device(user, confirmed=True)


def required_for(user) -> bool:
    """Whether this person must sign in with a second factor."""
    if not settings.CRS_REQUIRE_TWO_FACTOR:
        return False
    return (
        user.rank in RANK_ORDER
        or bool(user.pse_equivalent_rank)
        or user.role in SUPERVISORY_ROLES
        or user.is_staff
        or user.is_superuser
    )


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware (which answers `user.is_verified()`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            and not user.is_verified()
            and not counts_as_second_factor(request)
        ):
            has_device = request.session.get(HAS_DEVICE)
            if has_device is None:
                has_device = request.session[HAS_DEVICE] = user_has_device(user, confirmed=True)
            if has_device or required_for(user):
                where = "two_factor_verify" if has_device else "two_factor_set_up"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(where)}?{query}")
        return self.get_response(request)

"""Deployment checks of crs's own settings (`python -m django check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def sign_in_throttle_behind_a_proxy(app_configs, **kwargs):
    """Production sits behind a TLS proxy (SECURE_PROXY_SSL_HEADER): with no trusted proxy
    declared, every sign-in seems to come from the proxy, and the throttle per address would
    pause password sign-in for the whole force after a few dozen mistyped passwords."""
    behind_a_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    if behind_a_proxy and settings.CRS_SIGN_IN_FAILURE_RATE and not settings.CRS_TRUSTED_PROXIES:
        return [
            Warning(
                "CRS_TRUSTED_PROXIES is 0 but the site expects a TLS proxy in front of it: "
                "failed sign-ins would all be counted against the proxy's address.",
                hint="Set CRS_TRUSTED_PROXIES to the number of proxies that append to "
                "X-Forwarded-For (usually 1), or set CRS_SIGN_IN_FAILURE_RATE empty "
                "(docs/deploy.md).",
                id="crs.W001",
            )
        ]
    return []

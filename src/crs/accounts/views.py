"""The two-factor pages: give a code, or set up an authenticator app (crs.accounts.two_factor)."""

from __future__ import annotations

import logging
import math
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from crs.ui.forms import GovukForm

from .sign_in_throttle import Refusal
from .two_factor import required_for

log = logging.getLogger(__name__)

APP_DEVICE_NAME = "Authenticator app"


class CodeForm(GovukForm):
    code = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "invalid": "Enter the code as 6 digits, like 123456",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        # django-otp throttles a device after failures: the check and the count are its own.
        allowed, _ = self.device.verify_is_allowed()
        if not allowed or not self.device.verify_token(code):
            raise forms.ValidationError(
                "The code is not right, or has expired: enter the code your app shows now"
            )
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return "/"
    return target


@never_cache
@login_required
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("two_factor_set_up")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@never_cache
@login_required
def set_up(request):
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("two_factor_verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": APP_DEVICE_NAME}
    )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_next(request))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "next": _next(request),
            "required": required_for(request.user),
            "qr_svg": qr.svg_inline(scale=4, title="QR code to scan with your authenticator app"),
            "secret": _spaced_secret(device),
        },
    )


def _spaced_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when sign-in is locked (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def too_many_failed_sign_ins(request, refusal: Refusal):
    """The sign-in view's answer when its address is over the limit of failed sign-ins
    (crs.accounts.sign_in_throttle): nothing of the post is looked at, the password least."""
    log.warning(
        "Sign-in refused without a password check: %d failed sign-ins from %s in this window",
        refusal.failures,
        refusal.address,
    )
    context = {
        "minutes": math.ceil(refusal.retry_after / 60),
        "sso_enabled": settings.CRS_OIDC_ENABLED,
    }
    response = render(request, "accounts/sign_in_throttled.html", context, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response

"""Signing in and out: Django's own views, with GOV.UK wording and templates."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.forms import NON_FIELD_ERRORS
from django.urls import reverse

from crs.accounts import sign_in_throttle
from crs.accounts.views import too_many_failed_sign_ins


class SignInForm(AuthenticationForm):
    label_suffix = ""
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account cannot sign in: ask an administrator",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(spellcheck="false", autocapitalize="none")
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class SignInView(auth_views.LoginView):
    template_name = "pages/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Before the form, so a refused sign-in costs no password hash (ASVS 2.2.1).
        refusal = sign_in_throttle.refusal(request)
        if refusal is not None:
            return too_many_failed_sign_ins(request, refusal)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # Only a wrong username or password counts, not a form sent with a field left empty.
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            sign_in_throttle.count_failure(self.request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sso_enabled=settings.CRS_OIDC_ENABLED, **kwargs)


sign_in = SignInView.as_view()


def admin_sign_in(request, extra_context=None):
    """The admin site's login, replaced: one door for signing in, so the throttle per
    address, the lockout per username and two-factor sign-in hold for the admin too. A
    password posted here is never checked."""
    if request.user.is_authenticated:
        # Signed in but not staff: the admin is not theirs (sending them to sign in would
        # only bring them back here).
        raise PermissionDenied
    return redirect_to_login(
        request.GET.get("next") or reverse("admin:index"), login_url=reverse("sign_in")
    )


sign_out = auth_views.LogoutView.as_view()

"""Signing in and out: Django's own views, with GOV.UK wording and templates."""

from __future__ import annotations

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm


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

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(sso_enabled=settings.CRS_OIDC_ENABLED, **kwargs)


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()

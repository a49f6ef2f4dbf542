"""Single sign-on through the force's own identity provider (OpenID Connect), as an option.

mozilla-django-oidc runs the authorization code flow (state, nonce, the ID token's signature
checked against the provider's published keys). Who may sign in is still crs's decision: the
provider's `email` claim must match exactly one active account an administrator created,
with its rank and role; an unknown person is refused, never created, because rank and role
decide what a person may do and only the force may give them.

Two-factor: when the force's provider enforces a second factor itself
(CRS_OIDC_PROVIDES_MFA=True), a single sign-on counts as verified and crs asks for no code
of its own; otherwise supervisors still give their app's code after signing on.
"""

from __future__ import annotations

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

SSO = "crs_signed_on"


class ForceIdentityBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):  # never: accounts are the force's to create
        return None

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            request.session[SSO] = True
        return user


def counts_as_second_factor(request) -> bool:
    return bool(settings.CRS_OIDC_PROVIDES_MFA and request.session.get(SSO))

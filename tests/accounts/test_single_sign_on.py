"""Single sign-on through the force's identity provider (issue 6, point 2), against a stub
OpenID Connect provider the test runs on loopback."""

import urllib.error
import urllib.parse
import urllib.request

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings
from django.urls import reverse

from .oidc_stub import StubProvider

pytestmark = pytest.mark.urls("tests.accounts.sso_urls")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def provider(settings):
    with StubProvider() as stub:
        for key, value in stub.settings().items():
            setattr(settings, key, value)
        settings.CRS_OIDC_ENABLED = True
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "crs.accounts.oidc.ForceIdentityBackend",
        ]
        yield stub


def sign_on(client, provider) -> object:
    """Start at crs, sign in at the provider, come back: the browser's part, step by step."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(provider.base)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(start["Location"])
        raise AssertionError("the provider should send the person back")
    except urllib.error.HTTPError as back:
        callback = back.headers["Location"]
    back_to = urllib.parse.urlsplit(callback)
    return client.get(f"{back_to.path}?{back_to.query}")


@pytest.fixture
def sergeant(sgt_brown):
    sgt_brown.email = "Sam.Brown@example.police.uk"
    sgt_brown.save()
    return sgt_brown


def test_a_provisioned_person_signs_on_with_the_force_account(client, provider, sergeant):
    provider.email = "sam.brown@example.police.uk"  # the provider's case need not match
    response = sign_on(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == sergeant.pk
    assert client.get(reverse("case_list")).status_code == 200


def test_someone_the_force_has_not_set_up_is_refused_and_not_created(client, provider, sergeant):
    from crs.accounts.models import User

    provider.email = "stranger@example.police.uk"
    users = User.objects.count()
    response = sign_on(client, provider)
    assert response["Location"] == "/sign-in/?sso=failed"
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users
    page = client.get(response["Location"])
    assert "did not work" in page.text


def test_an_id_token_signed_with_another_key_is_refused(client, provider, sergeant):
    provider.email = "sam.brown@example.police.uk"
    provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sign_on(client, provider)
    assert "_auth_user_id" not in client.session


def test_a_callback_with_a_state_crs_did_not_issue_is_refused(client, provider, sergeant):
    client.raise_request_exception = False
    response = client.get("/oidc/callback/", {"code": "code-1", "state": "forged"})
    assert response.status_code in (302, 400)
    assert "_auth_user_id" not in client.session


def test_supervisors_still_give_a_code_unless_the_provider_does_mfa(client, provider, sergeant):
    provider.email = "sam.brown@example.police.uk"
    with override_settings(CRS_REQUIRE_TWO_FACTOR=True, CRS_OIDC_PROVIDES_MFA=False):
        sign_on(client, provider)
        assert client.get(reverse("case_list"))["Location"].startswith("/two-factor/")
    client.logout()
    with override_settings(CRS_REQUIRE_TWO_FACTOR=True, CRS_OIDC_PROVIDES_MFA=True):
        sign_on(client, provider)
        assert client.get(reverse("case_list")).status_code == 200


def test_the_sign_in_page_offers_the_force_account_when_configured(client, provider):
    assert "Sign in with your force account" in client.get(reverse("sign_in")).text


def test_the_sign_in_page_offers_no_force_account_without_a_provider(client, settings):
    settings.CRS_OIDC_ENABLED = False
    assert "force account" not in client.get(reverse("sign_in")).text


def test_sign_on_still_works_from_an_address_refused_for_failed_sign_ins(
    client, provider, sergeant, settings, monkeypatch
):
    from django.core.cache import cache

    from crs.accounts import sign_in_throttle

    settings.CRS_SIGN_IN_FAILURE_RATE = "2/15m"
    monkeypatch.setattr(sign_in_throttle, "now", lambda: 1_900_000_860.0)  # one fixed window
    cache.clear()
    for guess in ("guess1", "guess2"):
        client.post(reverse("sign_in"), {"username": guess, "password": "wrong"})
    refused = client.post(reverse("sign_in"), {"username": "guess3", "password": "wrong"})
    assert refused.status_code == 429
    assert reverse("oidc_authentication_init") in refused.text
    provider.email = "sam.brown@example.police.uk"
    assert sign_on(client, provider)["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == sergeant.pk
    cache.clear()

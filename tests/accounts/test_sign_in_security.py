"""Signing in safely (issue 6): lockout, session limits, two-factor codes for supervisors."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from crs.accounts import sessions
from crs.accounts.two_factor import required_for

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def officer(pc_ali):
    pc_ali.set_password(PASSWORD)
    pc_ali.save()
    return pc_ali


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("sign_in"), {"username": username, "password": password})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# Lockout --------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one_next(client, officer):
    for _ in range(4):
        assert sign_in(client, "pc_ali", "wrong").status_code == 200
    locked = sign_in(client, "pc_ali", "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.text
    again = sign_in(client, "pc_ali")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_signs_in_and_resets_the_count(client, officer):
    for _ in range(4):
        sign_in(client, "pc_ali", "wrong")
    assert sign_in(client, "pc_ali").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "pc_ali", "wrong").status_code == 200


def test_lockout_of_one_username_leaves_others_able_to_sign_in(client, officer, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    for _ in range(5):
        sign_in(client, "pc_ali", "wrong")
    assert sign_in(client, "sgt_brown").status_code == 302


# Session limits -------------------------------------------------------------------------


def _age_session(client, *, idle: float = 0, since_sign_in: float = 0):
    session = client.session
    now = time.time()
    session[sessions.LAST_SEEN] = now - idle
    session[sessions.SIGNED_IN_AT] = now - since_sign_in
    session.save()


def test_session_ends_after_thirty_minutes_idle(client, officer):
    sign_in(client, "pc_ali")
    _age_session(client, idle=30 * 60 + 5, since_sign_in=40 * 60)
    response = client.get(reverse("case_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("sign_in"))
    assert "ended=idle" in response.url
    assert "_auth_user_id" not in client.session


def test_session_survives_twenty_nine_minutes_idle(client, officer):
    sign_in(client, "pc_ali")
    _age_session(client, idle=29 * 60, since_sign_in=60 * 60)
    assert client.get(reverse("case_list")).status_code == 200


def test_session_ends_after_twelve_hours_however_busy(client, officer):
    sign_in(client, "pc_ali")
    _age_session(client, idle=10, since_sign_in=12 * 60 * 60 + 5)
    response = client.get(reverse("case_list"))
    assert response.status_code == 302
    assert "ended=limit" in response.url


def test_sign_in_page_says_why_the_session_ended(client):
    page = client.get(reverse("sign_in"), {"ended": "idle"})
    assert "signed out because you did nothing for 30 minutes" in page.text


def test_activity_moves_the_idle_clock_on(client, officer):
    sign_in(client, "pc_ali")
    _age_session(client, idle=20 * 60, since_sign_in=20 * 60)
    client.get(reverse("case_list"))
    assert time.time() - client.session[sessions.LAST_SEEN] < 5


def test_session_cookie_is_http_only_and_ends_with_the_browser(client, officer, settings):
    response = sign_in(client, "pc_ali")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # no lasting cookie: it goes when the browser closes


# Two-factor -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "required"),
    [("pc_ali", False), ("sgt_brown", True), ("ps_okafor", True), ("imu_fisher", True)],
)
def test_two_factor_is_required_for_supervisory_and_assurance_roles(request, persona, required):
    user = request.getfixturevalue(persona)
    with override_settings(CRS_REQUIRE_TWO_FACTOR=True):
        assert required_for(user) is required
    with override_settings(CRS_REQUIRE_TWO_FACTOR=False):
        assert required_for(user) is False


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_sergeant_without_an_app_must_set_one_up_before_any_page(client, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    sign_in(client, "sgt_brown")
    response = client.get(reverse("case_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_set_up"))
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code, drawn in the page


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_setting_up_the_app_with_a_right_code_opens_the_site(client, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    sign_in(client, "sgt_brown")
    client.get(reverse("two_factor_set_up"))
    device = TOTPDevice.objects.get(user=sgt_brown)
    assert not device.confirmed
    response = client.post(
        reverse("two_factor_set_up"), {"code": code_for(device), "next": "/cases/"}
    )
    assert response.status_code == 302
    assert response.url == "/cases/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("case_list")).status_code == 200


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_a_wrong_code_is_refused_with_an_error_naming_the_code(client, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    TOTPDevice.objects.create(user=sgt_brown, name="app", confirmed=True)
    sign_in(client, "sgt_brown")
    page = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert page.status_code == 200
    assert 'href="#code"' in page.text or 'href="#id_code"' in page.text
    assert "The code is not right" in page.text
    assert client.get(reverse("case_list")).status_code == 302


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_a_signed_in_sergeant_gives_the_code_from_the_app_set_up(client, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    device = TOTPDevice.objects.create(user=sgt_brown, name="app", confirmed=True)
    sign_in(client, "sgt_brown")
    assert client.get(reverse("case_list")).url.startswith(reverse("two_factor_verify"))
    response = client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("case_list")).status_code == 200


@override_settings(CRS_REQUIRE_TWO_FACTOR=False)
def test_an_officer_who_set_up_an_app_uses_it_even_when_not_required(client, officer):
    TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    sign_in(client, "pc_ali")
    assert client.get(reverse("case_list")).url.startswith(reverse("two_factor_verify"))


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_constable_signs_in_without_a_code(client, officer):
    sign_in(client, "pc_ali")
    assert client.get(reverse("case_list")).status_code == 200


@override_settings(CRS_REQUIRE_TWO_FACTOR=True)
def test_code_page_ignores_a_next_address_on_another_site(client, sgt_brown):
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    device = TOTPDevice.objects.create(user=sgt_brown, name="app", confirmed=True)
    sign_in(client, "sgt_brown")
    response = client.post(
        reverse("two_factor_verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"

"""Failed sign-ins counted per network address (issue 6, OWASP ASVS 2.2.1): password spraying,
one guess against many usernames from one address, is refused past a generous limit, before
any password is checked; successes never count, since a station shares one address."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from crs.accounts import rate_counts, sign_in_throttle

PASSWORD = "a-long-test-passphrase"
STATION = "198.51.100.7"
ELSEWHERE = "203.0.113.9"
WINDOW_START = 1_900_000_800  # a multiple of 15 minutes: a clock quarter-hour starts here


class CountingHasher(MD5PasswordHasher):
    """Counts every hash worked out: checking a password, or the dummy hash Django works out
    for an unknown username so that it takes as long as a known one."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def throttle(settings, monkeypatch):
    settings.CRS_SIGN_IN_FAILURE_RATE = "3/15m"
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    clock = {"now": WINDOW_START + 60.0}
    monkeypatch.setattr(sign_in_throttle, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def officer(pc_ali):
    pc_ali.set_password(PASSWORD)
    pc_ali.save()
    return pc_ali


def sign_in(client, username, password="wrong", address=STATION):
    return client.post(
        reverse("sign_in"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def spray(client, count, address=STATION):
    return [sign_in(client, f"guess{n}", address=address).status_code for n in range(count)]


def test_failures_over_many_usernames_are_refused_past_the_limit_without_a_password_check(
    client, officer
):
    before = CountingHasher.calls
    assert spray(client, 3) == [200, 200, 200]
    hashes = CountingHasher.calls
    assert hashes - before >= 3  # the hasher does count: each failure worked out a hash
    refused = sign_in(client, "another_guess")
    right_password = sign_in(client, "pc_ali", PASSWORD)
    assert (refused.status_code, right_password.status_code) == (429, 429)
    assert CountingHasher.calls == hashes
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-ins from this network" in refused.text
    # The failures leave the count 15 minutes after the second they were made in.
    assert refused["Retry-After"] == str(15 * 60 + 1)
    assert "Try again in 16 minutes" in refused.text


def test_successful_sign_ins_from_the_address_do_not_count(client, officer):
    for _ in range(5):
        assert sign_in(client, "pc_ali", PASSWORD).status_code == 302
        client.logout()
    assert spray(client, 4) == [200, 200, 200, 429]


def test_a_form_with_a_field_left_empty_is_not_a_failed_sign_in(client, db):
    for _ in range(5):
        assert sign_in(client, "pc_ali", "").status_code == 200
    assert spray(client, 4) == [200, 200, 200, 429]


def test_another_address_is_unaffected(client, officer):
    assert spray(client, 4)[-1] == 429
    assert sign_in(client, "pc_ali", PASSWORD, address=ELSEWHERE).status_code == 302


def test_an_ipv6_host_cannot_dodge_the_count_by_changing_address_within_its_64(client, officer):
    for n in range(3):
        sign_in(client, f"guess{n}", address=f"2001:db8:1:2::{n + 1}")
    assert sign_in(client, "guess9", address="2001:db8:1:2:ffff::9").status_code == 429
    assert sign_in(client, "pc_ali", PASSWORD, address="2001:db8:1:3::1").status_code == 302


def test_fifteen_minutes_after_the_failures_the_address_may_try_again(client, officer, throttle):
    assert spray(client, 4)[-1] == 429
    throttle["now"] = WINDOW_START + 60 + 15 * 60 - 1
    assert sign_in(client, "pc_ali", PASSWORD).status_code == 429
    throttle["now"] = WINDOW_START + 60 + 15 * 60 + 1
    assert sign_in(client, "pc_ali", PASSWORD).status_code == 302


def test_failures_either_side_of_a_clock_quarter_hour_count_together(client, officer, throttle):
    # Fixed windows would start again at the quarter-hour and let twice the limit through.
    throttle["now"] = WINDOW_START + 15 * 60 - 5
    assert spray(client, 2) == [200, 200]
    throttle["now"] = WINDOW_START + 15 * 60 + 5
    assert spray(client, 2) == [200, 429]


def test_the_page_may_still_be_opened_while_sign_ins_are_refused(client, db):
    assert spray(client, 4)[-1] == 429
    assert client.get(reverse("sign_in"), REMOTE_ADDR=STATION).status_code == 200


def test_an_empty_setting_turns_the_throttle_off(client, db, settings):
    settings.CRS_SIGN_IN_FAILURE_RATE = ""
    assert set(spray(client, 10)) == {200}


def test_the_refusal_is_logged_with_address_and_count_but_never_the_password(client, db, caplog):
    spray(client, 3)
    with caplog.at_level(logging.WARNING, logger="crs.accounts"):
        sign_in(client, "pc_ali", "Sekret-guess-42")
    [record] = [r for r in caplog.records if r.name.startswith("crs.accounts")]
    assert record.levelno == logging.WARNING
    assert STATION in record.getMessage() and "3 failed sign-ins" in record.getMessage()
    assert "Sekret-guess-42" not in caplog.text


def test_the_username_lockout_still_locks_one_username_beneath_the_address_limit(
    client, officer, sgt_brown, settings
):
    settings.CRS_SIGN_IN_FAILURE_RATE = "50/15m"
    sgt_brown.set_password(PASSWORD)
    sgt_brown.save()
    for _ in range(4):
        assert sign_in(client, "pc_ali").status_code == 200
    locked = sign_in(client, "pc_ali")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.text
    assert sign_in(client, "pc_ali", PASSWORD).status_code == 429
    assert sign_in(client, "sgt_brown", PASSWORD).status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_for_header_changes_nothing(client, officer):
    for n in range(3):
        client.post(
            reverse("sign_in"),
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR=STATION,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",  # a new "address" for every guess
        )
    assert sign_in(client, "guess9").status_code == 429


def test_behind_one_trusted_proxy_each_client_counts_apart_and_cannot_forge_its_address(
    client, officer, settings
):
    settings.CRS_TRUSTED_PROXIES = 1
    balancer = "10.0.0.5"

    def through_balancer(username, forwarded, password="wrong"):
        return client.post(
            reverse("sign_in"),
            {"username": username, "password": password},
            REMOTE_ADDR=balancer,
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    # The attacker writes a fresh address in front each time; the balancer appends the real one.
    codes = [through_balancer(f"guess{n}", f"192.0.2.{n}, {STATION}") for n in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another station behind the same balancer is not paused with it.
    assert through_balancer("pc_ali", ELSEWHERE, PASSWORD) == 302


def test_the_lockout_records_the_client_address_given_by_the_trusted_proxy(client, db, settings):
    from axes.models import AccessAttempt

    settings.CRS_TRUSTED_PROXIES = 1
    client.post(
        reverse("sign_in"),
        {"username": "pc_ali", "password": "wrong"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=f"192.0.2.1, {STATION}",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [STATION]


def test_a_port_added_by_the_proxy_does_not_make_a_new_address(client, officer, settings):
    settings.CRS_TRUSTED_PROXIES = 1
    for n, port in enumerate((40001, 40002, 40003)):
        client.post(
            reverse("sign_in"),
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"{STATION}:{port}",
        )
    refused = client.post(
        reverse("sign_in"),
        {"username": "guess9", "password": "wrong"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=f"{STATION}:51234",  # yet another port: still the same address
    )
    assert refused.status_code == 429


@pytest.mark.parametrize(
    ("forwarded", "address"),
    [
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("198.51.100.7", "198.51.100.7"),
        ("not-an-address", "10.0.0.5"),  # a proxy's garbage: the connection's address instead
        ("", "10.0.0.5"),
    ],
)
def test_the_client_address_is_an_address_or_the_connections(rf, settings, forwarded, address):
    settings.CRS_TRUSTED_PROXIES = 1
    request = rf.post("/sign-in/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    assert sign_in_throttle.client_ip(request) == address


def test_posting_a_password_to_the_admin_login_is_sent_to_the_sign_in_page_unchecked(
    client, officer
):
    before = CountingHasher.calls
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "pc_ali", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))
    assert "next=/admin/" in response["Location"]
    assert CountingHasher.calls == before  # no password checked there
    assert "_auth_user_id" not in client.session


def test_a_signed_in_person_who_is_not_staff_is_refused_the_admin_without_a_loop(client, officer):
    client.force_login(officer)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_with_the_counts_unreachable_sign_in_goes_on_and_says_so_in_the_log(
    client, officer, caplog, monkeypatch
):
    from django.db import OperationalError

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise OperationalError("counts unreachable")

            return fail

    monkeypatch.setattr(rate_counts, "_store", Down)
    with caplog.at_level(logging.WARNING):
        assert sign_in(client, "guess1").status_code == 200  # a failure, not counted
        assert sign_in(client, "pc_ali", PASSWORD).status_code == 302
    assert "counts unavailable" in caplog.text

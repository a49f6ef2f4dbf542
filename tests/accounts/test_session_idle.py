"""The idle limit holds to the second, at its minimum too (issue 11 item 9): a person active
every 20 seconds under a 60-second limit stays signed in, and 61 seconds of nothing signs
them out. The session's clock is moved by hand (crs.accounts.sessions.now)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crs.accounts import sessions

PASSWORD = "a-long-test-passphrase"
START = 1_900_000_000.0


@pytest.fixture
def clock(monkeypatch, settings):
    settings.CRS_SESSION_IDLE_SECONDS = 60  # the least the settings allow
    moment = {"now": START}
    monkeypatch.setattr(sessions, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def signed_in(client, pc_ali, clock):
    pc_ali.set_password(PASSWORD)
    pc_ali.save()
    response = client.post(reverse("sign_in"), {"username": "pc_ali", "password": PASSWORD})
    assert response.status_code == 302
    return client


def page_at(client, clock, seconds):
    clock["now"] = START + seconds
    return client.get(reverse("case_list"))


def test_activity_every_twenty_seconds_keeps_a_sixty_second_idle_limit_signed_in(signed_in, clock):
    for seconds in (20, 40, 60, 80, 100, 120):
        assert page_at(signed_in, clock, seconds).status_code == 200, seconds
    assert "_auth_user_id" in signed_in.session


def test_sixty_one_seconds_without_activity_signs_out_as_idle(signed_in, clock):
    assert page_at(signed_in, clock, 20).status_code == 200
    response = page_at(signed_in, clock, 20 + 61)
    assert response.status_code == 302
    assert "ended=idle" in response.url
    assert "_auth_user_id" not in signed_in.session


def test_sixty_seconds_without_activity_is_not_yet_idle(signed_in, clock):
    assert page_at(signed_in, clock, 30.5).status_code == 200
    assert page_at(signed_in, clock, 90.5).status_code == 200

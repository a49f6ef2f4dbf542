"""API rate limits (issue 6, point 5): per token, answered in the one error format with
status 429, each token counted on its own."""

import pytest

from crs.accounts import rate_counts
from crs.api import throttle
from crs.api.models import ApiToken

MINUTE_START = 1_900_000_020  # a multiple of 60: a clock minute starts here


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": MINUTE_START + 10.0}
    monkeypatch.setattr(throttle, "now", lambda: moment["now"])
    return moment


def get(client, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get("/api/v1/cases", headers=headers)


def test_a_token_over_its_rate_is_refused_with_429_in_the_error_format(client, pc_ali, settings):
    settings.CRS_API_RATE = "3/m"
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    assert [get(client, token).status_code for _ in range(3)] == [200, 200, 200]
    refused = get(client, token)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"]
    assert int(refused["Retry-After"]) > 0


def test_one_tokens_limit_does_not_hold_back_another(client, pc_ali, sgt_brown, settings):
    settings.CRS_API_RATE = "2/m"
    _, first = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    _, second = ApiToken.issue(sgt_brown, name="t", scopes=("cases:read",), days=1)
    for _ in range(3):
        get(client, first)
    assert get(client, first).status_code == 429
    assert get(client, second).status_code == 200


def test_no_rate_set_means_no_limit(client, pc_ali, settings):
    settings.CRS_API_RATE = ""
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    assert {get(client, token).status_code for _ in range(20)} == {200}


def test_the_limit_holds_over_any_minute_not_only_each_clock_minute(
    client, pc_ali, settings, clock
):
    settings.CRS_API_RATE = "3/m"
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    clock["now"] = MINUTE_START + 59
    assert [get(client, token).status_code for _ in range(3)] == [200, 200, 200]
    clock["now"] = MINUTE_START + 61  # a new clock minute, but the same 60 seconds
    refused = get(client, token)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "59"  # when the three calls at :59 leave the minute
    clock["now"] = MINUTE_START + 59 + 61
    assert get(client, token).status_code == 200


def test_refused_calls_do_not_count_so_a_client_that_keeps_trying_gets_in_on_time(
    client, pc_ali, settings, clock
):
    settings.CRS_API_RATE = "2/m"
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    assert [get(client, token).status_code for _ in range(2)] == [200, 200]
    for second in range(11, 70, 5):  # refused all through the minute
        clock["now"] = MINUTE_START + second
        assert get(client, token).status_code == 429
    clock["now"] = MINUTE_START + 71
    assert get(client, token).status_code == 200


def test_with_the_counts_unreachable_calls_go_on_and_the_log_says_the_limit_lapsed(
    client, pc_ali, settings, caplog, monkeypatch
):
    from django.db import OperationalError

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise OperationalError("counts unreachable")

            return fail

    monkeypatch.setattr(rate_counts, "_store", Down)
    settings.CRS_API_RATE = "1/m"
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    with caplog.at_level("WARNING"):
        assert [get(client, token).status_code for _ in range(3)] == [200, 200, 200]
    assert "counts unavailable" in caplog.text

"""API rate limits (issue 6, point 5): per token, answered in the one error format with
status 429, each token counted on its own."""

import pytest
from django.core.cache import cache

from crs.api.models import ApiToken


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


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


def test_with_the_cache_down_calls_go_on_and_the_log_says_the_limit_lapsed(
    client, pc_ali, settings, caplog
):
    from unittest.mock import patch

    from crs.api.throttle import TokenThrottle

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache unreachable")

        set = get

    settings.CRS_API_RATE = "1/m"
    _, token = ApiToken.issue(pc_ali, name="t", scopes=("cases:read",), days=1)
    with patch.object(TokenThrottle, "cache", Down()), caplog.at_level("WARNING"):
        assert [get(client, token).status_code for _ in range(3)] == [200, 200, 200]
    assert "cache unavailable" in caplog.text

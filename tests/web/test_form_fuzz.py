"""Hostile input to the forms (issue 6, point 5): whatever is posted to a case's forms —
odd unicode, control characters, NULs, very long text, missing or extra fields — the answer
is a page (a form with errors, or the next step), never a server error."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cases import walk

FORMS = [
    "journeys:contacts",
    "journeys:victim",
    "journeys:actions",
    "journeys:people",
    "journeys:signatures",
    "journeys:authorise",
    "journeys:withdraw",
    "journeys:restorative",
]
text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "\x00", "0", "-1", "2024-02-30", "9" * 40, "yes", "no", "on"]),
    st.just("x" * 20_000),
)


def field_names(html: str) -> list[str]:
    names = re.findall(r'name="([^"]+)"', html)
    return sorted({n for n in names if n != "csrfmiddlewaretoken"})


@pytest.mark.parametrize("name", FORMS)
def test_any_answers_to_a_case_form_give_a_page_never_a_server_error(name, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client = Client(raise_request_exception=False)
    client.force_login(pc_ali)
    url = reverse(name, args=[case.pk])
    names = field_names(client.get(url).text) or ["value"]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.dictionaries(st.sampled_from([*names, "unexpected"]), text, max_size=len(names) + 1))
    def post(data):
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)

    post()

"""Schemathesis over the OpenAPI document: whatever it sends, the API never answers 5xx.

It reads /api/v1/openapi.json from the WSGI app in the process (no network) and
sends each operation generated requests, valid and not, as the officer in the
case with every scope, against a real case (planned: assessed, with actions),
so the requests reach the services rather than stopping at a 404.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from crs.api.models import ApiToken
from tests.cases import walk

pytestmark = pytest.mark.django_db

EXAMPLES = 10  # per operation: enough to reach the refusals, and quick


def load_schema():
    """The document /api/v1/openapi.json serves, made in the process at collection (reading
    it through the app then would touch the database before the test's is ready)."""
    from crs.api.api import api
    from crs.web.wsgi import application

    # The coverage phase sends every boundary of every field whatever max_examples says:
    # minutes, for what the fuzzing phase's valid and invalid examples already reach.
    config = SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
    )
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=config)
    loaded.app = application
    return loaded


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request must not close the test's database
    connection (it would end the test's transaction; PostgreSQL then refuses the rest)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(pc_ali, keep_connection):
    case = walk.planned(pc_ali)
    _, token = ApiToken.issue(
        pc_ali, name="fuzz", scopes=["assess", "cases:read", "cases:write"], days=1
    )
    return {"token": token, "case": case.pk, "action": case.actions.first().pk}


schema = load_schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_with_a_server_error(case, world):
    params = case.path_parameters or {}
    if "case_id" in params:
        params["case_id"] = world["case"]
    if "action_id" in params:
        params["action_id"] = world["action"]
    case.call_and_validate(headers={"Authorization": f"Bearer {world['token']}"})

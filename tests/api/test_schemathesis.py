"""Schemathesis over the OpenAPI document: whatever it sends, the API never answers 5xx.

It reads /api/v1/openapi.json from the WSGI app in the process (no network) and
sends each operation generated requests, valid and not, as the officer in the
case with every scope, against a real case (planned: assessed, with actions),
so the requests reach the services rather than stopping at a 404.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from crs.api.models import ApiToken
from crs.cases import services as s
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


schema = load_schema()
TOKEN = {}  # the world's token, for the auth below


@schema.auth()
class Bearer:
    """The token as schemathesis's auth, not a header added to every call: a case generated
    without the header (to see it refused) is then sent without it."""

    def get(self, case, context):
        return TOKEN["token"]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def world(pc_ali, keep_connection):
    case = walk.planned(pc_ali)
    victim = s.add_person(walk.fresh(case), pc_ali, role="victim", given_name="Val")
    _, TOKEN["token"] = ApiToken.issue(
        pc_ali, name="fuzz", scopes=["assess", "cases:read", "cases:write"], days=1
    )
    yield {"case": case.pk, "action": case.actions.first().pk, "person": victim.pk}
    TOKEN.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_answers_with_a_server_error(case, world):
    # Valid ids become the world's (a negated one is left, to be refused); a person must be
    # one of the case's (the schema says so; it cannot list them).
    params = case.path_parameters or {}
    for name, key in (("case_id", "case"), ("action_id", "action")):
        if _an_id(params.get(name)):
            params[name] = world[key]
    if isinstance(case.body, dict):
        for field in ("person", "victim"):
            if _an_id(case.body.get(field)):
                case.body[field] = world["person"]
    # Every check but positive_data_acceptance (ST202): rules the document cannot state (a
    # time in the past, a state the case must be in, an action of the case's pack, facts
    # consistent across fields) still refuse some schema-valid requests with 422.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def _an_id(value) -> bool:
    return type(value) is int and 1 <= value <= 2**63 - 1

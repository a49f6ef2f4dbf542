"""Schemathesis over the OpenAPI document: whatever it sends, the API never answers 5xx.

It reads /api/v1/openapi.json from the WSGI app in the process (no network) and
sends each operation generated requests, valid and not, as the officer in the
case with every scope, against a real case (planned: assessed, with actions),
so the requests reach the services rather than stopping at a 404.
"""

import os
from datetime import date, datetime, timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from crs.api.models import ApiToken
from crs.cases import services as s
from crs.policy.ages import years_between
from tests.cases import walk

pytestmark = pytest.mark.django_db

# Per operation: enough to reach the refusals, and quick; CRS_FUZZ_EXAMPLES=500 to search harder.
EXAMPLES = int(os.environ.get("CRS_FUZZ_EXAMPLES", "10"))


def load_schema():
    """The document /api/v1/openapi.json serves, made in the process at collection (reading
    it through the app then would touch the database before the test's is ready)."""
    from crs.api.api import api
    from crs.site.wsgi import application

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
    for name, key in (("case_id", "case"), ("action_id", "action"), ("person_id", "person")):
        if _an_id(params.get(name)):
            params[name] = world[key]
    if isinstance(case.body, dict):
        for field in ("person", "victim"):
            if _an_id(case.body.get(field)):
                case.body[field] = world["person"]
    if isinstance(case.body, dict):
        keep_the_rules_in_words(case.body, facts_body=case.path.endswith("/assessments"))
    # Every check, positive_data_acceptance (ST202) too: a request the document calls valid
    # is accepted, or refused for the case as it stands (409) or the person (403).
    case.call_and_validate()


def keep_the_rules_in_words(body: dict, *, facts_body: bool) -> None:
    """Make a generated body keep the rules the document states in words because JSON Schema
    cannot compare two values (decision 0012): no date in the future where it records the
    past, and case facts' dates in order. Nothing else is changed."""
    now = timezone.now()
    for field in ("at", "asked_at", "signed_at"):
        moment = _moment(body.get(field))
        if moment is not None and moment > now:
            body[field] = (now - timedelta(minutes=1)).isoformat()
    born = _day(body.get("date_of_birth"))
    if born is not None and born > now.date():
        body["date_of_birth"] = now.date().isoformat()
    facts = body if facts_body else body.get("facts")
    if isinstance(facts, dict):
        _facts_in_order(facts, today=timezone.localdate())


def _facts_in_order(facts: dict, *, today: date) -> None:
    on = _day(facts.get("assessed_on")) or today
    offence = facts.get("offence") if isinstance(facts.get("offence"), dict) else {}
    offender = facts.get("offender") if isinstance(facts.get("offender"), dict) else {}
    earlier = offender.get("previous_outcomes")
    earlier = earlier if isinstance(earlier, list) else []
    dated = [offence] + [p for p in earlier if isinstance(p, dict)]
    for record in dated:
        day = _day(record.get("date"))
        if day is not None and day > on:
            record["date"] = on.isoformat()
    born = _day(offender.get("date_of_birth"))
    if born is None:
        return
    first = min([on] + [d for d in (_day(r.get("date")) for r in dated) if d is not None])
    if born > first:
        born = first
        offender["date_of_birth"] = born.isoformat()
    gravity = offence.get("gravity") if isinstance(offence.get("gravity"), dict) else {}
    if gravity.get("matrix") is not None:  # Ruling R29: the matrix of the age on assessed_on
        adult = years_between(born, on) >= 18
        gravity["matrix"] = "adult" if adult else "child"
        for score in ("base_score", "final_score"):
            if adult and isinstance(gravity.get(score), int) and gravity[score] > 4:
                gravity[score] = 4


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moment(value) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _an_id(value) -> bool:
    return type(value) is int and 1 <= value <= 2**63 - 1

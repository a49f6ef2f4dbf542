"""The declared role × action matrix (crs.accounts.matrix), checked route by route: every
page and API endpoint opened as every person and as someone not signed in (issue 6, point 3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from crs.accounts.matrix import PERSONAS, POST_ONLY, ROUTES
from crs.accounts.models import Rank, Role, Team, User
from crs.api.models import SCOPES, ApiToken
from crs.cases import services as s
from crs.scrutiny.services import draw_sample
from tests.cases import walk

# The admin site has its own staff-only gate (Django's), outside the matrix.
OUTSIDE = ("admin:",)


def routes(resolver=None, namespace=""):
    """(name, the pattern's keyword names) of every named route."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            name = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from routes(entry, name)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, set(entry.pattern.regex.groupindex)


@pytest.fixture
def world(db):
    north = Team.objects.create(name="North", district="North district")
    south = Team.objects.create(name="South", district="South district")

    def person(username, **extra):
        return User.objects.create(username=username, **extra)

    people = {
        "owner": person("pc_owner", team=north, rj_level1_trained=True),
        "team_constable": person("pc_team", team=north),
        "outsider": person("pc_south", team=south),
        "team_sergeant": person("sgt_north", team=north, rank=Rank.SERGEANT),
        "other_sergeant": person("sgt_south", team=south, rank=Rank.SERGEANT),
        "inspector": person("insp_north", team=north, rank=Rank.INSPECTOR),
        "yjs": person("yjs", rank=Rank.NONE, role=Role.YOUTH_JUSTICE_SUPERVISOR),
        "reviewer": person(
            "rev_north", team=north, rank=Rank.SERGEANT, role=Role.SUPERVISOR_REVIEWER
        ),
        "imu": person("imu", rank=Rank.POLICE_STAFF, role=Role.IMU_QUALITY_ASSURER),
        "rj": person("rj", rank=Rank.POLICE_STAFF, role=Role.RJ_OFFICER),
        "analyst": person("vj", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST),
        "admin": person("admin", rank=Rank.NONE, role=Role.ADMINISTRATOR),
    }
    assert set(people) == set(PERSONAS)
    # A closed case, drawn for a scrutiny panel (its own reference), then the case under test.
    walk.closed(people["owner"], people["team_sergeant"], people["imu"])
    today = timezone.localdate()
    sample = draw_sample(
        people["inspector"], start=today - timedelta(days=1), end=today, size=1, seed=7
    )
    case = walk.assessed(people["owner"], ref="CR/0200/24")
    victim = s.add_person(case, people["owner"], role="victim", given_name="V", family_name="W")
    kwargs = {
        "pk": case.pk,
        "case_id": case.pk,
        "person": victim.pk,
        "person_id": victim.pk,
        "role": "victim",
        "field": "offence.category",
        "name": "swagger-ui.css",
        "position": 1,
    }
    tokens = {
        label: ApiToken.issue(user, name="matrix", scopes=sorted(SCOPES), days=1)[1]
        for label, user in people.items()
    }
    return people, tokens, kwargs, sample


def url_for(name: str, keys: set[str], kwargs: dict, sample) -> str:
    values = {key: kwargs[key] for key in keys}
    if name.startswith("scrutiny:") and "pk" in keys:
        values["pk"] = sample.pk
    return reverse(name, kwargs=values)


def client_as(label: str, api: bool, people: dict, tokens: dict) -> Client:
    """A client signed in as the persona (a web session, or its token for the API)."""
    if label == "anonymous":
        return Client(raise_request_exception=False)
    if api:
        headers = {"Authorization": f"Bearer {tokens[label]}"}
        return Client(raise_request_exception=False, headers=headers)
    client = Client(raise_request_exception=False)
    client.force_login(people[label])
    return client


def opened(client: Client, url: str) -> bool | None:
    """True: it opened; False: refused; None: not signed in (sent to sign in / 401)."""
    response = client.get(url)
    status = response.status_code
    if status in (401,) or (status == 302 and "/sign-in/" in response["Location"]):
        return None
    if status in (403, 404):
        return False
    assert status < 500, f"{url}: {status}"
    return status < 400


def test_every_route_is_in_the_matrix():
    names = {name for name, _ in routes() if not name.startswith(OUTSIDE)}
    assert names - set(ROUTES) - POST_ONLY == set()
    assert set(ROUTES) - names == set(), "the matrix names routes that do not exist"


def test_every_route_lets_in_exactly_the_people_the_matrix_names(world):
    people, tokens, kwargs, sample = world
    wrong = []
    for name, keys in routes():
        if name.startswith(OUTSIDE) or name in POST_ONLY:
            continue
        url = url_for(name, keys, kwargs, sample)
        api = url.startswith("/api/")
        allowed = ROUTES[name]
        for label in ["anonymous", *PERSONAS]:
            result = opened(client_as(label, api, people, tokens), url)
            if label in allowed and result is not True:
                how = "refused" if result is False else "sent to sign in"
                wrong.append(f"{name}: {label} should get in, was {how}")
            if label not in allowed and result is True:
                wrong.append(f"{name}: {label} got in")
    assert wrong == [], "\n".join(wrong)

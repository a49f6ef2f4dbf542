"""The API tests' people (tests/cases/personas.py, plus an administrator) and their tokens."""

import pytest
from django.test import Client

from crs.accounts.models import Rank, Role
from crs.api.models import ApiToken
from tests.cases.personas import (  # noqa: F401 (fixtures)
    acting_insp_carr,
    imu_fisher,
    insp_carr,
    north,
    outsider,
    pc_ali,
    pcso_without_power,
    person,
    ps_okafor,
    ps_untrained,
    rev_evans,
    sgt_brown,
    south,
    supt_dale,
    yjt_supervisor,
)

ALL_SCOPES = ("assess", "cases:read", "cases:write")


@pytest.fixture
def admin(db):
    return person("admin_gray", rank=Rank.NONE, role=Role.ADMINISTRATOR)


@pytest.fixture
def analyst(db):
    return person("vj_patel", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)


@pytest.fixture
def rj_officer(db):
    return person("rj_quinn", rank=Rank.POLICE_STAFF, role=Role.RJ_OFFICER)


class Api:
    """Calls the API as a person, with a token of the given scopes (all, unless told)."""

    def __init__(self, user, scopes=ALL_SCOPES):
        _, self.token = ApiToken.issue(user, name="tests", scopes=scopes, days=30)
        self.client = Client(headers={"Authorization": f"Bearer {self.token}"})

    def call(self, method: str, path: str, body=None):
        url = f"/api/v1{path}"
        if method == "get":
            return self.client.get(url, body or {})
        return getattr(self.client, method)(url, body or {}, content_type="application/json")

    def get(self, path, params=None):
        return self.call("get", path, params)

    def post(self, path, body=None):
        return self.call("post", path, body)

    def put(self, path, body=None):
        return self.call("put", path, body)


@pytest.fixture
def as_user():
    return Api

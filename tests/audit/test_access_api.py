"""The API's reads leave the same s.62 entries as the pages (issue 11, item 5): a search by
name, the list of authorisations and the JSON export were answered and left no trace."""

import pytest
from django.test import Client

from crs.accounts.models import Rank, Role
from crs.api.models import ApiToken
from crs.audit.models import AccessEntry
from tests.cases.personas import person
from tests.cases.walk import assessed, authorised, completed, fresh
from tests.exchange.test_export import close


def client_for(user, *scopes):
    _, token = ApiToken.issue(user, name="access", scopes=scopes, days=1)
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def bloggs(pc_ali):
    case = assessed(pc_ali, offender={"given_name": "Jo", "family_name": "Bloggs"})
    assessed(pc_ali, ref="CR/0002/24")  # another case, not Bloggs's
    return fresh(case)


def test_an_api_search_by_name_records_the_search_against_each_case_it_showed(bloggs, sgt_brown):
    response = client_for(sgt_brown, "cases:read").get("/api/v1/cases", {"q": "Jo Bloggs"})
    assert [c["id"] for c in response.json()["items"]] == [bloggs.pk]
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.action, entry.case_id) == (sgt_brown, "search", bloggs.pk)
    assert entry.what == "/api/v1/cases?q=Jo+Bloggs"


def test_an_api_search_that_finds_nobody_is_still_recorded(bloggs, sgt_brown):
    client_for(sgt_brown, "cases:read").get("/api/v1/cases", {"q": "Nobody"})
    entry = AccessEntry.objects.get()
    assert (entry.action, entry.case_id, entry.what) == ("search", None, "/api/v1/cases?q=Nobody")


def test_the_list_of_authorisations_records_each_case_it_showed(pc_ali, sgt_brown):
    case = authorised(pc_ali, sgt_brown)
    response = client_for(sgt_brown, "cases:read").get("/api/v1/authorisations")
    assert response.status_code == 200 and response.json()["count"] == 1
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.case_id) == (sgt_brown, case.pk)
    assert entry.what == "/api/v1/authorisations"


def test_the_json_export_is_recorded_as_an_export(pc_ali, rev_evans, imu_fisher):
    close(completed(pc_ali), pc_ali, rev_evans, imu_fisher)
    analyst = person("vj_patel", rank=Rank.POLICE_STAFF, role=Role.VICTIM_JUSTICE_ANALYST)
    response = client_for(analyst, "exchange:read").get(
        "/api/v1/exchange/export", {"format": "json"}
    )
    assert response.status_code == 200 and b"CR/0001/24" in b"".join(response.streaming_content)
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.action) == (analyst, "export")
    assert entry.what == "/api/v1/exchange/export?format=json"


def test_a_refused_export_records_nothing(pc_ali):
    response = client_for(pc_ali, "exchange:read").get("/api/v1/exchange/export")
    assert response.status_code == 403
    assert not AccessEntry.objects.exists()

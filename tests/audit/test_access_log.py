"""The access log (DPA 2018 s.62): every look at a case, search and export is recorded with
who, when, what and in what role; entries are chained; tampering is named; and a person's
record can be asked "who looked at me?"."""

import pytest
from django.db import connection
from django.urls import reverse

from crs.audit.access import record_access
from crs.audit.models import AccessEntry, AppendOnly
from crs.audit.verify import verify_chain
from crs.cases.access_report import accesses
from crs.cli import main
from tests.cases.walk import assessed, fresh


@pytest.fixture(autouse=True)
def access_log_on(settings):
    if "crs.audit.access.AccessLogMiddleware" not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, "crs.audit.access.AccessLogMiddleware"]


@pytest.fixture
def case(pc_ali):
    case = assessed(pc_ali, offender={"given_name": "Jo", "family_name": "Bloggs"})
    return fresh(case)


def test_viewing_a_case_page_records_who_viewed_which_case_in_what_role(client, case, sgt_brown):
    client.force_login(sgt_brown)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.case, entry.action) == (sgt_brown, case, "view")
    assert entry.what == f"/cases/{case.pk}/"
    assert entry.why.startswith("Sergeant")


def test_a_case_refused_to_someone_outside_its_team_records_no_view(client, case, outsider):
    client.force_login(outsider)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404
    assert not AccessEntry.objects.exists()


def test_searching_the_case_list_is_recorded_with_the_search(client, case, pc_ali):
    client.force_login(pc_ali)
    client.get(reverse("case_list"), {"q": "Bloggs"})
    entry = AccessEntry.objects.get()
    assert entry.action == "search"
    assert "q=Bloggs" in entry.what


def test_changes_are_left_to_the_audit_trail_not_the_access_log(client, pc_ali):
    client.force_login(pc_ali)
    client.get(reverse("home"))
    client.post(reverse("sign_out"))
    assert not AccessEntry.objects.exists()


def test_access_entries_are_chained_and_verify(case, pc_ali, sgt_brown):
    for user in (pc_ali, sgt_brown, pc_ali):
        record_access(actor=user, case=case, action="view", what="/x/", why="test")
    result = verify_chain("access")
    assert result.ok and result.count == 3


def test_an_altered_access_entry_is_named(case, pc_ali):
    for _ in range(3):
        record_access(actor=pc_ali, case=case, action="view", what="/x/")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AccessEntry._meta.db_table} SET actor_name = 'nobody' WHERE seq = 2"
        )
    assert verify_chain("access").problem == (
        "access entry #2 (view on CR/0001/24) has been altered: its content no longer "
        "matches its hash"
    )


def test_a_removed_access_entry_is_named(case, pc_ali):
    for _ in range(3):
        record_access(actor=pc_ali, case=case, action="view", what="/x/")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AccessEntry._meta.db_table} WHERE seq = 2")
    assert verify_chain("access").problem == "access entry #2 is missing (next is #3)"


def test_access_entries_cannot_be_changed_or_removed_through_the_application(case, pc_ali):
    entry = record_access(actor=pc_ali, case=case, action="view", what="/x/")
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        AccessEntry.objects.all().delete()


def test_who_looked_at_a_person_lists_views_of_their_cases_only(client, case, pc_ali, sgt_brown):
    other = assessed(pc_ali, ref="CR/0002/24")
    client.force_login(sgt_brown)
    client.get(reverse("case_detail", args=[case.pk]))
    client.get(reverse("case_detail", args=[other.pk]))
    seen = list(accesses(family_name="bloggs", given_name="Jo"))
    assert [(e.actor_name, e.case_id) for e in seen] == [("sgt_brown", case.pk)]


def test_crs_audit_access_prints_each_access_of_a_case(client, case, sgt_brown, capsys):
    client.force_login(sgt_brown)
    client.get(reverse("case_detail", args=[case.pk]))
    assert main(["audit", "access", "--case", case.crime_reference]) == 0
    out = capsys.readouterr().out
    assert "sgt_brown" in out and "view" in out and case.crime_reference in out
    assert out.endswith("1 access\n")


def test_crs_audit_access_without_a_case_or_person_is_an_error(db, capsys):
    assert main(["audit", "access"]) == 2
    assert "name a case" in capsys.readouterr().err


def test_only_a_route_under_cases_names_a_case_by_its_pk(db):
    from types import SimpleNamespace

    from crs.audit.access import _case_pk

    # scrutiny/<pk>/cases/<position>/: the pk is a sample's, and no case is named.
    sample_case = SimpleNamespace(
        kwargs={"pk": 7, "position": 1}, route="scrutiny/<int:pk>/cases/<int:position>/"
    )
    assert _case_pk(sample_case) is None
    assert _case_pk(SimpleNamespace(kwargs={"pk": 7}, route="cases/<int:pk>/people/")) == 7
    assert _case_pk(SimpleNamespace(kwargs={"case_id": "8"}, route="api/v1/cases/<case_id>")) == 8

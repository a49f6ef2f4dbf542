"""The access log's own retention rule: an entry about no one case (a search, an export of
many) has its address and reason erased by `crs retention dispose` once the schedule's
[access_log] period has passed since the day it was written; its frame stays, both chains
still verify, and entries about a case are left to that case's disposal."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crs.audit.access import record_access
from crs.audit.models import AccessEntry, AuditEntry
from crs.audit.verify import verify_chain
from crs.cli import main
from crs.retention import access_log, schedule
from crs.retention.dispose import DisposalError, dispose, dispose_due
from tests.cases.walk import assessed

NAME = "Quillfern"  # made up: any hit is one of these entries
ON = date(2024, 3, 14)  # six years after 14 March 2018


@pytest.fixture
def clock(monkeypatch):
    """Set the time entries are written at; `clock(None)` is the real time again."""
    real = timezone.now

    def at(when):
        monkeypatch.setattr(timezone, "now", real if when is None else (lambda: when))

    return at


@pytest.fixture
def access_log_on(settings):
    if "crs.audit.access.AccessLogMiddleware" not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, "crs.audit.access.AccessLogMiddleware"]


@pytest.fixture
def entries(clock, client, access_log_on, pc_ali):
    """A search through the case list on the last day that is due; an export of many a
    year before; a search the next day (not due); a view of an open case on the first."""
    case = assessed(pc_ali)
    client.force_login(pc_ali)
    clock(datetime(2018, 3, 14, 10, 0, tzinfo=UTC))
    assert client.get(reverse("case_list"), {"q": NAME}).status_code == 200
    clock(datetime(2017, 3, 1, 9, 0, tzinfo=UTC))
    record_access(
        actor=pc_ali, action="export", what=f"subject access: {NAME}, Jo", why="DPA 2018 s.45"
    )
    # Just after midnight on the 15th in London: due a day later than the first search.
    clock(datetime(2018, 3, 15, 0, 30, tzinfo=UTC))
    record_access(actor=pc_ali, action="search", what=f"/cases/?q={NAME}2", why="PC: case_list")
    clock(datetime(2017, 1, 1, 9, 0, tzinfo=UTC))
    record_access(actor=pc_ali, case=case, action="view", what=f"/cases/{case.pk}/?q={NAME}")
    clock(None)
    search, export, young, view = AccessEntry.objects.order_by("seq")
    assert NAME in search.what and search.case_id is None
    return search, export, young, view


def _fresh(entry):
    return AccessEntry.objects.get(pk=entry.pk)


def test_entries_about_no_one_case_are_erased_once_their_period_ends(entries, records_admin):
    search, export, _, _ = entries
    disposal = dispose_due(on=ON, by=records_admin)
    assert (disposal.cases, disposal.access_entries) == ([], 2)
    for old in (search, export):
        after = _fresh(old)
        assert (after.what, after.why) == ("", "")
        assert after.erased_at is not None
        # The frame stays: who, when, which kind of access, and the chain's link.
        assert (after.actor_name, after.at, after.action) == (old.actor_name, old.at, old.action)
        assert (after.content_digest, after.hash) == (old.content_digest, old.hash)


def test_an_entry_within_its_period_is_untouched(entries, records_admin):
    _, _, young, _ = entries
    dispose(on=ON, by=records_admin)
    after = _fresh(young)
    assert (after.what, after.erased_at) == (young.what, None)
    dispose(on=date(2024, 3, 15), by=records_admin)
    assert _fresh(young).what == ""


def test_an_entry_about_a_case_is_left_to_the_cases_disposal(entries, records_admin):
    _, _, _, view = entries
    dispose(on=timezone.localdate(), by=records_admin)  # every entry is long past its period
    after = _fresh(view)
    assert (after.what, after.erased_at) == (view.what, None)


def test_after_the_erasure_both_chains_verify(entries, records_admin, capsys):
    dispose(on=ON, by=records_admin)
    access = verify_chain("access")
    assert (access.ok, access.erased) == (True, 2)
    assert verify_chain("audit").ok
    assert main(["audit", "verify"]) == 0
    assert "access log entries verified (2 erased under retention)" in capsys.readouterr().out


def test_the_erasure_is_recorded_in_the_audit_trail_and_the_access_log(entries, records_admin):
    search, export, _, _ = entries
    dispose(on=ON, by=records_admin)
    record = AuditEntry.objects.get(action="erase_personal_data")
    assert (record.actor, record.case) == (records_admin, None)
    assert record.after == {
        "erased": {"audit": [], "access": [search.seq, export.seq]},
        "rule": "access_log",
    }
    assert NAME not in record.why
    erase = AccessEntry.objects.get(action="erase")
    assert erase.actor == records_admin and "2 access log entries" in erase.what
    # The record of an erasure is not itself erased by a later disposal.
    dispose(on=timezone.localdate(), by=records_admin)
    assert _fresh(erase).erased_at is None


def test_review_counts_the_entries_due(entries, capsys):
    count, rule = access_log.review(ON)
    assert (count, rule.key, rule.years) == (2, "access_log", 6)
    assert main(["retention", "review", "--on", "2024-03-14"]) == 0
    out = capsys.readouterr().out
    assert "2 access log entries about no one case due for erasure on 2024-03-14" in out
    assert "(rule access_log, 6 years)" in out
    assert NAME not in out


def test_the_dispose_command_reports_the_entries_and_a_dry_run_keeps_them(
    entries, records_admin, capsys
):
    search, _, _, _ = entries
    argv = ["retention", "dispose", "--on", "2024-03-14", "--by", "records_admin"]
    assert main([*argv, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would erase the content of 2 access log entries about no one case" in out
    assert _fresh(search).what == search.what
    assert not AuditEntry.objects.filter(action="erase_personal_data").exists()
    assert main(argv) == 0
    assert "erased the content of 2 access log entries" in capsys.readouterr().out
    assert _fresh(search).what == ""


def test_only_an_administrator_may_erase_the_access_log(entries, pc_ali):
    search, _, _, _ = entries
    with pytest.raises(DisposalError, match="not an administrator"):
        dispose(on=ON, by=pc_ali)
    assert _fresh(search).what == search.what


def test_the_period_is_read_from_the_schedule(entries, records_admin, settings, tmp_path):
    file = tmp_path / "schedule.toml"
    file.write_text(
        '[rules.not_given]\nstates = ["withdrawn"]\nyears = 6\nsource = "force policy"\n'
        '[access_log]\nyears = 7\nsource = "force policy for the access log"\n'
    )
    settings.CRS_RETENTION_SCHEDULE = str(file)
    assert access_log.review(ON)[0] == 1  # seven years: only the 2017 export
    assert access_log.review(date(2025, 3, 14))[0] == 2


def test_a_schedule_without_an_access_log_rule_takes_crs_default_and_says_so(
    db, settings, tmp_path
):
    file = tmp_path / "schedule.toml"
    file.write_text('[rules.closed_cr]\nstates = ["closed"]\nyears = 3\nsource = "force"\n')
    settings.CRS_RETENTION_SCHEDULE = str(file)
    rule = schedule.access_log()
    assert rule.years == 6
    assert rule.source.endswith(f"[crs's default: {file} has no [access_log] table]")


def test_an_access_log_rule_without_a_source_is_refused_naming_the_field(
    db, settings, tmp_path, capsys, records_admin
):
    file = tmp_path / "schedule.toml"
    file.write_text(
        '[rules.closed_cr]\nstates = ["closed"]\nyears = 6\nsource = "force"\n'
        "[access_log]\nyears = 6\n"
    )
    settings.CRS_RETENTION_SCHEDULE = str(file)
    assert main(["retention", "review"]) == 2
    assert "access_log.source" in capsys.readouterr().err
    assert main(["retention", "dispose", "--on", "2024-03-14", "--by", "records_admin"]) == 2


def test_crs_default_access_log_rule_names_its_unconfirmed_source():
    rule = schedule.access_log(schedule.DEFAULT)
    assert rule.years == 6
    assert "unconfirmed offline" in rule.source


def test_the_period_ends_on_the_same_date_years_later_29_february_with_the_28th():
    one = schedule.Rule("r", "r", (), 1, "s")
    assert one.ended_by(date(2025, 2, 28)) == date(2024, 2, 29)
    assert one.ended_by(date(2024, 2, 29)) == date(2023, 2, 28)
    assert schedule.Rule("r", "r", (), 6, "s").ended_by(ON) == date(2018, 3, 14)

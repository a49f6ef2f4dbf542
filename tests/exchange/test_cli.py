"""`crs import-outcomes` and `crs export-outcomes`, run in-process on the test database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crs.cli import main
from crs.exchange.models import ImportBatch, RecordedOutcome

from .extracts import AVERY, QUINN, extract


def write(tmp_path, *rows, name="extract.csv"):
    path = tmp_path / name
    path.write_bytes(extract(*rows))
    return str(path)


def test_import_outcomes_imports_and_says_how_many(db, tmp_path, capsys):
    assert main(["import-outcomes", write(tmp_path, *QUINN, *AVERY)]) == 0
    assert "3 previous outcomes imported as batch" in capsys.readouterr().out
    batch = ImportBatch.objects.get()
    assert batch.imported_by is None and batch.imported_by_name.startswith("command line")


def test_an_invalid_file_exits_2_naming_line_and_field_and_imports_nothing(db, tmp_path, capsys):
    bad = "RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,jaywalking,"
    assert main(["import-outcomes", write(tmp_path, *QUINN, bad)]) == 2
    err = capsys.readouterr().err
    assert "crs: line 4, offence_category: 'jaywalking' is not one of" in err
    assert "1 problem in 3 rows: nothing imported" in err
    assert not RecordedOutcome.objects.exists()


def test_the_same_file_twice_is_a_harmless_no_op(db, tmp_path, capsys):
    path = write(tmp_path, *QUINN)
    main(["import-outcomes", path])
    capsys.readouterr()
    assert main(["import-outcomes", path]) == 0
    assert "Already imported as batch" in capsys.readouterr().out
    assert RecordedOutcome.objects.count() == 2


def test_dry_run_reports_as_json_and_keeps_nothing(db, tmp_path, capsys):
    assert main(["import-outcomes", write(tmp_path, *QUINN), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["valid"], report["rows"], report["imported"]) == (True, 2, 0)
    assert not ImportBatch.objects.exists()


def test_import_as_a_named_user_needs_an_allowed_role(db, tmp_path, capsys, pc_ali, analyst_vale):
    path = write(tmp_path, *QUINN)
    assert main(["import-outcomes", path, "--user", "pc_ali"]) == 2
    assert "Only an administrator or a Victim Justice analyst" in capsys.readouterr().err
    assert main(["import-outcomes", path, "--user", "analyst_vale"]) == 0
    assert ImportBatch.objects.get().imported_by == analyst_vale


def test_a_missing_file_is_one_line_not_a_traceback(db, tmp_path, capsys):
    assert main(["import-outcomes", str(tmp_path / "nowhere.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crs: ") and "Traceback" not in err


def test_export_writes_csv_to_a_file(analyst_vale, tmp_path):
    out = tmp_path / "out.csv"
    command = ["export-outcomes", "--output", str(out), "--since", "2024-01-01"]
    assert main([*command, "--user", "analyst_vale"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0][:3] == ["crime_reference", "outcome_code", "outcome"] and len(rows) == 1


def test_an_export_is_readable_by_its_owner_only_and_in_the_access_log(analyst_vale, tmp_path):
    from crs.audit.models import AccessEntry

    out = tmp_path / "out.csv"
    assert main(["export-outcomes", "--output", str(out), "--user", "analyst_vale"]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    entry = AccessEntry.objects.latest("seq")
    assert (entry.actor, entry.action) == (analyst_vale, "export")
    assert "0 Home Office outcome records" in entry.what and str(out) in entry.what


def test_an_export_without_a_user_is_refused_before_anything_is_written(db, tmp_path, capsys):
    out = tmp_path / "out.csv"
    with pytest.raises(SystemExit) as exit_:
        main(["export-outcomes", "--output", str(out)])
    assert exit_.value.code == 2
    assert "--user" in capsys.readouterr().err
    assert not out.exists()


def test_an_export_by_a_role_that_may_not_export_is_refused(pc_ali, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["export-outcomes", "--output", str(out), "--user", "pc_ali"]) == 2
    assert "Only an administrator or a Victim Justice analyst" in capsys.readouterr().err
    assert not out.exists()


def test_export_refuses_a_bad_date_or_an_upside_down_period(analyst_vale, capsys):
    who = ["--user", "analyst_vale"]
    assert main(["export-outcomes", "--since", "1 March", *who]) == 2
    assert "--since: must be a date YYYY-MM-DD" in capsys.readouterr().err
    assert main(["export-outcomes", "--since", "2024-03-02", "--until", "2024-03-01", *who]) == 2
    assert "--until: must not be before --since" in capsys.readouterr().err

"""`crs dashboard refresh` and `crs dashboard check-baseline` on the command line."""

import pytest

from crs.cli import main
from crs.dashboard.models import CaseFigures
from tests.conftest import run_crs


def test_check_baseline_names_the_line_and_column_of_a_mistake(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("dimension,group,population,reference\nsex,female,1000,yes\nsex,male,-5,\n")
    done = run_crs("dashboard", "check-baseline", str(bad))
    assert done.returncode == 2
    assert b"line 3, column population: -5 must be more than 0" in done.stderr
    assert b"Traceback" not in done.stderr


def test_check_baseline_summarises_a_good_file():
    done = run_crs(
        "dashboard", "check-baseline", "src/crs/dashboard/data/population-baseline-ILLUSTRATIVE.csv"
    )
    assert done.returncode == 0, done.stderr
    assert b"sex: 2 groups, 1,394,000 people, reference female" in done.stdout


@pytest.mark.django_db
def test_refresh_reads_every_case_with_full_and_none_unchanged_without(dataset, capsys):
    assert main(["dashboard", "refresh", "--full"]) == 0
    assert "Refreshed the figures of 8 cases" in capsys.readouterr().out
    assert CaseFigures.objects.count() == 8
    assert main(["dashboard", "refresh"]) == 0
    assert "Refreshed the figures of 0 cases" in capsys.readouterr().out

"""The population baseline file: what it accepts, and each mistake named by line and column."""

import pytest

from crs.dashboard.baseline import SAMPLE, BaselineError, load_baseline, parse

HEADER = "dimension,group,population,reference\n"


def test_the_shipped_sample_loads_and_says_it_is_illustrative(settings):
    settings.CRS_POPULATION_BASELINE = ""
    baseline = load_baseline()
    assert baseline.illustrative
    assert "ILLUSTRATIVE" in SAMPLE.read_text()
    assert baseline.reference == {"age_band": "25-34", "sex": "female", "ethnic_group": "W"}


def test_the_environment_names_the_file_when_the_setting_does_not(settings, monkeypatch, tmp_path):
    path = tmp_path / "area.csv"
    path.write_text(HEADER + "sex,female,10,yes\nsex,male,12,\n")
    settings.CRS_POPULATION_BASELINE = ""
    monkeypatch.setenv("CRS_POPULATION_BASELINE", str(path))
    baseline = load_baseline()
    assert not baseline.illustrative
    assert baseline.population == {"sex": {"female": 10, "male": 12}}


def test_comments_are_skipped_and_line_numbers_still_count_them():
    with pytest.raises(BaselineError, match=r"line 4, column group: 'X'"):
        parse("# a comment\n" + HEADER + "sex,female,10,yes\nsex,X,5,\n")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sex,female,10,yes\nsex,female,11,\n", "line 3, column group: sex female is given twice"),
        ("sex,female,ten,yes\n", "line 2, column population: 'ten' is not a whole number"),
        ("sex,female,0,yes\n", "line 2, column population: 0 must be more than 0"),
        ("race,W,10,yes\n", "line 2, column dimension: 'race' is not one of"),
        ("sex,female,10,maybe\n", "line 2, column reference: 'maybe' must be"),
        ("sex,female,10,yes\nsex,male,10,yes\n", "line 3, column reference: sex already has"),
        ("sex,female,10\n", "line 2: expected 4 columns"),
        ("sex,female,10,\n", "no reference group for sex"),
    ],
)
def test_each_mistake_is_named_with_its_line_and_column(body, message):
    with pytest.raises(BaselineError, match=message):
        parse(HEADER + body)


def test_a_wrong_header_is_named():
    with pytest.raises(BaselineError, match="line 1: the header must be"):
        parse("group,dimension,population,reference\n")


def test_a_missing_file_is_an_error_not_a_traceback(settings, tmp_path):
    settings.CRS_POPULATION_BASELINE = str(tmp_path / "missing.csv")
    with pytest.raises(BaselineError, match="cannot be read"):
        load_baseline()

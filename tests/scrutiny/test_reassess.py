"""`crs reassess`: which stored cases a new policy pack would decide differently."""

from __future__ import annotations

import csv

import pytest

from crs.cases import services as s
from crs.cases.models import Case
from crs.cli import main
from crs.policy import load_pack
from crs.policy.pack import PACKS_DIR
from crs.scrutiny.reassess import review

from ..cases import facts as f
from ..cases.walk import opened

EXAMPLESHIRE = PACKS_DIR / "examples" / "exampleshire-2024-04.toml"


def two_previous_crs() -> dict:
    """O32g: a third CR in 12 months is not possible (3.5.3); Exampleshire allows it."""
    return f.facts(
        offender={
            "previous_outcomes": [
                {"outcome": "community_resolution", "date": "2023-06-01"},
                {"outcome": "community_resolution", "date": "2023-09-01"},
            ]
        }
    )


def hate_crime() -> dict:
    """O32g: an Inspector authorises a hate crime CR; Exampleshire: a Superintendent."""
    return f.facts(offence={"hate_crime": True})


def old_penalty_notice() -> dict:
    """A reason changes under the 24-month window, but not the decision or authority."""
    return f.facts(
        offender={"previous_outcomes": [{"outcome": "penalty_notice", "date": "2022-08-01"}]}
    )


def stored(owner, ref: str, document: dict, assessed_on: str | None = None) -> Case:
    if assessed_on:
        document = {**document, "assessed_on": assessed_on}
    case = opened(owner, document, ref)
    s.assess(case, owner)
    return case


@pytest.fixture
def history(pc_ali):
    stored(pc_ali, "CR/0001/24", two_previous_crs())
    stored(pc_ali, "CR/0002/24", hate_crime())
    stored(pc_ali, "CR/0003/24", f.eligible())
    stored(pc_ali, "CR/0004/24", old_penalty_notice())
    stored(pc_ali, "CR/0005/24", hate_crime(), assessed_on="2024-06-03")
    opened(pc_ali, hate_crime(), "CR/0006/24")  # never assessed


def run(capsys, *args):
    code = main(["reassess", "--pack", str(EXAMPLESHIRE), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cases_whose_decision_or_authority_would_change_are_reported(history, capsys, tmp_path):
    out_csv = tmp_path / "changed.csv"
    code, out, err = run(capsys, "--csv", str(out_csv))
    assert (code, err) == (0, "")
    assert f"4 changed cases written to {out_csv}" in out
    assert out_csv.stat().st_mode & 0o777 == 0o600  # crime references: for the reviewer only
    rows = {r["crime_reference"]: r for r in csv.DictReader(out_csv.open())}
    assert set(rows) == {"CR/0001/24", "CR/0002/24", "CR/0004/24", "CR/0005/24"}
    repeat = rows["CR/0001/24"]
    assert (repeat["old_decision"], repeat["new_decision"]) == (
        "not_eligible",
        "authorisation_required",
    )
    assert repeat["change"] == "decision only"
    assert repeat["reasons_removed"] == "repeat_community_resolutions"
    assert repeat["reasons_added"] == ""
    hate = rows["CR/0002/24"]
    assert (hate["old_authorities"], hate["new_authorities"]) == ("inspector", "superintendent")
    assert hate["change"] == "authority only"
    assert hate["old_decision"] == hate["new_decision"] == "authorisation_required"
    assert (hate["authorities_added"], hate["authorities_removed"]) == (
        "superintendent",
        "inspector",
    )


def test_a_case_whose_reasons_alone_would_change_is_reported_not_unchanged(
    history, capsys, tmp_path
):
    """Issue 15: a wider window that only adds a reason was counted "unchanged"."""
    out_csv = tmp_path / "changed.csv"
    code, out, _ = run(capsys, "--csv", str(out_csv))
    assert code == 0
    rows = {r["crime_reference"]: r for r in csv.DictReader(out_csv.open())}
    notice = rows["CR/0004/24"]
    assert notice["change"] == "reasons or rulings only"
    assert notice["old_decision"] == notice["new_decision"]
    assert notice["reasons_added"] or notice["reasons_removed"]
    assert "1 would be decided the same way for different reasons" in out


def test_the_table_counts_changes_by_kind_decision_and_rule(history, capsys):
    code, out, _ = run(capsys)
    assert code == 0
    assert "5 cases with a stored assessment" in out
    assert "whatever the pack's effective date" in out
    lines = {" ".join(line.split()) for line in out.splitlines()}
    assert "decision only 1" in lines
    assert "authority only 2" in lines
    assert "decision and authority 0" in lines
    assert "reasons or rulings only 1" in lines
    assert "unchanged 1" in lines
    assert "not eligible to authorisation required 1" in lines
    assert "repeat_community_resolutions 0 1" in lines  # one changed case loses it
    assert "superintendent 2 0" in lines and "inspector 0 2" in lines
    assert "In short: 4 of 5 cases (80%) would change under this pack." in lines
    assert (
        "- 2 would need different authority: superintendent in 2 more, inspector in 2 fewer."
        in lines
    )


def test_the_review_says_what_each_changed_rule_says_with_the_packs_window(history, capsys):
    """Issue 15: reason texts said "12 months" whatever the pack's window."""
    code, out, _ = run(capsys)
    assert code == 0
    section = out.split("What those rules say under this pack", 1)[1]
    assert "- recent_offending: There is offending within the last 24 months:" in section
    assert "previous CRs within the 24-month window" in section
    assert "12 month" not in section


def test_since_keeps_only_cases_assessed_on_or_after_the_date(history, capsys, tmp_path):
    out_csv = tmp_path / "changed.csv"
    code, out, _ = run(capsys, "--since", "2024-06-01", "--csv", str(out_csv))
    assert code == 0
    assert "1 cases with a stored assessment assessed on or after 01 June 2024" in out
    assert [r["crime_reference"] for r in csv.DictReader(out_csv.open())] == ["CR/0005/24"]


def test_only_each_cases_latest_assessment_is_reviewed(pc_ali, capsys):
    case = stored(pc_ali, "CR/0001/24", hate_crime())
    case = s.update_facts(
        Case.objects.get(pk=case.pk),
        pc_ali,
        f.case_facts(f.eligible()),
        reason="Not a hate crime after all.",
    )
    s.assess(case, pc_ali)
    report = review(load_pack(EXAMPLESHIRE))
    assert (report.cases, report.changed) == (1, [])


def test_the_same_facts_are_assessed_once_and_counted_for_every_case(pc_ali):
    for i in range(1, 5):
        stored(pc_ali, f"CR/{i:04d}/24", hate_crime())
    report = review(load_pack(EXAMPLESHIRE))
    assert report.cases == 4
    assert [c.crime_reference for c in report.changed] == [f"CR/{i:04d}/24" for i in range(1, 5)]


def test_a_bad_pack_is_refused_naming_the_key(tmp_path, capsys, db):
    pack = tmp_path / "bad.toml"
    pack.write_text(
        'extends = "o32g-2023-07"\npolicy = "BAD"\nversion = "1"\n'
        'effective_from = "2024-04-01"\ntitle = "t"\nsource = "s"\n'
        "[history]\nwindow_months = 0\n"
    )
    code = main(["reassess", "--pack", str(pack)])
    _, err = capsys.readouterr()
    assert code == 2
    assert "history.window_months" in err and "must be at least 1" in err
    assert "Traceback" not in err


def test_a_missing_pack_or_a_bad_date_is_refused_naming_it(tmp_path, capsys, db):
    assert main(["reassess", "--pack", str(tmp_path / "none.toml")]) == 2
    assert "none.toml" in capsys.readouterr().err
    assert main(["reassess", "--pack", str(EXAMPLESHIRE), "--since", "1/6/2024"]) == 2
    assert "--since" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_processes_over_ranges_of_cases_give_the_same_report(pc_ali):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is not shared with other processes")
    for i, document in enumerate([two_previous_crs(), hate_crime(), f.eligible()] * 3, 1):
        stored(pc_ali, f"CR/{i:04d}/24", document)
    pack = load_pack(EXAMPLESHIRE)
    one, three = review(pack, workers=1), review(pack, workers=3)
    assert three.cases == one.cases == 9
    assert three.changed == one.changed and len(one.changed) == 6
    assert three.kinds == one.kinds

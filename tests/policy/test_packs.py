"""Policy packs: the force's choices as versioned, validated data."""

import json
from datetime import date
from pathlib import Path

import pytest

from crs.policy import PackError, assess_document, load_pack, pack_for
from crs.policy.pack import PACKS_DIR, packs_in, parse_pack
from crs.policy.rules import RULES

from ..conftest import EXAMPLES, run_crs

DEFAULT = PACKS_DIR / "o32g-2023-07.toml"
EXAMPLE = PACKS_DIR / "examples" / "exampleshire-2024-04.toml"


def facts(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.facts.json").read_text())


def write_pack(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body)
    return path


def test_default_pack_holds_the_sops_numbers():
    pack = load_pack(DEFAULT)
    assert (pack.policy, pack.version) == ("O32g", "2023-07")
    assert pack.outcomes_weeks == 16  # 4.4.4
    assert pack.outcomes_days == 112  # R25
    assert pack.parent_guardian_hours == 24  # 3.4.3
    assert pack.window_months == 12  # 2.4.3
    assert pack.age_criminal_responsibility == 10  # 3.4.2
    assert pack.authority["non_intimate_domestic_abuse"] == "substantive_inspector"  # 2.5.2
    assert pack.authority["sexual_exceptional"] == "superintendent"  # 2.3.3
    assert [r.id for r in pack.community_remedy][:2] == ["financial_compensation", "reparation"]


def test_default_pack_has_every_ruling():
    assert sorted(load_pack(DEFAULT).rulings, key=lambda r: int(r[1:])) == [
        f"R{n}" for n in range(1, 40)
    ]


def test_the_pack_in_force_on_the_assessment_date_is_used(tmp_path):
    write_pack(tmp_path, "a", f'extends = "{DEFAULT}"\nversion = "2023-07"\n')
    write_pack(
        tmp_path,
        "b",
        f'extends = "{DEFAULT}"\nversion = "2025-01"\neffective_from = "2025-01-01"\n'
        "[history]\nrepeat_cr_limit = 3\n",
    )
    assert pack_for(date(2024, 12, 31), directory=tmp_path).version == "2023-07"
    assert pack_for(date(2025, 1, 1), directory=tmp_path).version == "2025-01"


def test_before_the_first_pack_the_first_pack_is_used(tmp_path):
    write_pack(tmp_path, "a", f'extends = "{DEFAULT}"\neffective_from = "2024-01-01"\n')
    assert pack_for(date(2020, 1, 1), directory=tmp_path).effective_from == date(2024, 1, 1)


def test_an_assessment_reports_the_pack_it_used():
    got = assess_document(facts("01-adult-shop-theft"))
    pack = load_pack(DEFAULT)
    assert (got["policy"], got["policy_version"]) == ("O32g", "2023-07")
    assert got["policy_digest"] == pack.digest


def test_a_third_cr_in_a_year_is_excluded_by_default_but_not_by_the_example_force():
    case = facts("07-third-cr-in-a-year")
    assert assess_document(case)["decision"] == "not_eligible"
    example = assess_document(case, pack=load_pack(EXAMPLE))
    assert example["decision"] == "authorisation_required"
    assert example["policy"] == "EXAMPLESHIRE"


def test_traffic_with_exceptional_circumstances_needs_the_forces_chosen_authority():
    case = facts("01-adult-shop-theft")
    case["offence"].update(category="traffic", exceptional_circumstances=True)
    assert assess_document(case)["authorities_required"] == ["inspector"]
    assert assess_document(case, pack=load_pack(EXAMPLE))["authorities_required"] == [
        "superintendent"
    ]


def test_khat_escalation_applies_by_default_and_not_where_the_force_turned_it_off():
    case = facts("03-cannabis-second-time")
    case["offence"]["drug"]["substance"] = "khat"
    case["offender"]["previous_outcomes"][0]["substance"] = "khat"
    assert assess_document(case)["recommended_disposal"] == "conditional_caution"
    example = assess_document(case, pack=load_pack(EXAMPLE))
    assert example["decision"] == "authorisation_required"


def test_an_extending_pack_changes_only_what_it_names():
    base, example = load_pack(DEFAULT), load_pack(EXAMPLE)
    assert example.outcomes_weeks == base.outcomes_weeks
    assert example.window_months == 24
    assert example.rulings == base.rulings
    assert example.digest != base.digest


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('[history]\nwindow_months = "twelve"\n', "history.window_months"),
        ('[authority]\nhate_crime = "chief_constable"\n', "authority.hate_crime"),
        ("[deadlines]\nweeks = 16\n", "deadlines.weeks"),
        ("[history]\nrepeat_cr_limit = 1\n", "history.repeat_cr_limit"),
        ('effective_from = "2024-13-01"\n', "effective_from"),
        ("[gravity.adult]\ncr_scores = [1, 2]\n", "gravity.adult.cr_scores"),
        ('[gravity.child.excluded]\n"3" = "caution"\n', "gravity.child.excluded.3"),
        ('[[community_remedy]]\nid = "apology"\n', "community_remedy.0.label"),
    ],
)
def test_an_invalid_pack_is_refused_naming_the_key(tmp_path, body, key):
    path = write_pack(tmp_path, "bad", f'extends = "{DEFAULT}"\n{body}')
    with pytest.raises(PackError) as raised:
        load_pack(path)
    assert raised.value.key == key


def test_a_pack_missing_a_key_is_refused_naming_it():
    text = DEFAULT.read_text().replace("outcomes_weeks = 16", "")
    with pytest.raises(PackError) as raised:
        parse_pack(text.encode(), "edited.toml")
    assert raised.value.key == "deadlines.outcomes_weeks"


def test_a_pack_that_is_not_toml_is_refused(tmp_path):
    with pytest.raises(PackError, match="not valid TOML"):
        load_pack(write_pack(tmp_path, "bad", "policy = \n"))


def test_a_pack_without_a_ruling_a_rule_applies_is_refused():
    text = DEFAULT.read_text()
    start = text.index("[rulings.R6]")
    end = text.index("[rulings.R7]")
    with pytest.raises(PackError) as raised:
        parse_pack((text[:start] + text[end:]).encode(), "edited.toml")
    assert raised.value.key == "rulings.R6"


def test_policy_check_accepts_the_shipped_packs():
    for path in (DEFAULT, EXAMPLE):
        done = run_crs("policy", "check", str(path))
        assert done.returncode == 0, done.stderr
        assert b"valid policy pack" in done.stdout


def test_policy_check_refuses_a_bad_pack_in_one_line_naming_the_key(tmp_path):
    path = write_pack(tmp_path, "bad", f'extends = "{DEFAULT}"\n[ages]\nadult = "18"\n')
    done = run_crs("policy", "check", str(path))
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "ages.adult" in lines[0]


def test_policy_show_lists_every_rule_with_its_paragraph_and_the_values():
    done = run_crs("policy", "show")
    assert done.returncode == 0
    text = done.stdout.decode()
    for rule in RULES:
        assert rule.code in text
    assert "16 weeks" in text and "24 hours" in text and "12 months" in text


def test_a_directory_of_packs_can_be_named_in_the_environment(tmp_path, monkeypatch):
    write_pack(tmp_path, "own", f'extends = "{DEFAULT}"\nversion = "force-1"\n')
    monkeypatch.setenv("CRS_POLICY_PACKS", str(tmp_path))
    assert packs_in()[0].version == "force-1"
    assert assess_document(facts("01-adult-shop-theft"))["policy_version"] == "force-1"

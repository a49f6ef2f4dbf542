"""A force's gravity matrix CSV (Ruling R22): the loader, the lookup and `crs gravity lookup`."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crs.policy.gravity import (
    SAMPLE_LABEL,
    SAMPLE_PATH,
    Entry,
    GravityError,
    GravityTable,
    load_matrix,
    load_sample,
    parse_matrix,
)

from ..conftest import CRS, ROOT

RULES_DIR = ROOT / "src" / "crs" / "policy" / "rules"
HEADER = "offence,category,matrix,base_score,aggravating,mitigating,notes\n"


def write_csv(tmp_path: Path, text: str, name: str = "force.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> GravityError:
    with pytest.raises(GravityError) as caught:
        load_matrix(write_csv(tmp_path, text))
    return caught.value


def table(*offences: str, category: str = "other") -> GravityTable:
    """A table whose entries are the given offences, all adult score 1, in this order."""
    entries = tuple(
        Entry(offence=o, category=category, matrix="adult", base_score=1, line=i)
        for i, o in enumerate(offences, 2)
    )
    return GravityTable(entries=entries, source="(test)")


def crs(*args: str, gravity_csv: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `crs`, with $CRS_GRAVITY_CSV set as given (unset when None)."""
    env = {k: v for k, v in os.environ.items() if k != "CRS_GRAVITY_CSV"}
    if gravity_csv is not None:
        env["CRS_GRAVITY_CSV"] = gravity_csv
    return subprocess.run([*CRS, *args], capture_output=True, timeout=60, cwd=ROOT, env=env)


FORCE_CSV = (
    HEADER + "Shoplifting,theft,adult,2,repeat offending,goods returned,force table\n"
    "Shoplifting,theft,child,3,,,\n"
)


# The loader ----------------------------------------------------------------------------


def test_sample_loads_with_offences_on_both_matrices():
    sample = load_sample()
    assert {e.matrix for e in sample.entries} == {"adult", "child"}
    assert 15 <= len(sample.entries) <= 30


def test_every_sample_entry_is_labelled_illustrative():
    assert all(e.illustrative for e in load_sample().entries)


def test_sample_file_name_says_illustrative():
    assert "ILLUSTRATIVE" in SAMPLE_PATH.name


def test_sample_is_illustrative_even_when_loaded_by_path():
    assert load_matrix(SAMPLE_PATH).illustrative


def test_force_table_without_illustrative_notes_is_not_illustrative(tmp_path):
    assert not load_matrix(write_csv(tmp_path, FORCE_CSV)).illustrative


def test_force_table_with_an_entry_noted_illustrative_is_illustrative(tmp_path):
    text = HEADER + "Shoplifting,theft,adult,1,,,Illustrative score only\n"
    assert load_matrix(write_csv(tmp_path, text)).illustrative


def test_loader_reads_every_column_of_a_row(tmp_path):
    text = HEADER + 'Common assault,assault,adult,2,"injury; hostility ; ",provocation,see policy\n'
    (entry,) = load_matrix(write_csv(tmp_path, text)).entries
    assert entry == Entry(
        offence="Common assault",
        category="assault",
        matrix="adult",
        base_score=2,
        aggravating=("injury", "hostility"),
        mitigating=("provocation",),
        notes="see policy",
        line=2,
    )


def test_optional_columns_may_be_left_out(tmp_path):
    (entry,) = load_matrix(
        write_csv(tmp_path, "offence,category,matrix,base_score\nX,theft,child,5\n")
    ).entries
    assert (entry.aggravating, entry.mitigating, entry.notes) == ((), (), "")


def test_header_names_are_case_insensitive_and_in_any_order(tmp_path):
    text = "Base_Score, MATRIX ,Offence,Category\n1,adult,Shoplifting,theft\n"
    (entry,) = load_matrix(write_csv(tmp_path, text)).entries
    assert (entry.offence, entry.matrix, entry.base_score) == ("Shoplifting", "adult", 1)


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + "offence,category,matrix,base_score\nDamage £50,criminal_damage,adult,1\n".encode()
    )
    (entry,) = load_matrix(path).entries
    assert entry.offence == "Damage £50"


def test_comment_and_blank_rows_are_skipped(tmp_path):
    text = (
        "# our matrix\n\noffence,category,matrix,base_score\n# adult\n\nShoplifting,theft,adult,1\n"
    )
    (entry,) = load_matrix(write_csv(tmp_path, text)).entries
    assert entry.line == 6


def test_same_offence_may_appear_once_on_each_matrix(tmp_path):
    assert len(load_matrix(write_csv(tmp_path, FORCE_CSV)).entries) == 2


def test_content_in_memory_can_be_parsed_without_a_file():
    assert parse_matrix(FORCE_CSV.encode(), source="upload").source == "upload"


# Every problem names its line and column -------------------------------------------------

ROW_PROBLEMS = [
    pytest.param(
        "Shoplifting,theft,adult,6\n",
        "line 2, base_score: must be from 1 to 4 on the adult matrix, got 6",
        id="adult-score-out-of-range",
    ),
    pytest.param(
        "Shoplifting,theft,child,0\n",
        "line 2, base_score: must be from 1 to 5 on the child matrix, got 0",
        id="child-score-out-of-range",
    ),
    pytest.param(
        "Shoplifting,theft,adult,2.5\n",
        "line 2, base_score: must be a whole number; got '2.5'",
        id="score-not-whole",
    ),
    pytest.param(
        "Shoplifting,theft,adult,\n", "line 2, base_score: must be a whole number", id="score-empty"
    ),
    pytest.param(
        "Shoplifting,stealing,adult,1\n", "line 2, category: must be one of theft,", id="category"
    ),
    pytest.param(
        "Shoplifting,theft,youth,1\n",
        "line 2, matrix: must be adult or child; got 'youth'",
        id="matrix",
    ),
    pytest.param(" ,theft,adult,1\n", "line 2, offence: must name the offence", id="offence-empty"),
    pytest.param(
        "Shoplifting,theft\n", "line 2, matrix: must be adult or child; got ''", id="short-row"
    ),
    pytest.param(
        "Shoplifting,theft,adult,1,x\n",
        "line 2, column 5: a value beyond the header's columns",
        id="extra-value",
    ),
    pytest.param(
        "Shoplifting,theft,adult,1\nshoplifting,theft,adult,2\n",
        "line 3, offence: 'shoplifting' is already on the adult matrix at line 2",
        id="duplicate",
    ),
]


@pytest.mark.parametrize(("rows", "message"), ROW_PROBLEMS)
def test_row_problem_names_its_line_and_column(tmp_path, rows, message):
    error = load_error(tmp_path, "offence,category,matrix,base_score\n" + rows)
    assert str(error.problems[0]).startswith(message)


def test_line_numbers_count_comments_blank_lines_and_quoted_line_breaks(tmp_path):
    text = (
        "offence,category,matrix,base_score,notes\n# note\n\n"
        'A,theft,adult,1,"two\nlines"\n'
        "B,theft,adult,9,\n"
    )
    assert str(load_error(tmp_path, text).problems[0]).startswith("line 6, base_score:")


def test_unknown_column_is_named(tmp_path):
    error = load_error(tmp_path, "offence,category,matrix,base_score,Severity\nA,theft,adult,1,2\n")
    assert str(error.problems[0]).startswith("line 1, Severity: unknown column")


def test_missing_column_is_named(tmp_path):
    error = load_error(tmp_path, "offence,category,matrix\nA,theft,adult\n")
    assert str(error.problems[0]) == "line 1, base_score: missing column (it is required)"


def test_column_named_twice_is_an_error(tmp_path):
    error = load_error(
        tmp_path, "offence,category,matrix,base_score,Notes,notes\nA,theft,adult,1,,\n"
    )
    assert str(error.problems[0]) == "line 1, notes: the column is named twice"


def test_column_without_a_name_is_an_error(tmp_path):
    error = load_error(tmp_path, "offence,category,,matrix,base_score\nA,theft,,adult,1\n")
    assert str(error.problems[0]) == "line 1, column 3: the column has no name"


def test_empty_file_is_an_error(tmp_path):
    assert "empty file" in str(load_error(tmp_path, ""))


def test_file_of_only_comments_is_empty(tmp_path):
    assert "empty file" in str(load_error(tmp_path, "# nothing yet\n\n"))


def test_header_without_rows_is_an_error(tmp_path):
    error = load_error(tmp_path, "# matrix\noffence,category,matrix,base_score\n")
    assert str(error.problems[0]) == "line 2: the header has no rows under it"


def test_invalid_utf8_names_its_line(tmp_path):
    path = tmp_path / "latin1.csv"
    text = (
        "offence,category,matrix,base_score\nA,theft,adult,1\nDamage £50,criminal_damage,adult,1\n"
    )
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(GravityError) as caught:
        load_matrix(path)
    assert str(caught.value.problems[0]) == "line 3: not valid UTF-8 (save the file as UTF-8)"


def test_malformed_quoting_names_its_line(tmp_path):
    error = load_error(
        tmp_path, 'offence,category,matrix,base_score\nA,theft,adult,1\n"B"x,theft,adult,1\n'
    )
    assert str(error.problems[0]).startswith("line 3: not valid CSV")


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(GravityError, match="cannot read"):
        load_matrix(tmp_path / "missing.csv")


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    error = load_error(
        tmp_path, "offence,category,matrix,base_score\nA,theft,adult,7\nB,nope,adult,1\n"
    )
    assert [str(p).split(":")[0] for p in error.problems] == [
        "line 2, base_score",
        "line 3, category",
    ]
    assert str(error).endswith("(and 1 more problem)")


def test_error_message_names_the_file(tmp_path):
    error = load_error(tmp_path, "offence,category,matrix,base_score\nA,theft,adult,7\n")
    assert str(error).startswith(f"{tmp_path / 'force.csv'}: line 2, base_score:")


# Lookup ---------------------------------------------------------------------------------


def offences(found: list[Entry]) -> list[str]:
    return [e.offence for e in found]


def test_lookup_is_case_insensitive():
    assert offences(table("Common assault").lookup("COMMON Assault")) == ["Common assault"]


def test_every_word_of_the_text_must_match():
    assert offences(table("Common assault", "Common land trespass").lookup("common assault")) == [
        "Common assault"
    ]


def test_a_word_matches_the_beginning_of_an_offence_word():
    assert offences(table("Shoplifting").lookup("shop")) == ["Shoplifting"]


def test_a_word_does_not_match_the_middle_of_an_offence_word():
    assert table("Shoplifting").lookup("lifting") == []


def test_punctuation_between_words_is_ignored():
    assert offences(table("Public Order Act 1986 s.5 (harassment)").lookup("s.5, harassment")) == [
        "Public Order Act 1986 s.5 (harassment)"
    ]


def test_exact_offence_ranks_first():
    found = table("Criminal damage to a vehicle", "Criminal damage").lookup("criminal damage")
    assert offences(found) == ["Criminal damage", "Criminal damage to a vehicle"]


def test_words_as_a_phrase_rank_before_scattered_words():
    phrase = "Racially or religiously aggravated criminal damage to property"
    found = table("Damage, criminal", phrase).lookup("criminal damage")
    assert offences(found) == [phrase, "Damage, criminal"]


def test_fewer_extra_words_rank_first():
    found = table("Assault on an emergency worker by beating", "Common assault").lookup("assault")
    assert offences(found) == ["Common assault", "Assault on an emergency worker by beating"]


def test_whole_words_rank_before_beginnings_of_words():
    found = table("Constable, assaulting", "Constable, assault").lookup("assault constable")
    assert offences(found) == ["Constable, assault", "Constable, assaulting"]


def test_category_word_matches_after_offence_words():
    found = GravityTable(
        entries=(
            Entry("Shoplifting", "theft", "adult", 1, line=2),
            Entry("Theft of a pedal cycle", "theft", "adult", 2, line=3),
        ),
        source="(test)",
    ).lookup("theft")
    assert offences(found) == ["Theft of a pedal cycle", "Shoplifting"]


def test_equal_matches_keep_file_order():
    found = GravityTable(
        entries=(
            Entry("Common assault", "assault", "child", 2, line=2),
            Entry("Common assault", "assault", "adult", 2, line=3),
        ),
        source="(test)",
    ).lookup("common assault")
    assert [e.matrix for e in found] == ["child", "adult"]


def test_limit_caps_the_entries_returned():
    assert len(table("Theft a", "Theft b", "Theft c").lookup("theft", limit=2)) == 2


def test_text_without_words_is_refused():
    with pytest.raises(ValueError):
        table("Shoplifting").lookup(" ?! ")


def test_suggest_corrects_a_misspelt_word():
    assert offences(table("Shoplifting", "Common assault").suggest("shoplfting")) == ["Shoplifting"]


def test_suggest_finds_nothing_when_nothing_is_close():
    assert table("Shoplifting", "Common assault").suggest("xyzzy") == []


# The command ----------------------------------------------------------------------------


def test_lookup_of_the_sample_says_so_on_its_first_line():
    result = crs("gravity", "lookup", "shoplifting")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines()[0] == SAMPLE_LABEL


def test_lookup_prints_each_match_with_category_matrix_score_and_factors(tmp_path):
    result = crs("gravity", "lookup", "shop", "--csv", str(write_csv(tmp_path, FORCE_CSV)))
    lines = result.stdout.decode().splitlines()
    assert lines[1] == '2 offences match "shop":'
    assert lines[3].split() == ["Offence", "Category", "Matrix", "Base", "score"]
    assert lines[4].split() == ["Shoplifting", "theft", "adult", "2"]
    assert lines[5:8] == [
        "    aggravating: repeat offending",
        "    mitigating: goods returned",
        "    notes: force table",
    ]


def test_lookup_of_a_force_csv_has_no_illustrative_label(tmp_path):
    result = crs("gravity", "lookup", "shoplifting", "--csv", str(write_csv(tmp_path, FORCE_CSV)))
    assert result.returncode == 0, result.stderr
    assert b"ILLUSTRATIVE" not in result.stdout.upper()


def test_environment_variable_selects_the_force_csv(tmp_path):
    result = crs(
        "gravity", "lookup", "shoplifting", gravity_csv=str(write_csv(tmp_path, FORCE_CSV))
    )
    assert result.stdout.decode().splitlines()[0].startswith("Gravity matrix: ")
    assert b"force table" in result.stdout


def test_csv_option_overrides_the_environment_variable(tmp_path):
    env_file = write_csv(tmp_path, HEADER + "Shoplifting,theft,adult,1,,,from env\n", "env.csv")
    result = crs(
        "gravity",
        "lookup",
        "shop",
        "--csv",
        str(write_csv(tmp_path, FORCE_CSV)),
        gravity_csv=str(env_file),
    )
    assert b"force table" in result.stdout and b"from env" not in result.stdout


def test_no_match_exits_1_saying_so_after_the_sample_label():
    result = crs("gravity", "lookup", "xyzzy")
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0] == SAMPLE_LABEL
    assert lines[-1] == 'No offence matches "xyzzy", and none is close.'


def test_close_matches_exit_1_and_are_called_closest(tmp_path):
    result = crs("gravity", "lookup", "shoplfting", "--csv", str(write_csv(tmp_path, FORCE_CSV)))
    assert result.returncode == 1
    assert 'No offence matches every word of "shoplfting". Closest:' in result.stdout.decode()
    assert b"Shoplifting" in result.stdout


def test_limit_shows_the_closest_and_says_there_are_more():
    result = crs("gravity", "lookup", "theft", "--limit", "1")
    assert "(the closest 1; --limit N shows more):" in result.stdout.decode()


def test_invalid_csv_exits_2_with_one_line_naming_line_and_column(tmp_path):
    path = write_csv(tmp_path, HEADER + "Shoplifting,theft,adult,6,,,\n")
    result = crs("gravity", "lookup", "shop", "--csv", str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == (
        f"crs: gravity CSV {path}: "
        "line 2, base_score: must be from 1 to 4 on the adult matrix, got 6\n"
    )


def test_missing_csv_file_exits_2(tmp_path):
    result = crs("gravity", "lookup", "shop", "--csv", str(tmp_path / "nope.csv"))
    assert (result.returncode, result.stderr.count(b"\n")) == (2, 1)
    assert b"cannot read" in result.stderr


def test_limit_below_one_exits_2():
    result = crs("gravity", "lookup", "shop", "--limit", "0")
    assert (result.returncode, result.stderr) == (2, b"crs: --limit: must be at least 1, got 0\n")


def test_text_without_words_exits_2():
    result = crs("gravity", "lookup", "--", "-?")
    assert result.returncode == 2
    assert result.stderr.startswith(b"crs: TEXT: give at least one word")


# No rule depends on the matrix or the sample (Ruling R22) ---------------------------------


def _imported_modules(path: Path) -> set[str]:
    """Every module a rule module imports, with relative imports made absolute."""
    package = "crs.policy.rules"
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


RULE_MODULES = sorted(RULES_DIR.glob("*.py"))


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_no_rule_module_imports_the_gravity_module(path):
    imported = _imported_modules(path)
    assert not {
        m for m in imported if m == "crs.policy.gravity" or m.startswith("crs.policy.gravity.")
    }


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_no_rule_module_names_a_gravity_csv(path):
    source = path.read_text()
    for name in ("gravity-sample", SAMPLE_PATH.name, "CRS_GRAVITY_CSV", ".csv", "load_matrix"):
        assert name not in source


def test_rule_modules_are_found():
    assert len(RULE_MODULES) > 1


def test_loading_the_rules_and_engine_does_not_load_the_gravity_module():
    code = (
        "import sys, crs.policy, crs.policy.engine, crs.policy.rules; "
        "print('crs.policy.gravity' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60)
    assert result.stdout == b"False\n", result.stderr

"""Importing previous outcomes: every row checked, problems named by line and column,
all of the file or none of it, the same file never twice."""

from __future__ import annotations

import io
from datetime import date

import pytest

from crs.audit.models import AuditEntry
from crs.exchange.importer import import_outcomes
from crs.exchange.models import ImportBatch, RecordedOutcome

from .extracts import AVERY, HEADER, QUINN, stream

TODAY = date(2024, 3, 1)


def run(*rows, header=HEADER, **options):
    options.setdefault("today", TODAY)
    return import_outcomes(stream(*rows, header=header), file_name="extract.csv", **options)


def problems(result):
    return [(p.line, p.field) for p in result.report.problems]


def test_a_valid_extract_is_imported_with_the_engines_words(db, analyst_vale):
    result = run(*QUINN, *AVERY, user=analyst_vale)
    assert result.report.valid and result.imported == 3
    caution, warning, conviction = RecordedOutcome.objects.order_by("line")
    assert (caution.line, caution.outcome, caution.outcome_date) == (
        2,
        "simple_caution",
        date(2023, 6, 1),
    )
    assert (warning.date_of_birth, warning.substance) == (date(1990, 1, 31), "cannabis")
    assert (caution.pnc_id, warning.pnc_id) == ("2008/0012345X", "")
    assert (warning.family_key, warning.given_key) == ("redbrook", "quinn")
    assert conviction.category == "assault"
    batch = ImportBatch.objects.get()
    assert (batch.rows, batch.imported_by, batch.file_name) == (3, analyst_vale, "extract.csv")
    assert len(batch.sha256) == 64


def test_an_import_is_written_in_the_audit_trail(db, analyst_vale):
    result = run(*QUINN, user=analyst_vale)
    entry = AuditEntry.objects.get(action="import_outcomes")
    assert entry.actor == analyst_vale
    assert entry.after["rows"] == 2 and entry.after["sha256"] == result.sha256


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("RMS-9,Fallow,Jules,31/02/1990,,caution,2023-01-01,theft,", "date_of_birth", "a date"),
        ("RMS-9,Fallow,Jules,2030-01-01,,caution,2023-01-01,theft,", "date_of_birth", "future"),
        ("RMS-9,Fallow,Jules,1990-01-01,,telling off,2023-01-01,theft,", "outcome", "not an"),
        ("RMS-9,Fallow,Jules,1990-01-01,,,2023-01-01,theft,", "outcome", "required"),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2024-03-02,theft,", "outcome_date", "future"),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,1989-12-31,theft,", "outcome_date", "before"),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2023-13-01,theft,", "outcome_date", "a date"),
        ("RMS-9,,Jules,1990-01-01,,caution,2023-01-01,theft,", "family_name", "required"),
        ("RMS-9,Fallow,,1990-01-01,,caution,2023-01-01,theft,", "given_name", "required"),
        (",Fallow,Jules,1990-01-01,,caution,2023-01-01,theft,", "source_reference", "required"),
        ("RMS-9,Fallow,Jules,1990-01-01,12345,caution,2023-01-01,theft,", "pnc_id", "PNC"),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,jaywalking,", "offence_category", ""),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,drugs_possession,tea", "substance", ""),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,theft,cannabis", "substance", "drugs"),
        ("RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,theft", "", "8 fields"),
        (
            "RMS-9," + "F" * 101 + ",Jules,1990-01-01,,caution,2023-01-01,theft,",
            "family_name",
            "100",
        ),
    ],
)
def test_an_invalid_row_is_named_by_line_and_field_and_nothing_is_imported(
    db, analyst_vale, row, field, words
):
    result = run(*QUINN, row, *AVERY, user=analyst_vale)
    assert problems(result) == [(4, field)]
    assert words in result.report.problems[0].message
    assert result.imported == 0 and result.batch is None
    assert not RecordedOutcome.objects.exists() and not ImportBatch.objects.exists()
    assert not AuditEntry.objects.filter(action="import_outcomes").exists()


def test_every_problem_is_counted_but_only_the_first_ones_are_listed(db):
    bad = "RMS-9,Fallow,Jules,1990-01-01,,telling off,2023-01-01,theft,"
    result = run(*QUINN, *[bad] * 7, limit=5)
    assert result.report.total == 7
    assert [line for line, _ in problems(result)] == [4, 5, 6, 7, 8]
    assert result.report.lines()[-1] == "... and 2 more problems"


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers_of_the_file(db):
    two_lines = 'RMS-8,"Fallow\nJules",Jules,1990-01-01,,caution,2023-01-01,theft,'
    bad = "RMS-9,Fallow,Jules,1990-01-01,,caution,2023-01-01,nonsense,"
    result = run(two_lines, bad)
    assert problems(result) == [(4, "offence_category")]


@pytest.mark.parametrize(
    ("header", "field", "words"),
    [
        (HEADER.replace("outcome_date,", ""), "outcome_date", "missing"),
        (HEADER + ",notes", "notes", "not a column"),
        (HEADER.replace("pnc_id", "family_name"), "family_name", "twice"),
    ],
)
def test_a_wrong_header_is_named_on_line_1(db, header, field, words):
    result = run(header=header)
    assert (1, field) in problems(result)
    assert any(words in p.message for p in result.report.problems)
    assert not ImportBatch.objects.exists()


def test_the_optional_columns_may_be_left_out(db):
    header = "source_reference,family_name,given_name,date_of_birth,outcome,outcome_date"
    result = run("RMS-1,Redbrook,Quinn,1990-01-31,PND,2023-06-01", header=header)
    assert result.imported == 1
    assert RecordedOutcome.objects.get().outcome == "penalty_notice"


def test_a_file_that_is_not_utf8_is_refused_on_its_line(db):
    raw = (HEADER + "\n" + QUINN[0] + "\n").encode() + "RMS-2,Bront\xeb,Ann".encode("latin-1")
    result = import_outcomes(io.BytesIO(raw), file_name="x.csv", today=TODAY)
    assert problems(result) == [(3, "")] and "UTF-8" in result.report.problems[0].message
    assert not RecordedOutcome.objects.exists()


def test_an_empty_file_or_a_header_alone_imports_nothing(db):
    empty = import_outcomes(io.BytesIO(b""), file_name="empty.csv", today=TODAY)
    assert problems(empty) == [(1, "")] and "empty" in empty.report.problems[0].message
    result = run()
    assert problems(result) == [(2, "")] and "no rows" in result.report.problems[0].message
    assert not ImportBatch.objects.exists()


def test_the_same_file_again_is_seen_and_nothing_is_imported(db, analyst_vale, admin_iyer):
    first = run(*QUINN, user=analyst_vale)
    again = run(*QUINN, user=admin_iyer)
    assert again.duplicate_of == first.batch and again.batch is None
    assert again.as_dict()["already_imported"]["imported_by"] == "analyst_vale"
    assert RecordedOutcome.objects.count() == 2 and ImportBatch.objects.count() == 1


def test_a_dry_run_checks_and_keeps_nothing(db):
    result = run(*QUINN, dry_run=True)
    assert result.report.valid and result.report.rows == 2 and result.imported == 0
    assert not ImportBatch.objects.exists() and not RecordedOutcome.objects.exists()
    # ...so the real import may follow.
    assert run(*QUINN).imported == 2


def test_a_failed_import_leaves_earlier_batches_as_they_were(db):
    run(*AVERY)
    run(*QUINN, "RMS-9,,Jules,1990-01-01,,caution,2023-01-01,theft,")
    assert list(RecordedOutcome.objects.values_list("source_reference", flat=True)) == ["RMS-3"]


def test_the_example_in_the_documentation_imports(db):
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "exchange.md").read_text()
    example = text.split("```csv\n", 1)[1].split("```", 1)[0]
    result = import_outcomes(io.BytesIO(example.encode()), file_name="doc.csv", today=TODAY)
    assert result.report.valid and result.imported == 3


def test_a_fake_extract_breaks_exactly_the_rows_it_says(db):
    from crs.exchange.fake import BREAKAGES, write_extract

    text = io.StringIO()
    write_extract(text, 40, invalid_every=5, today=TODAY)
    result = import_outcomes(io.BytesIO(text.getvalue().encode()), file_name="f.csv", today=TODAY)
    # Rows 5, 10, ... 40 are lines 6, 11, ... 41, each broken in the next way of BREAKAGES.
    assert problems(result) == [(5 * n + 1, BREAKAGES[n - 1][0]) for n in range(1, 9)]


def test_a_nul_character_is_refused_before_it_reaches_the_database(db):
    result = run(QUINN[0], "RMS-2,Red\x00brook,Quinn,1990-01-31,,caution,2023-06-01,theft,")
    assert problems(result) == [(3, "")] and "NUL" in result.report.problems[0].message
    assert not RecordedOutcome.objects.exists()


def test_a_name_that_case_folding_lengthens_still_fits_its_column(db):
    long_name = "ß" * 100  # folds to 200 characters
    result = run(f"RMS-1,{long_name},Quinn,1990-01-31,,caution,2023-06-01,theft,")
    assert result.imported == 1
    assert RecordedOutcome.objects.get().family_key == "s" * 100


def test_a_byte_that_is_not_utf8_far_into_the_file_is_named_on_its_own_line(db):
    good = [f"RMS-{n},Redbrook,Quinn,1990-01-31,,caution,2023-06-01,theft," for n in range(500)]
    raw = (HEADER + "\n" + "\n".join(good) + "\n").encode() + b"RMS-X,Bront\xeb,Ann\n"
    result = import_outcomes(io.BytesIO(raw), file_name="x.csv", today=TODAY)
    assert problems(result) == [(502, "")] and "UTF-8" in result.report.problems[0].message

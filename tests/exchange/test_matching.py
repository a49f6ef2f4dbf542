"""The imported history is offered wherever crs looks for a person's previous outcomes."""

from __future__ import annotations

import io
from datetime import date

from crs.cases import services as s
from crs.exchange.importer import import_outcomes
from tests.cases.walk import name_offender, opened

from .extracts import AVERY, HEADER, QUINN, extract, stream

QUINN_BORN = date(1990, 1, 31)


def imported(*rows, name="extract.csv"):
    result = import_outcomes(stream(*rows), file_name=name, today=date(2024, 3, 1))
    assert result.report.valid, result.report.lines()
    return result


def case_of(owner, *, given="Quinn", family="Redbrook", born=QUINN_BORN, ref="CR/0002/24"):
    offender = {"given_name": given, "family_name": family, "date_of_birth": born}
    return opened(owner, ref=ref, offender=offender)


def found(case):
    return [(o["outcome"], o["date"], o["source"]) for o in s.find_previous_outcomes(case)]


def test_the_records_systems_outcomes_of_the_same_person_are_found(pc_ali):
    imported(*QUINN, *AVERY)
    assert found(case_of(pc_ali)) == [
        ("cannabis_khat_warning", date(2022, 11, 15), "records system RMS-2"),
        ("simple_caution", date(2023, 6, 1), "records system RMS-1"),
    ]


def test_names_match_whatever_their_case_and_spacing(pc_ali):
    imported(*QUINN)
    assert len(found(case_of(pc_ali, given=" QUINN ", family="redbrook"))) == 2


def test_another_date_of_birth_or_name_is_another_person(pc_ali):
    imported(*QUINN)
    assert found(case_of(pc_ali, born=date(1990, 1, 30))) == []
    assert found(case_of(pc_ali, given="Quin", ref="CR/0003/24")) == []


def test_the_same_outcome_in_two_overlapping_extracts_is_offered_once(pc_ali):
    imported(*QUINN)
    overlapping = import_outcomes(
        io.BytesIO(extract(QUINN[0], *AVERY, header=HEADER)),
        file_name="next-month.csv",
        today=date(2024, 3, 1),
    )
    assert overlapping.imported == 2
    assert len(found(case_of(pc_ali))) == 2


def test_earlier_cases_in_crs_are_still_found_first(pc_ali):
    from tests.cases.walk import completed

    earlier = completed(pc_ali)
    name_offender(earlier, pc_ali, given_name="Quinn", family_name="Redbrook")
    imported(*QUINN)
    sources = [source for _, _, source in found(case_of(pc_ali))]
    assert sources == ["case CR/0001/24", "records system RMS-2", "records system RMS-1"]


def test_a_found_outcome_can_be_recorded_on_the_case_and_reaches_the_facts(pc_ali):
    imported(*QUINN)
    case = case_of(pc_ali)
    case = s.set_previous_outcomes(case, pc_ali, s.find_previous_outcomes(case))
    assert case.facts["offender"]["previous_outcomes"] == [
        {
            "outcome": "cannabis_khat_warning",
            "date": "2022-11-15",
            "category": "drugs_possession",
            "substance": "cannabis",
        },
        {"outcome": "simple_caution", "date": "2023-06-01", "category": "theft"},
    ]
    assert {p.source for p in case.previous_outcomes.all()} == {
        "records system RMS-1",
        "records system RMS-2",
    }

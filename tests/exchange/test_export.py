"""Closed Community Resolutions exported as Home Office outcome 8 records."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from crs.cases import services as s
from crs.exchange.export import FIELDS, csv_chunks, json_chunks, records
from tests.cases import walk
from tests.cases.walk import fresh


def close(case, owner, reviewer, imu):
    case = s.submit_for_review(fresh(case), owner)
    case = s.approve_review(case, reviewer, note="Checked.")
    return s.imu_accept(case, imu, note="Compliant.")


@pytest.fixture
def closed_case(pc_ali, rev_evans, imu_fisher):
    """Adult shop theft (20 Feb 2024) by a woman born 31 Jan 1990, level 1 RJ fully met."""
    case = walk.completed(pc_ali)
    walk.name_offender(
        case, pc_ali, given_name="Harper", family_name="Quarrie", sex="female", ethnicity="W2"
    )
    s.record_restorative(
        fresh(case), pc_ali, delivery="level1",
        offender_accepted_responsibility=True, offender_understood_effect=True,
        victim_shared_views=True, victim_questions_answered=True,
    )  # fmt: skip
    return close(case, pc_ali, rev_evans, imu_fisher)


def test_a_closed_case_is_one_outcome_8_record(closed_case):
    today = timezone.localdate()
    (record,) = records(force="Testshire Police")
    assert record == {
        "crime_reference": "CR/0001/24",
        "outcome_code": "8",
        "outcome": "Community Resolution",
        "outcome_date": today,
        "closed_date": today,
        "offence_date": date(2024, 2, 20),
        "offence_category": "theft",
        "offence_description": "Theft of a phone charger worth 9 pounds",
        "offender_age_at_offence": 34,
        "age_band": "25-34",
        "juvenile": False,
        "sex": "female",
        "ethnicity_code": "W2",
        "ethnicity": "White: Irish",
        "ethnic_group": "White",
        "police_force": "Testshire Police",
        "district": "Testshire North",
        "team": "North",
        "restorative_justice": "level1",
        "restorative_element": True,
        "complied": True,
    }
    assert list(record) == list(FIELDS)


def test_a_case_not_complied_with_is_exported_once_closed(pc_ali, rev_evans, imu_fisher):
    case = walk.non_compliant(pc_ali)
    assert list(records()) == []  # not closed yet
    close(case, pc_ali, rev_evans, imu_fisher)
    (record,) = records()
    assert (record["complied"], record["restorative_element"]) == (False, False)
    # The walk's offender, born 31 January 1990 (the date of birth is the person's alone).
    assert (record["offender_age_at_offence"], record["sex"]) == (34, "")


def test_open_and_withdrawn_cases_are_not_exported(pc_ali):
    s.withdraw(walk.assessed(pc_ali), pc_ali, reason="Charged instead.")
    assert list(records()) == []


def test_the_period_is_the_closing_date_inclusive(closed_case):
    today = timezone.localdate()
    day = timedelta(days=1)
    assert len(list(records(today, today))) == 1
    assert list(records(since=today + day)) == []
    assert list(records(until=today - day)) == []


def test_csv_and_json_carry_the_same_records(closed_case):
    as_csv = list(csv.DictReader(io.StringIO("".join(csv_chunks(records())))))
    as_json = json.loads(b"".join(json_chunks(records())))
    assert len(as_csv) == len(as_json) == 1
    assert as_csv[0]["crime_reference"] == as_json[0]["crime_reference"] == "CR/0001/24"
    assert (as_csv[0]["restorative_element"], as_json[0]["restorative_element"]) == ("true", True)
    assert as_csv[0]["offence_date"] == as_json[0]["offence_date"] == "2024-02-20"


def test_no_closed_cases_is_a_header_or_an_empty_array(db):
    assert "".join(csv_chunks(records())) == ",".join(FIELDS) + "\n"
    assert json.loads(b"".join(json_chunks(records()))) == []

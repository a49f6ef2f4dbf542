"""Subject access is exact (issue 15, item 4): one person at a time, chosen among the people
a name matches and never merged by crs; every role they hold; every record about them
(assessed facts, history, panel findings); nothing about anyone else; and only the roles
that answer requests may run it."""

import json
from datetime import date

import pytest
from django.utils import timezone

from crs.audit.models import AccessEntry
from crs.backup.subject import candidates
from crs.cases import services as s
from crs.cli import main
from crs.scrutiny.models import Finding, Sample, SampleCase
from tests.cases import facts as f
from tests.cases.walk import assessed, fresh


def _offender(pc_ali, ref, given, family, dob):
    born = date.fromisoformat(dob)
    document = f.child() if born.year > 2006 else None  # scored on the matrix for the age
    offender = {"given_name": given, "family_name": family, "date_of_birth": born}
    return assessed(pc_ali, document, ref=ref, offender=offender)


def _victim(pc_ali, ref, given, family):
    case = assessed(pc_ali, ref=ref)
    s.add_person(fresh(case), pc_ali, role="victim", given_name=given, family_name=family)
    return fresh(case)


def _ask(capsys, *extra, who="imu_fisher"):
    code = main(["subject-access", *extra, "--requested-by", who])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err


@pytest.fixture
def two_morgans(pc_ali):
    young = _offender(pc_ali, "CR/0001/24", "Morgan", "Coldharbour", "2011-04-02")
    old = _offender(pc_ali, "CR/0002/24", "Morgan", "Coldharbour", "1972-09-30")
    return young, old


def test_two_people_with_one_name_are_offered_as_a_choice_never_merged(
    two_morgans, imu_fisher, capsys
):
    code, answer, err = _ask(capsys, "--family-name", "Coldharbour", "--given-name", "Morgan")
    assert code == 2 and answer is None
    assert "2 people match" in err
    assert "born 2 April 2011" in err and "born 30 September 1972" in err
    assert not AccessEntry.objects.exists()  # nothing was disclosed


def test_the_person_chosen_gets_their_own_cases_only(two_morgans, imu_fisher, capsys):
    young, _ = two_morgans
    (key,) = [c.key for c in candidates("Coldharbour", "Morgan") if c.date_of_birth.year == 2011]
    code, answer, _ = _ask(capsys, "--family-name", "Coldharbour", "--person", key)
    assert code == 0
    assert [c["crime_reference"] for c in answer["cases"]] == [young.crime_reference]
    assert answer["subject"][0]["date_of_birth"] == "2011-04-02"
    assert "1972" not in json.dumps(answer)


def test_a_family_name_alone_lists_everyone_it_matches(pc_ali, imu_fisher, capsys):
    for n, given in enumerate(("Ash", "Blair", "Casey"), start=1):
        _offender(pc_ali, f"CR/000{n}/24", given, "Smith", f"199{n}-01-01")
    code, _, err = _ask(capsys, "--family-name", "smith")
    assert code == 2
    assert "3 people match" in err
    assert all(name in err for name in ("Ash Smith", "Blair Smith", "Casey Smith"))


def test_with_a_date_of_birth_their_records_as_a_victim_are_offered_not_dropped(
    pc_ali, imu_fisher, capsys
):
    offended = _offender(pc_ali, "CR/0001/24", "Jo", "Bloggs", "1990-02-03")
    wronged = _victim(pc_ali, "CR/0002/24", "Jo", "Bloggs")
    code, _, err = _ask(
        capsys, "--family-name", "Bloggs", "--given-name", "Jo", "--dob", "1990-02-03"
    )
    assert code == 2 and "no date of birth" in err and "victim" in err
    keys = [c.key for c in candidates("Bloggs", "Jo", date(1990, 2, 3))]
    code, answer, _ = _ask(
        capsys, "--family-name", "Bloggs", "--person", keys[0], "--person", keys[1]
    )
    assert code == 0
    roles = {c["crime_reference"]: c["their_role"] for c in answer["cases"]}
    assert roles == {offended.crime_reference: "Offender", wronged.crime_reference: "Victim"}
    entry = AccessEntry.objects.get()
    assert "confirmed these are one person" in entry.why and keys[0] in entry.what


def test_the_answer_holds_the_assessed_facts_history_and_panel_findings(pc_ali, imu_fisher, capsys):
    case = _offender(pc_ali, "CR/0001/24", "Jo", "Bloggs", "1990-02-03")
    s.add_person(fresh(case), pc_ali, role="victim", given_name="Vera", family_name="Quigley")
    sample = Sample.objects.create(
        seed=1,
        size=1,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        population=1,
        strata={},
        created_by=imu_fisher,
    )
    Finding.objects.create(
        sample_case=SampleCase.objects.create(sample=sample, case=case, position=1),
        finding="appropriate_with_observations",
        comments="Vera Quigley should have been asked again.",
        recorded_by=imu_fisher,
        at=timezone.now(),
    )
    code, answer, _ = _ask(capsys, "--family-name", "Bloggs")
    assert code == 0
    (record,) = answer["cases"]
    assert record["decision"]["facts_assessed"]["offence"]["category"] == "theft"
    assert {"open case", "assess", "add person"} <= {h["what"] for h in record["history"]}
    (finding,) = record["panel_findings"]
    assert finding["comments"] == "[another person] should have been asked again."
    assert "Quigley" not in json.dumps(answer) and "Vera" not in json.dumps(answer)


def test_a_victim_does_not_receive_the_offenders_facts_or_name(pc_ali, imu_fisher, capsys):
    case = _offender(pc_ali, "CR/0001/24", "Sam", "Reed", "1990-02-03")
    s.add_person(fresh(case), pc_ali, role="victim", given_name="Vera", family_name="Quigley")
    code, answer, _ = _ask(capsys, "--family-name", "Quigley")
    assert code == 0
    (record,) = answer["cases"]
    assert record["their_role"] == "Victim"
    assert "facts_assessed" not in record["decision"] and record["actions"] == []
    assert "Reed" not in json.dumps(answer) and "1990-02-03" not in json.dumps(answer)


def test_a_constable_may_not_answer_a_subject_access_request(pc_ali, capsys):
    _offender(pc_ali, "CR/0001/24", "Jo", "Bloggs", "1990-02-03")
    code, answer, err = _ask(capsys, "--family-name", "Bloggs", who="pc_ali")
    assert code == 2 and answer is None
    assert "--requested-by: only the IMU or an administrator" in err
    assert not AccessEntry.objects.exists()


def test_a_person_key_that_the_names_do_not_match_is_refused(pc_ali, imu_fisher, capsys):
    other = _offender(pc_ali, "CR/0001/24", "Sam", "Reed", "1990-02-03")
    _offender(pc_ali, "CR/0002/24", "Jo", "Bloggs", "1990-02-03")
    stranger = other.people.get(role="offender")
    code, _, err = _ask(capsys, "--family-name", "Bloggs", "--person", f"P{stranger.pk}")
    assert code == 2 and "is not one of the people these names match" in err

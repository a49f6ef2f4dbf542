"""`crs subject-access` (issue 6, point 9): all that is held about one person, without other
people's details, and the answer itself recorded in the access log."""

import json
from datetime import date

from crs.audit.models import AccessEntry
from crs.cases import services as s
from crs.cli import main
from tests.cases.walk import assessed, fresh


def _case_with(pc_ali, ref, given, family, dob="1990-02-03"):
    offender = {
        "given_name": given,
        "family_name": family,
        "date_of_birth": date.fromisoformat(dob),
    }
    case = assessed(pc_ali, ref=ref, offender={**offender, "phone": "07700 900123"})
    s.add_person(
        fresh(case), pc_ali, role="victim", given_name="Vera", family_name="Victim", phone="0"
    )
    return fresh(case)


def test_subject_access_returns_their_cases_and_not_other_peoples_details(
    pc_ali, imu_fisher, tmp_path, capsys
):
    mine = _case_with(pc_ali, "CR/0001/24", "Jo", "Bloggs")
    _case_with(pc_ali, "CR/0002/24", "Sam", "Other")
    out = tmp_path / "sar.json"
    code = main(
        [
            "subject-access",
            "--family-name",
            "bloggs",
            "--given-name",
            "jo",
            "--dob",
            "1990-02-03",
            "--requested-by",
            "imu_fisher",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    assert out.stat().st_mode & 0o777 == 0o600  # the answer is for the requester alone
    answer = json.loads(out.read_text())
    assert [c["crime_reference"] for c in answer["cases"]] == [mine.crime_reference]
    assert answer["records_about_them"][0]["phone"] == "07700 900123"
    assert answer["cases"][0]["other_people"] == ["Victim"]
    assert "Vera" not in out.read_text()
    entry = AccessEntry.objects.get()
    assert (entry.actor, entry.action) == (imu_fisher, "export")
    assert "subject access" in entry.why


def test_subject_access_for_an_unknown_answerer_is_refused(db, capsys):
    code = main(["subject-access", "--family-name", "X", "--requested-by", "nobody"])
    assert code == 2
    assert "--requested-by" in capsys.readouterr().err

"""The `crs assess` door: exit codes, messages, formats and batches, as the contract says."""

import datetime
import json
import os
import subprocess
import sys

from .conftest import EXAMPLES, run_crs

THEFT = EXAMPLES / "01-adult-shop-theft.facts.json"
YOUTH = EXAMPLES / "08-youth-victim-refuses.facts.json"


def one_line(stderr: bytes) -> str:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


def test_assess_prints_the_assessment_as_json_and_exits_0():
    done = run_crs("assess", str(THEFT))
    assert done.returncode == 0
    assert json.loads(done.stdout)["decision"] == "eligible"
    assert done.stderr == b""


def test_assess_reads_standard_input_for_a_dash():
    done = run_crs("assess", "-", input=THEFT.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout) == json.loads(run_crs("assess", str(THEFT)).stdout)


def test_a_not_eligible_decision_is_still_a_successful_assessment():
    done = run_crs("assess", str(EXAMPLES / "07-third-cr-in-a-year.facts.json"))
    assert done.returncode == 0
    assert json.loads(done.stdout)["decision"] == "not_eligible"


def test_malformed_json_exits_2_with_one_line_and_nothing_on_stdout():
    done = run_crs("assess", "-", input=b'{"offence": ')
    assert done.returncode == 2
    assert done.stdout == b""
    assert "malformed JSON" in one_line(done.stderr)


def test_a_wrong_type_exits_2_naming_the_dotted_path():
    facts = json.loads(THEFT.read_text())
    facts["offender"]["previous_outcomes"] = [{"outcome": "conviction", "date": "yesterday"}]
    done = run_crs("assess", "-", input=json.dumps(facts))
    assert done.returncode == 2
    assert "offender.previous_outcomes.0.date" in one_line(done.stderr)


def test_a_missing_file_exits_2_naming_it():
    done = run_crs("assess", "no-such-file.json")
    assert done.returncode == 2
    assert "no-such-file.json" in one_line(done.stderr)


def test_text_format_explains_the_decision_with_paragraphs_and_the_sops_words():
    done = run_crs("assess", str(YOUTH), "--format", "text")
    assert done.returncode == 0
    text = done.stdout.decode()
    assert text.startswith("AUTHORISATION REQUIRED")
    assert "4.3.2" in text
    assert "In circumstances when the victim consent is not secured" in text  # SOP words
    assert "Youth Justice Team Supervisor" in text
    assert "R2" in text and "Youth Justice Team Supervisor (4.2.2" not in text
    assert "within 24 hours" in text


def test_text_format_names_what_is_still_unknown():
    done = run_crs(
        "assess", str(EXAMPLES / "09-consent-not-yet-asked.facts.json"), "--format", "text"
    )
    text = done.stdout.decode()
    assert text.startswith("INCOMPLETE")
    unknown = text[text.index("Still to find out") :].split("\n\n")[0]
    assert "consent" in unknown.lower()  # by its label, not its path (offender.consents)
    assert "offender.consents" not in text


def test_batch_answers_every_line_and_reports_bad_lines_without_stopping(tmp_path):
    good = json.dumps(json.loads(THEFT.read_text()))
    bad = good.replace('"victim": {', '"victim": {"mood": "cross", ')
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([good, "not json", "", bad, good]) + "\n")
    done = run_crs("assess", "--batch", str(path))
    assert done.returncode == 2  # some lines were not valid
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 4  # the blank line is skipped
    assert out[0]["decision"] == "eligible" and out[3]["decision"] == "eligible"
    assert out[1]["line"] == 2 and "malformed JSON" in out[1]["error"]
    assert out[2]["line"] == 4 and "victim.mood" in out[2]["error"]
    assert done.stderr.decode().count("\n") == 2


def test_batch_of_valid_lines_exits_0_and_matches_single_assessments(tmp_path):
    files = [THEFT, YOUTH, EXAMPLES / "03-cannabis-second-time.facts.json"]
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(json.loads(f.read_text())) + "\n" for f in files))
    done = run_crs("assess", "--batch", str(path))
    assert done.returncode == 0
    batch = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert batch == [json.loads(run_crs("assess", str(f)).stdout) for f in files]


def test_an_unknown_subcommand_or_option_exits_2():
    assert run_crs("frobnicate").returncode == 2
    assert run_crs("assess", str(THEFT), "--format", "xml").returncode == 2


def test_assess_without_assessed_on_uses_today():
    facts = json.loads(THEFT.read_text())
    del facts["assessed_on"]
    done = run_crs("assess", "-", input=json.dumps(facts))
    assert done.returncode == 0
    assert json.loads(done.stdout)["assessed_on"] == datetime.date.today().isoformat()


def test_a_wrong_setting_exits_2_with_one_line_naming_it_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRS_", "DJANGO_"))}
    env.update(DEBUG="True", CRS_DATA_DIR=str(tmp_path), CRS_API_RATE="lots")
    done = subprocess.run(
        [sys.executable, "-m", "crs", "audit", "verify"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert done.stderr.startswith("crs: the settings are wrong: CRS_API_RATE must be a rate")
    assert "Traceback" not in done.stderr


def test_a_case_scored_on_the_other_matrix_exits_2_naming_the_matrix():
    # Ruling R29: an adult (THEFT's offender is 34) is scored on the adult matrix.
    facts = json.loads(THEFT.read_text())
    facts["offence"]["gravity"] = {"matrix": "child", "base_score": 2, "final_score": 2}
    done = run_crs("assess", "-", input=json.dumps(facts))
    assert done.returncode == 2
    assert done.stdout == b""
    assert one_line(done.stderr).startswith("crs: offence.gravity.matrix: must be adult")

"""`crs interview` through the real command line, answers piped to standard input.

Every run starts from facts that fix assessed_on (2024-03-01), so no test
depends on the clock."""

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import CRS, ROOT, run_crs

# The questions of an adult shop theft, in the order they are asked, with the
# answers of an eligible case ("" takes the default).
ADULT_SHOP_THEFT = [
    ("description", "Theft of food from a shop"),
    ("offence.category", "1"),
    ("offence.date", "2024-02-20"),
    ("offender.date_of_birth", "1990-01-31"),
    ("offence.indictable_only", ""),
    ("offence.traffic", ""),
    ("offence.domestic_abuse", ""),
    ("offender.court_order", "no"),
    ("offender.bail_post_charge", "no"),
    ("offender.suspended_sentence", "no"),
    ("offender.wanted_on_warrant", "no"),
    ("offence.suitable_for_prosecution", ""),
    ("offender.accepts_responsibility", "yes"),
    ("offender.lawful_defence_or_mitigation_raised", ""),
    ("offender.understands_process", "yes"),
    ("offender.consents", "yes"),
    ("offender.vulnerable", ""),
    ("offence.gravity.base_score", "1"),
    ("offence.gravity.final_score", "1"),
    ("offender.previous_outcomes", "none"),
    ("offence.hate_crime", ""),
    ("victim.kind", "2"),
    ("victim.consulted", "yes"),
    ("victim.consents", "yes"),
    ("victim.opportunity_to_express_views", "yes"),
    ("officer.role", "1"),
    ("officer.rj_level1_trained", "yes"),
    ("offender.pre_charge_bail", ""),
    ("offender.released_under_investigation", ""),
]


def typed(answers) -> str:
    return "".join(answer + "\n" for _, answer in answers)


@pytest.fixture
def start(tmp_path):
    path = tmp_path / "start.json"
    path.write_text(json.dumps({"assessed_on": "2024-03-01"}))
    return path


def interview(start, answers: str, *extra):
    done = run_crs("interview", "--facts", str(start), *extra, input=answers)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_an_eligible_adult_shop_theft_is_interviewed_to_the_end(start):
    code, out, err = interview(start, typed(ADULT_SHOP_THEFT))
    assert (code, err) == (0, "")
    assert "ELIGIBLE: a community resolution can be given without authorisation." in out
    assert "Has the offender been released under investigation (RUI)?" in out


def test_every_question_is_shown_with_its_field_and_paragraph(start):
    _, out, _ = interview(start, typed(ADULT_SHOP_THEFT))
    assert "  offence.traffic, SOP 2.3.1" in out


def test_a_defaulted_question_shows_its_default(start):
    _, out, _ = interview(start, typed(ADULT_SHOP_THEFT))
    assert "Is it a traffic offence?" in out
    assert "[yes or no] [default: no] > " in out


def test_an_enum_question_shows_numbered_options(start):
    _, out, _ = interview(start, typed(ADULT_SHOP_THEFT))
    assert "   7. Possession of a knife or weapon (weapon_possession)" in out


def test_a_knife_case_stops_as_soon_as_it_is_not_eligible(start):
    answers = "\n7\nno\n" + typed(ADULT_SHOP_THEFT)  # the rest must not be read
    code, out, err = interview(start, answers)
    assert (code, err) == (0, "")
    assert "The case is not eligible: no further questions are needed." in out
    assert "NOT ELIGIBLE for a community resolution." in out
    assert "SOP 2.3.2, excludes:" in out  # the knife exclusion, by its paragraph
    assert "What is the offender's date of birth?" not in out


def test_a_bad_answer_is_refused_and_the_question_asked_again(start):
    code, out, _ = interview(start, "\n99\n7\nmaybe\nno\n")
    assert code == 0
    assert "Not accepted: offence.category: must be a number from 1 to 15" in out
    assert (
        "Not accepted: offence.exceptional_circumstances: must be yes or no (y/n), got 'maybe'"
        in out
    )
    assert "NOT ELIGIBLE for a community resolution." in out


def test_a_bad_date_is_refused_with_the_reason(start):
    _, out, _ = interview(start, "\n1\n20/02/2024\n")
    assert (
        "Not accepted: offence.date: must be a real date written YYYY-MM-DD, got '20/02/2024'"
        in out
    )


def test_end_of_input_stops_with_a_message_and_exit_2(start):
    code, _, err = interview(start, "\n1\n2024-02-20\n")
    assert code == 2
    assert err == "crs: input ended before the interview was finished\n"


def test_end_of_input_with_save_keeps_the_facts_gathered(start, tmp_path):
    saved = tmp_path / "saved.json"
    code, _, err = interview(start, "Shop theft\n1\n2024-02-20\n", "--save", str(saved))
    assert code == 2
    assert f"saved in {saved}" in err
    assert json.loads(saved.read_text()) == {
        "assessed_on": "2024-03-01",
        "offence": {
            "description": "Shop theft",
            "category": "theft",
            # What a theft decides is written as confirmed (crs.policy.derived).
            "knife_or_weapon": False,
            "sexual": False,
            "date": "2024-02-20",
        },
    }


def test_an_interview_carries_on_from_saved_facts(start, tmp_path):
    saved = tmp_path / "saved.json"
    interview(start, typed(ADULT_SHOP_THEFT[:10]), "--save", str(saved))
    code, out, _ = interview(saved, typed(ADULT_SHOP_THEFT[10:]))
    assert code == 0
    assert "What kind of offence is it?" not in out
    assert "ELIGIBLE: a community resolution can be given without authorisation." in out


def test_saved_facts_are_accepted_by_assess_and_decided_identically(start, tmp_path):
    saved = tmp_path / "facts.json"
    code, out, _ = interview(start, typed(ADULT_SHOP_THEFT), "--save", str(saved))
    assert code == 0
    assert f"Facts saved to {saved}." in out
    assessed = run_crs("assess", str(saved), "--format", "text")
    assert assessed.returncode == 0, assessed.stderr.decode()
    assert assessed.stdout.decode() in out
    decision = json.loads(run_crs("assess", str(saved)).stdout)["decision"]
    assert decision == "eligible"


def test_a_missing_assessment_date_is_today_and_said_so(tmp_path):
    done = run_crs("interview", input="")
    assert "The assessment date (assessed_on) is not given: using today, " in done.stdout.decode()


def test_facts_that_are_not_valid_are_refused_naming_the_field(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"assessed_on": "2024-03-01", "offence": {"colour": "red"}}))
    code, out, err = interview(path, "")
    assert (code, out) == (2, "")
    assert err == "crs: offence.colour: unknown key (not part of the case facts)\n"


def blocked_reading_its_input(pid: int) -> bool:
    """Whether the process sleeps in a read of its standard input (a pipe), per Linux's
    /proc (the kernel function it waits in: pipe_read, or anon_pipe_read on newer kernels):
    only then does a SIGINT interrupt the read itself."""
    return Path(f"/proc/{pid}/wchan").read_text().endswith("pipe_read")


def test_ctrl_c_exits_130_without_a_traceback(start):
    if not Path("/proc/self/wchan").exists():
        pytest.skip("needs Linux's /proc/PID/wchan to see the interview wait for an answer")
    process = subprocess.Popen(
        [*CRS, "interview", "--facts", str(start)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seen = b""
    while not seen.endswith(b"> "):  # the first prompt: it is waiting for an answer
        chunk = process.stdout.read(1)
        assert chunk, "the interview ended before asking anything"
        seen += chunk
    # The prompt is printed just before the read begins. A SIGINT in between is taken by
    # Python only at its next bytecode, which comes after the read returns: the read
    # would wait for input that never comes. So the signal goes once the read has begun.
    deadline = time.monotonic() + 60
    while not blocked_reading_its_input(process.pid):
        assert time.monotonic() < deadline, "the interview never waited for an answer"
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    # Standard input stays open, as a terminal's does when Ctrl-C is pressed: closed (as
    # communicate() closes it) it would put an end of input beside the interrupt.
    process.wait(timeout=60)
    err = process.stderr.read()
    for pipe in (process.stdin, process.stdout, process.stderr):
        pipe.close()
    assert process.returncode == 130
    assert b"Traceback" not in err
    assert err == b"crs: interrupted; nothing saved\n"

"""`crs bench`: it runs, reports both targets, and measures the work it means to.

No timing is asserted here: the figures depend on the machine. The targets are
checked by running the benchmark itself (benchmarks/README.md).
"""

import json
from datetime import date

import pytest

from crs.bench import BREAKERS, generate_cases, write_cases
from crs.policy.facts import CATEGORIES, VICTIM_KINDS

from .conftest import run_crs


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = run_crs("bench", "--cases", "200", "--runs", "3", "--output", str(out), timeout=300)
    return done, out


def test_bench_prints_a_verdict_for_each_target(bench_run):
    done, _ = bench_run
    assert done.returncode == 0, done.stderr.decode()
    verdicts = [
        line.split(None, 1)
        for line in done.stdout.decode().splitlines()
        if line.lstrip().startswith(("PASS ", "FAIL "))
    ]
    texts = " | ".join(t for _, t in verdicts)
    assert len(verdicts) == 2, texts
    assert "assessments/s on one core" in texts
    assert "import pydantic" in texts


def test_bench_output_file_holds_the_figures_and_the_machine(bench_run):
    _, out = bench_run
    result = json.loads(out.read_text())
    assert set(result["machine"]) >= {"date", "platform", "cpu_model", "cores", "python"}
    assert result["batch"]["cases"] == 200
    assert result["batch"]["rate_median"] > 0
    assert result["startup"]["median_ms"]["import_pydantic"] > 0
    assert [type(t["passed"]) for t in result["targets"]] == [bool, bool]


def test_bench_refuses_a_batch_of_no_cases():
    done = run_crs("bench", "--cases", "0")
    assert done.returncode == 2
    assert b"--cases" in done.stderr


def test_generated_lines_are_assessed_or_rejected_by_line_as_intended(tmp_path):
    cases = generate_cases(600)
    path = tmp_path / "cases.jsonl"
    write_cases(cases, path)
    done = run_crs("assess", "--batch", str(path))
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(cases)
    for number, (case, answer) in enumerate(zip(cases, answers, strict=True), start=1):
        if case.valid:
            assert "decision" in answer, (number, case.kind, answer)
        else:
            assert answer["line"] == number, (case.kind, answer)
            assert answer["error"], case.kind
    assert done.returncode == 2  # some lines were not valid


def test_generated_invalid_lines_use_every_way_of_breaking_a_case():
    broken = {case.kind for case in generate_cases(600) if not case.valid}
    assert broken == {name for name, _ in BREAKERS}


def test_generated_cases_cover_categories_victims_ages_and_histories():
    facts = [json.loads(case.line) for case in generate_cases(600) if case.valid]
    categories = {f["offence"]["category"] for f in facts}
    victims = {f["victim"]["kind"] for f in facts if "victim" in f}
    histories = {
        len(f["offender"]["previous_outcomes"])
        for f in facts
        if "previous_outcomes" in f["offender"]
    }
    ages = {_age(f["offender"]["date_of_birth"], f["offence"]["date"]) >= 18 for f in facts}
    assert categories == set(CATEGORIES)
    assert victims == set(VICTIM_KINDS)
    assert histories == {0, 1, 2, 3}
    assert ages == {True, False}  # adults and juveniles


def test_generated_cases_leave_some_facts_unknown():
    facts = [json.loads(case.line) for case in generate_cases(600) if case.valid]
    assert any("consents" not in f["offender"] for f in facts)
    assert any("officer" not in f for f in facts)


def test_generated_cases_are_the_same_every_time():
    assert generate_cases(300) == generate_cases(300)


def _age(born: str, on: str) -> int:
    b, d = date.fromisoformat(born), date.fromisoformat(on)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

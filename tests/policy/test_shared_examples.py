"""Every worked example of the contract, through the real `crs assess` command.

The examples are the repository's copy (examples/contract) of shared/examples, so that a
clone alone runs them; a test here keeps the copy identical to the shared one."""

import json

import pytest

from ..conftest import CONTRACT, EXAMPLES, SHARED_CONTRACT, run_crs, shared_file

CASES = sorted(EXAMPLES.glob("*.facts.json"))


def test_there_are_shared_examples_to_run():
    assert len(CASES) >= 10


def test_the_repositorys_examples_are_the_shared_ones_byte_for_byte(shared_examples):
    shared = {p.name: p.read_bytes() for p in shared_examples.glob("*.json")}
    ours = {p.name: p.read_bytes() for p in EXAMPLES.glob("*.json")}
    assert sorted(ours) == sorted(shared), "examples/contract lacks or adds a shared example"
    assert [name for name in sorted(shared) if ours[name] != shared[name]] == [], (
        "examples/contract differs from shared/examples: copy the shared files over"
    )


def test_the_repositorys_contract_is_the_shared_one_byte_for_byte():
    shared = shared_file(SHARED_CONTRACT).read_bytes()
    assert CONTRACT.read_bytes() == shared, (
        "docs/contract/assess.md differs from shared/contract/assess.md: copy it over"
    )


@pytest.mark.parametrize("facts", CASES, ids=lambda p: p.name.split(".")[0])
def test_shared_example_through_the_command_line(facts):
    expected = json.loads(facts.with_name(facts.name.replace(".facts.", ".expected.")).read_text())
    done = run_crs("assess", str(facts))
    if "exit_code" in expected:
        assert done.returncode == expected["exit_code"]
        assert done.stdout == b""
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1
        assert "victim.mood" in lines[0]  # the example names the field it must name
        return
    assert done.returncode == 0, done.stderr.decode()
    got = json.loads(done.stdout)
    assert got["decision"] == expected["decision"]
    assert got["recommended_disposal"] == expected["recommended_disposal"]
    deadlines = got["deadlines"]
    assert deadlines["outcomes_complete_by"] == expected["outcomes_complete_by"]
    assert (
        deadlines["parent_guardian_informed_within_hours"]
        == expected["parent_guardian_informed_within_hours"]
    )
    for path in expected.get("missing_includes", []):
        assert path in got["missing"]
    if "authorities" in expected:
        required = {a["authority"] for a in got["authorisations"]}
        ranks = ["sergeant", "inspector", "substantive_inspector", "superintendent"]
        highest = [r for r in ranks if r in required][-1:]
        yjs = ["youth_justice_supervisor"] if "youth_justice_supervisor" in required else []
        assert highest + yjs == expected["authorities"]

"""Every worked example in shared/examples, through the real `crs assess` command."""

import json

import pytest

from ..conftest import EXAMPLES, run_crs

CASES = sorted(EXAMPLES.glob("*.facts.json"))


def test_there_are_shared_examples_to_run():
    assert len(CASES) >= 10


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

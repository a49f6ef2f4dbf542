"""Shared test helpers: where things are, and how to run the real `crs`."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The worked examples of the contract are the repository's own copy (a test keeps it
# identical to the shared one); the SOP text and rulings.md are read from the shared
# material beside the repository, or $CRS_SHARED. A clone alone skips the checks against
# them, saying so; CRS_REQUIRE_SHARED=1 (.ci/run) makes their absence an error instead.
EXAMPLES = ROOT / "examples" / "contract"
SHARED = Path(os.environ.get("CRS_SHARED") or ROOT.parent / "shared")
SOP_TEXT = SHARED / "sop" / "O32g-community-resolutions-sop.txt"
RULINGS = SHARED / "sop" / "rulings.md"
SHARED_EXAMPLES = SHARED / "examples"
SHARED_CONTRACT = SHARED / "contract" / "assess.md"
CONTRACT = ROOT / "docs" / "contract" / "assess.md"  # the repository's copy
REQUIRE_SHARED = os.environ.get("CRS_REQUIRE_SHARED") == "1"
NEEDED = {
    SOP_TEXT: "SOP text not found at {}: set CRS_SHARED to run the checks against the SOP",
    RULINGS: "rulings not found at {}: set CRS_SHARED to run the checks against rulings.md",
    SHARED_EXAMPLES: "shared examples not found at {}: set CRS_SHARED to check the "
    "repository's copy (examples/contract) against them",
    SHARED_CONTRACT: "the shared contract not found at {}: set CRS_SHARED to check the "
    "repository's copy (docs/contract/assess.md) against it",
}
CRS = [sys.executable, "-m", "crs"]


def missing_shared() -> list[str]:
    return [message.format(path) for path, message in NEEDED.items() if not path.exists()]


def pytest_configure(config):
    if REQUIRE_SHARED and missing_shared():
        raise pytest.UsageError(
            "CRS_REQUIRE_SHARED=1 and the shared material is missing:\n"
            + "\n".join(missing_shared())
        )


def pytest_report_header(config):
    missing = missing_shared()
    if not missing:
        return f"shared material: {SHARED}"
    return ["shared material incomplete: the checks that read it are skipped", *missing]


def shared_file(path: Path) -> Path:
    """`path` in the shared material, or the test is skipped saying what is missing."""
    if not path.exists():
        pytest.skip(NEEDED[path].format(path))
    return path


def run_crs(*args, input: bytes | str | None = None, timeout: float = 60):
    """Run the real command line in a subprocess."""
    if isinstance(input, str):
        input = input.encode()
    return subprocess.run(
        [*CRS, *args], input=input, capture_output=True, timeout=timeout, cwd=ROOT
    )


def assess_in_process(stdin: bytes) -> tuple[int, bytes, str]:
    """`crs assess -` with `stdin` on standard input, in this process (the subprocess costs
    hundreds of times as much): exit code, standard output (bytes), standard error."""
    from crs.cli import main

    fake_in = io.TextIOWrapper(io.BytesIO(stdin))
    fake_out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    fake_err = io.StringIO()
    with (
        patch.object(sys, "stdin", fake_in),
        patch.object(sys, "stdout", fake_out),
        patch.object(sys, "stderr", fake_err),
    ):
        code = main(["assess", "-"])
        fake_out.flush()
        return code, fake_out.buffer.getvalue(), fake_err.getvalue()


@pytest.fixture(scope="session")
def sop_text() -> str:
    """The SOP's text (skips the test when it is not there)."""
    return shared_file(SOP_TEXT).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rulings_text() -> str:
    """shared/sop/rulings.md (skips the test when it is not there)."""
    return shared_file(RULINGS).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_examples() -> Path:
    """shared/examples (skips the test when it is not there)."""
    return shared_file(SHARED_EXAMPLES)


def load_json(path: Path):
    return json.loads(path.read_text())

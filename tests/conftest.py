"""Shared test helpers: where things are, and how to run the real `crs`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CRS_SHARED", ROOT.parent / "shared"))
SOP_TEXT = SHARED / "sop" / "O32g-community-resolutions-sop.txt"
RULINGS = SHARED / "sop" / "rulings.md"
EXAMPLES = SHARED / "examples"
CRS = [sys.executable, "-m", "crs"]


def run_crs(*args, input: bytes | str | None = None, timeout: float = 60):
    """Run the real command line in a subprocess."""
    if isinstance(input, str):
        input = input.encode()
    return subprocess.run(
        [*CRS, *args], input=input, capture_output=True, timeout=timeout, cwd=ROOT
    )


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"the shared material is missing: {SHARED}"
    return SHARED


def load_json(path: Path):
    return json.loads(path.read_text())

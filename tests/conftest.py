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
def shared() -> Path:
    assert SHARED.is_dir(), f"the shared material is missing: {SHARED}"
    return SHARED


def load_json(path: Path):
    return json.loads(path.read_text())

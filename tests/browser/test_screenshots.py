"""`crs screenshots` (here as `python -m crs.cli.screenshots`): pictures of the main pages."""

import argparse
import struct
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """One run, three pages, at a desktop width of 1024 px (the whole set takes longer)."""
    output = tmp_path_factory.mktemp("screenshots")
    command = [sys.executable, "-m", "crs.cli.screenshots", "--output", str(output)]
    command += ["--width", "1024", "--page", "sign-in", "--page", "home"]
    command += ["--page", "returned-case"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return output, result


def test_screenshots_are_taken_at_the_desktop_width_asked_for(shots):
    output, _ = shots
    assert png_size(output / "sign-in-desktop.png")[0] == 1024


def test_screenshots_are_also_taken_at_390_pixels(shots):
    output, _ = shots
    assert png_size(output / "home-phone.png")[0] == 390


def test_the_signed_in_pages_are_taken_signed_in_as_an_officer(shots):
    _, result = shots
    assert "saved home (/ as pc_ali)" in result.stdout


def test_the_pages_of_issue_13_are_among_the_pages_taken():
    """The case's 1912 checklist, sending it for review, the supervisor's review and a case
    returned to its officer, each as the person who sees it."""
    from crs.cli.screenshots import SHOTS

    shots = {shot.name: shot for shot in SHOTS}
    assert (shots["case-checklist"].url_name, shots["case-checklist"].anchor) == (
        "case_detail",
        "the-checklist",
    )
    assert (shots["submit-review"].url_name, shots["submit-review"].persona) == (
        "journeys:submit_review",
        "owner",
    )
    assert (shots["review"].url_name, shots["review"].persona) == ("journeys:review", "reviewer")
    assert shots["returned-case"].returned


def test_a_returned_case_is_shown_to_its_officer_after_the_sergeant_returns_it(shots):
    _, result = shots
    saved = [line for line in result.stdout.splitlines() if line.startswith("saved returned")]
    assert saved and saved[0].endswith("as pc_ali)"), result.stdout


def test_the_index_shows_the_pages_taken(shots):
    output, _ = shots
    index = (output / "README.md").read_text()
    assert "![Sign in, desktop](sign-in-desktop.png)" in index
    assert "case-list" not in index


def test_an_unknown_page_is_refused_before_anything_starts(tmp_path, capsys):
    from crs.cli.screenshots import cmd_screenshots

    args = argparse.Namespace(output=str(tmp_path / "out"), width=1280, page=["nope"])
    assert cmd_screenshots(args) == 2
    assert "--page: no page 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_width_narrower_than_any_phone_is_refused(tmp_path, capsys):
    from crs.cli.screenshots import cmd_screenshots

    args = argparse.Namespace(output=str(tmp_path / "out"), width=100, page=None)
    assert cmd_screenshots(args) == 2
    assert "--width: must be 320 to 3840 pixels, got 100" in capsys.readouterr().err

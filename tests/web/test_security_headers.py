"""Security headers on every page, and production settings that pass Django's deploy check."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.conftest import ROOT


@pytest.fixture
def signed_in(client, pc_ali):
    client.force_login(pc_ali)
    return client


@pytest.mark.parametrize("name", ["home", "case_list"])
def test_pages_carry_a_strict_content_security_policy(signed_in, name):
    response = signed_in.get(reverse(name))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_sign_in_page_carries_the_other_security_headers(client):
    response = client.get(reverse("sign_in"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response.headers


def test_no_template_has_inline_script_or_style():
    # The policy forbids them, so one would silently not work in the browser.
    offenders = []
    for path in (ROOT / "src" / "crs").rglob("templates/**/*.html"):
        if path.parent.name == "print":
            continue  # templates/print/ holds what WeasyPrint prints, never served to a browser
        text = path.read_text()
        if "<style" in text or " style=" in text or re.search(r"\son[a-z]+=", text):
            offenders.append(str(path.relative_to(ROOT)))
        for line in text.splitlines():
            if "<script" in line and "src=" not in line and "application/json" not in line:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []


def _deploy_check(tmp_path, **settings) -> subprocess.CompletedProcess:
    """`django check --deploy` on the production settings, as docs/deploy.md sets them."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CRS_", "DJANGO_", "DATABASE_URL", "DEBUG"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="crs.site.settings",
        DEBUG="False",
        SECRET_KEY="a-long-random-production-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="crs.example.police.uk",
        CRS_DATA_DIR=str(tmp_path),
        **settings,
    )
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_production_settings_pass_djangos_deploy_check(tmp_path):
    result = _deploy_check(tmp_path, CRS_TRUSTED_PROXIES="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_the_sign_in_throttle_would_count_the_proxy(tmp_path):
    result = _deploy_check(tmp_path)  # behind the TLS proxy, no trusted proxy declared
    assert result.returncode != 0
    assert "crs.W001" in result.stdout + result.stderr
    quiet = _deploy_check(tmp_path, CRS_SIGN_IN_FAILURE_RATE="")  # throttle off: nothing to warn
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr

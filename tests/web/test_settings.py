"""Settings are read from the environment strictly (healthchecks style)."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from crs.site.settings import envbool, envlist
from tests.conftest import ROOT


def test_envbool_reads_true(monkeypatch):
    monkeypatch.setenv("CRS_FLAG", "True")
    assert envbool("CRS_FLAG", "False") is True


def test_envbool_reads_false(monkeypatch):
    monkeypatch.setenv("CRS_FLAG", "False")
    assert envbool("CRS_FLAG", "True") is False


def test_envbool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("CRS_FLAG", raising=False)
    assert envbool("CRS_FLAG", "True") is True


@pytest.mark.parametrize("value", ["false", "0", "no", "", "FALSE", "1"])
def test_envbool_refuses_anything_but_true_or_false(monkeypatch, value):
    monkeypatch.setenv("CRS_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="CRS_FLAG must be True or False"):
        envbool("CRS_FLAG", "False")


def test_envlist_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("CRS_HOSTS", "crs.example, ,localhost,")
    assert envlist("CRS_HOSTS") == ["crs.example", "localhost"]


def _settings_in_production(**env) -> subprocess.CompletedProcess:
    """Import the settings in a fresh process, as a production server would."""
    unset = ("DEBUG", "CRS_DEMO", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CRS_DATA_DIR")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    code = (
        "import crs.site.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DEBUG, s.DATABASES['default']['NAME'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, cwd=ROOT
    )


def test_production_refuses_to_start_without_a_secret_key():
    done = _settings_in_production(ALLOWED_HOSTS="crs.example")
    assert "SECRET_KEY must be set" in done.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    done = _settings_in_production(SECRET_KEY="s" * 50)
    assert "ALLOWED_HOSTS must name the host" in done.stderr


def test_debug_spelt_wrongly_stops_the_settings_loading():
    done = _settings_in_production(DEBUG="false")
    assert "DEBUG must be True or False, got 'false'" in done.stderr


def test_production_uses_postgresql_from_database_url_with_no_code_change():
    done = _settings_in_production(
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="crs.example",
        DATABASE_URL="postgresql://crs@db.example:5432/crs",
    )
    assert done.stdout.split() == ["django.db.backends.postgresql", "False", "crs"], done.stderr


def test_the_default_database_is_sqlite_in_the_data_directory(tmp_path):
    done = _settings_in_production(DEBUG="True", CRS_DATA_DIR=str(tmp_path))
    assert done.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        str(tmp_path / "crs.sqlite3"),
    ], done.stderr


def test_cookies_are_https_only_in_production():
    code = "import crs.site.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "CRS_DEMO", "DATABASE_URL")}
    env.update(SECRET_KEY="s" * 50, ALLOWED_HOSTS="crs.example")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.stdout.split() == ["True", "True"], done.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CRS_API_RATE", "600 per minute"),
        ("CRS_SIGN_IN_FAILURE_RATE", "50/15 minutes"),
        ("CRS_SIGN_IN_FAILURE_RATE", "0/m"),
    ],
)
def test_a_malformed_rate_limit_stops_the_settings_loading_naming_it(name, value):
    done = _settings_in_production(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="crs.example", **{name: value}
    )
    assert f"{name} must be a rate like 600/m" in done.stderr
    assert repr(value) in done.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CRS_TRUSTED_PROXIES", "one"),
        ("CRS_TRUSTED_PROXIES", "-1"),
        ("CRS_SESSION_IDLE_SECONDS", "30m"),
        ("CRS_SESSION_MAX_SECONDS", "5"),
    ],
)
def test_a_number_setting_that_is_not_a_number_stops_the_settings_loading_naming_it(name, value):
    done = _settings_in_production(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="crs.example", **{name: value}
    )
    assert f"{name} must be a whole number of at least" in done.stderr


def test_well_formed_rates_and_numbers_load():
    done = _settings_in_production(
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="crs.example",
        CRS_API_RATE="1000/h",
        CRS_SIGN_IN_FAILURE_RATE="",
        CRS_TRUSTED_PROXIES="2",
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("rate", ["600/m", "50/15m", "100/hour", "1000/day", "10/30", "5/min"])
def test_every_rate_form_the_throttle_reads_is_accepted(rate):
    done = _settings_in_production(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="crs.example", CRS_API_RATE=rate
    )
    assert done.returncode == 0, done.stderr


def test_a_cache_address_that_is_not_redis_stops_the_settings_loading():
    done = _settings_in_production(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="crs.example", CRS_CACHE_URL="memcached://cache:11211"
    )
    assert "CRS_CACHE_URL must be a Redis address" in done.stderr

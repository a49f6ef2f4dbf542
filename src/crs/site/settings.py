"""The one settings module, read from the environment strictly (healthchecks style).

Environment:
    DEBUG             True | False (default False). Anything else is an error.
    SECRET_KEY        required, except with DEBUG, in demo mode or under the test suite.
    ALLOWED_HOSTS     comma-separated host names; required in production.
    DATABASE_URL      e.g. postgresql://user@host:5432/crs (default: SQLite under the data dir).
    CRS_DATA_DIR      where the default SQLite database and collected static files live
                      (default ./var).
    CRS_DEMO          True | False: the demo force of `crs serve --demo` (set by that command).
    CRS_SECURE_COOKIES True | False: HTTPS-only cookies (default True in production).
"""

from __future__ import annotations

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor


def envbool(name: str, default: str) -> bool:
    """True or False, spelt exactly so: "false", "0" or "no" is a mistake, not False."""
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, got {value!r}")
    return value == "True"


def envint(name: str, default: int, *, least: int = 0) -> int:
    """A whole number of at least `least`; anything else stops the settings loading, named."""
    value = os.environ.get(name, str(default))
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < least:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {least}, got {value!r}"
        )
    return number


def envrate(name: str, default: str) -> str:
    """A rate limit such as "600/m" or "50/15m", or empty for none."""
    value = os.environ.get(name, default)
    # The forms django-ninja's throttle reads: a count, then seconds or a unit (optionally
    # with a multiple): 600/m, 50/15m, 100/hour, 10/30.
    unit = r"([1-9][0-9]*)?(s|m|h|d|sec|min|hour|day)"
    if value and not re.fullmatch(rf"[1-9][0-9]*/({unit}|[1-9][0-9]*)", value):
        raise ImproperlyConfigured(
            f"{name} must be a rate like 600/m, 50/15m or 100/hour, or empty; got {value!r}"
        )
    return value


def envlist(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CRS_DATA_DIR", "var")).resolve()

DEBUG = envbool("DEBUG", "False")
DEMO = envbool("CRS_DEMO", "False")
# pytest-django imports these settings itself; nothing else loads it.
TESTING = "pytest_django" in sys.modules
RELAXED = DEBUG or DEMO or TESTING

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not RELAXED:
        raise ImproperlyConfigured("SECRET_KEY must be set (or run with DEBUG=True or --demo)")
    SECRET_KEY = "crs-insecure-key-for-debug-demo-and-tests-only"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not RELAXED:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) this site answers to")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crs.accounts",
    "crs.audit",
    "crs.cases",
    "crs.api",
    "crs.reminders",
    "crs.dashboard",
    "crs.scrutiny",
    "crs.exchange",
    "crs.retention",
    "ninja",  # serves the API docs page's scripts from here, not from a CDN
    "django_tasks",
    "django_tasks_db",
    "crs.ui",  # the UI kit: the frame, failure pages, GOV.UK form helpers, tags, static files
    "crs.web",  # the case pages and journeys, with their templates
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE: a 413 page or error, before anything reads it.
    "crs.site.limits.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crs.accounts.sessions.SessionLimitsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "crs.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records each successful view of a case, search and export (DPA 2018 s.62).
    "crs.audit.access.AccessLogMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "crs.site.urls"
WSGI_APPLICATION = "crs.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crs.web.pages.context.frame",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'crs.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups keep times to the microsecond, which the audit chain's hashes cover (crs.backup).
SERIALIZATION_MODULES = {"json": "crs.backup.serializer"}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign_in"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before any check
    "django.contrib.auth.backends.ModelBackend",
]
# Passwords (OWASP ASVS 2.1): at least 12 characters, not common, not like the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # A deliberately slow hash makes every test that logs in slow, and proves nothing.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lockout (django-axes): 5 wrong passwords for one username lock it for 15 minutes, whatever
# the address (a police station shares one address, so locking by address would lock it out).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "crs.accounts.views.locked_out"
AXES_VERBOSE = False
# axes.W006 warns that locking by username alone can be dodged by rotating the user agent or
# cookies; it cannot (the username is the only key). Adding the address would lock out every
# officer behind a station's shared address, so the warning is silenced, on purpose.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Failed sign-ins per client address (crs.accounts.sign_in_throttle), against password spraying:
# generous, and failures only, since a station's officers all sign in from one NAT address.
CRS_SIGN_IN_FAILURE_RATE = envrate("CRS_SIGN_IN_FAILURE_RATE", "" if TESTING else "50/15m")
# How many reverse proxies (load balancers) stand in front of crs and append the address they
# were reached from to X-Forwarded-For; 0 trusts no such header (docs/deploy.md).
CRS_TRUSTED_PROXIES = envint("CRS_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "crs.accounts.sign_in_throttle.client_ip"

# The rate limits (sign-in failures per address, API calls per token) count in the database by
# default, shared by every worker and instance (crs.accounts.rate_counts); CRS_CACHE_URL
# (redis://host:6379/0) moves the counts to Redis instead, to spare the database a write per
# API call at scale (docs/deploy.md).
CRS_CACHE_URL = os.environ.get("CRS_CACHE_URL", "")
if CRS_CACHE_URL and not CRS_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "CRS_CACHE_URL must be a Redis address (redis://, rediss:// or unix://), "
        f"got {CRS_CACHE_URL!r}"
    )
if CRS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CRS_CACHE_URL,
            "KEY_PREFIX": "crs",
        }
    }

# Sessions end after 30 minutes idle and 12 hours at most (crs.accounts.sessions).
CRS_SESSION_IDLE_SECONDS = envint("CRS_SESSION_IDLE_SECONDS", 30 * 60, least=60)
CRS_SESSION_MAX_SECONDS = envint("CRS_SESSION_MAX_SECONDS", 12 * 60 * 60, least=60)
SESSION_COOKIE_AGE = CRS_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor sign-in for supervisory and administrative roles (crs.accounts.two_factor).
CRS_REQUIRE_TWO_FACTOR = envbool("CRS_REQUIRE_TWO_FACTOR", "False" if RELAXED else "True")
OTP_TOTP_ISSUER = os.environ.get("CRS_OTP_ISSUER", "Community Resolutions")

# Single sign-on through the force's identity provider (crs.accounts.oidc), when configured:
# CRS_OIDC_CLIENT_ID, CRS_OIDC_CLIENT_SECRET and the provider's four endpoints.
CRS_OIDC_ENABLED = bool(os.environ.get("CRS_OIDC_CLIENT_ID"))
CRS_OIDC_PROVIDES_MFA = envbool("CRS_OIDC_PROVIDES_MFA", "False")
if CRS_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("crs.accounts.oidc.ForceIdentityBackend")
    OIDC_RP_CLIENT_ID = os.environ["CRS_OIDC_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("CRS_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["CRS_OIDC_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["CRS_OIDC_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["CRS_OIDC_USERINFO_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["CRS_OIDC_JWKS_ENDPOINT"]
# API rate limit per token (crs.api.throttle).
# The longest a PDF (form 1912, the acceptance form) may take to make before it is stopped
# and a page says so (crs.web.documents.pdf): a web worker is never held longer.
CRS_PDF_SECONDS = envint("CRS_PDF_SECONDS", 30, least=1)
CRS_API_RATE = envrate("CRS_API_RATE", "" if TESTING else "600/m")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?sso=failed"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "crs.site.static_files.CollectedStatic"
        )
    },
}
# Source maps are fetched only by a developer's browser tools; brotli takes seconds on each.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# In development and tests, serve files straight from the apps: nothing to collect first.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

SECURE_COOKIES = envbool("CRS_SECURE_COOKIES", "False" if RELAXED else "True")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy (django-csp): scripts, styles, fonts and images only from
# this site, no inline script or style, no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Also say what the browser may send and use (OWASP secure headers).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if SECURE_COOKIES:
    # Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("CRS_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("CRS_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("CRS_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("CRS_HSTS_PRELOAD", "True")

# Background tasks (crs.reminders; docs/decisions/0007): stored in the same database, run by
# `crs worker`, so SQLite and PostgreSQL both work with no other service.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get(
    "CRS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CRS_FROM_EMAIL", "crs@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

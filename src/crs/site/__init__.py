"""crs.site: the Django project (settings, URLs, WSGI, limits) and `crs serve`.

The top of crs: it knows every app, and no app imports it. The one set-up every door that
runs outside a web server uses (each `crs` command that needs the database calls
`setup_command()` first; `crs serve` calls `setup()`).
"""

from __future__ import annotations

import os
import secrets

import django

SETTINGS = "crs.site.settings"


def setup() -> None:
    """Configure Django with crs's settings (unless the caller chose others) and load the apps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()


def setup_command() -> None:
    """`setup()` for a command line: it serves no page, signs nothing and answers no host, so
    it starts without the secret key and host names a server must be given (a value set in
    the environment is still used)."""
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    setup()

"""crs.web: the Django project (settings, URLs, WSGI) and `crs serve`.

Doors that run outside a web server (`crs audit verify`, the demo loader) call
`setup()` first; nothing under crs.policy ever imports this package.
"""

from __future__ import annotations

import os

SETTINGS = "crs.web.settings"


def setup() -> None:
    """Configure Django with crs's settings (unless the caller chose others) and load the apps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()

"""`crs serve [--demo]`: migrate, (load the demo force,) and run the site under gunicorn.

Static files are collected into the data directory and served by WhiteNoise
from the same process, so one command gives a working site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from gunicorn.app.base import BaseApplication

from crs.site import setup

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def cmd_serve(args) -> int:
    if args.demo:
        os.environ["CRS_DEMO"] = "True"
    if "ALLOWED_HOSTS" not in os.environ and args.host not in ("0.0.0.0", "::"):
        os.environ["ALLOWED_HOSTS"] = ",".join(dict.fromkeys((*LOOPBACK, args.host)))

    setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    summary = prepare_site(demo=args.demo)
    if summary is not None:
        # Django is set up just above: crs's apps can load only after it
        from crs.cases.demo import DEMO_PASSWORD

        out = sys.stdout
        out.write(
            f"Demo force: {summary.cases} cases ({summary.created} new), "
            f"{len(summary.users)} users.\n"
            f"Log in as any of these, password {DEMO_PASSWORD!r}:\n"
        )
        for username, title in summary.users:
            out.write(f"  {username:<16} {title}\n")
    connections.close_all()  # the workers open their own
    sys.stdout.write(f"crs: serving on http://{_url_host(args.host)}:{args.port}/\n")
    sys.stdout.flush()
    Server(
        {
            "bind": f"{args.host}:{args.port}",
            "workers": max(1, args.workers),
            "accesslog": "-",
            "timeout": 60,
            # Django is set up already: workers forked from this process start at once,
            # rather than each importing the site again.
            "preload_app": True,
        },
    ).run()
    return 0


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "localhost"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class Server(BaseApplication):
    """gunicorn, configured in code rather than from its own command line."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # crs.site.wsgi sets Django up as it loads: only once cmd_serve has set the environment
        from crs.site.wsgi import application

        # Every view imported before the workers are forked (preload_app), not by each
        # worker on its first request; no database connection is carried into a fork.
        import_module(settings.ROOT_URLCONF)
        connections.close_all()
        return application


def prepare_site(*, demo: bool, cases: int | None = None):
    """Migrate, gather the static files and, for a demo, load the demo force (idempotent).

    Shared by `crs serve` and `crs screenshots`; returns the demo's summary, or None.
    The static files are gathered meanwhile by a process of its own: that is mostly
    compression, which needs no database and, on a thread, would hold up the demo's
    queries for the interpreter's lock.
    """
    gathering = subprocess.Popen([sys.executable, "-c", COLLECT])
    try:
        call_command("migrate", interactive=False, verbosity=0)
        summary = None
        if demo:
            # Not at the top: crs's apps load only once the caller has set Django up
            from crs.cases.demo import DEFAULT_CASES, load_demo

            summary = load_demo(DEFAULT_CASES if cases is None else cases)
    finally:
        code = gathering.wait()
    if code != 0:
        raise SystemExit(f"crs: gathering the static files failed (exit status {code})")
    return summary


# The environment (settings module, data directory, demo) is this process's.
COLLECT = (
    "from crs.site import setup; setup(); from crs.site.static_files import collect; collect()"
)

"""`crs remind` (write and enqueue what is due) and `crs worker` (run the tasks, and remind).

`crs worker` is django-tasks-db's own worker loop (the `db_worker` command's
Worker), run in batches between scheduler runs, so one process does both and
SQLite needs nothing else running.
"""

from __future__ import annotations

import secrets
import sys
import time
from datetime import datetime, timedelta

from crs.cli import CliError, setup_django


def _common(p) -> None:
    p.add_argument(
        "--now",
        metavar="WHEN",
        help="decide what is due as if it were this date and time (ISO 8601, e.g. "
        "2024-05-01T09:00; for tests and demonstrations; default: the real time)",
    )
    p.add_argument(
        "--lease",
        type=float,
        default=900,
        metavar="SECONDS",
        help="enqueue again a reminder whose delivery has not finished after this long "
        "(a worker that died); default 900",
    )


def add_commands(sub, lazy) -> None:
    """Add this app's subcommands to `sub` (argparse subparsers)."""
    p = sub.add_parser(
        "remind",
        help="write the reminders that are due and queue them for delivery",
        description="Work out which reminders are due (actions due within 7 days or "
        "overdue, the 16-week limit, parents or guardians to tell within 24 hours, "
        "authorisation waiting more than a day, victim updates) and queue each for the "
        "worker. Running it again writes and sends nothing twice.",
    )
    _common(p)
    p.set_defaults(run=lazy("crs.cli.reminders", "cmd_remind"))

    p = sub.add_parser(
        "worker",
        help="run the background tasks, and the reminder scheduler every few minutes",
        description="Run queued background tasks (django-tasks-db) and `crs remind` every "
        "--every minutes, until stopped (Ctrl+C finishes the task in hand first).",
    )
    _common(p)
    p.add_argument(
        "--every", type=float, default=5, metavar="MINUTES", help="run the scheduler this often"
    )
    p.add_argument(
        "--poll",
        type=float,
        default=1,
        metavar="SECONDS",
        help="wait this long between looks for new tasks",
    )
    p.add_argument(
        "--once",
        action="store_true",
        help="run the scheduler once, run every task that is ready, then stop",
    )
    p.add_argument("--worker-id", metavar="ID", help="this worker's name in the task records")
    p.set_defaults(run=lazy("crs.cli.reminders", "cmd_worker"))


def _when(text: str | None) -> datetime | None:
    """--now, checked before Django starts; made aware (in the site's zone) by _aware."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"--now: must be a date and time like 2024-05-01T09:00, got {text!r}"
        ) from None


def _aware(moment: datetime | None) -> datetime | None:
    # Not at the top: building the parser imports this module, and must not load Django
    from django.utils import timezone

    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def _lease(seconds: float) -> timedelta:
    if seconds < 0:
        raise CliError(f"--lease: must be zero or more seconds, got {seconds}")
    return timedelta(seconds=seconds)


def _report(scheduled) -> None:
    sys.stdout.write(
        f"reminders: {scheduled.created} new, {scheduled.enqueued} sent to the worker\n"
    )
    sys.stdout.flush()


def cmd_remind(args) -> int:
    when, lease = _when(args.now), _lease(args.lease)
    setup_django()
    now = _aware(when)
    # Not at the top: the command sets Django up first, and the parser must not load it
    from crs.reminders.scheduler import schedule

    _report(schedule(now, lease=lease))
    return 0


def cmd_worker(args) -> int:
    when, lease = _when(args.now), _lease(args.lease)
    if args.every <= 0:
        raise CliError(f"--every: must be more than 0 minutes, got {args.every}")
    setup_django()
    now = _aware(when)
    # Not at the top: the command sets Django up first, and the parser must not load it
    from django.db import DatabaseError, close_old_connections
    from django_tasks_db.management.commands.db_worker import Worker

    from crs.reminders.scheduler import schedule

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,  # run what is ready, then come back here
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=args.worker_id or secrets.token_hex(16),
        excluded_queue_names=[],
    )
    worker.configure_signals()  # Ctrl+C / SIGTERM: finish the task in hand, then stop
    next_run = 0.0
    while worker.running:
        if time.monotonic() >= next_run:
            try:
                _report(schedule(now, lease=lease))
            except DatabaseError as exc:
                if args.once:
                    raise
                # A busy or briefly unreachable database: say so, and try at the next turn.
                sys.stderr.write(f"crs: reminders not scheduled this time: {exc}\n")
            next_run = time.monotonic() + args.every * 60
        worker.run()
        close_old_connections()
        if args.once:
            break
        time.sleep(args.poll)
    return 0

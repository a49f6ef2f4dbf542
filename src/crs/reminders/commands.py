"""The `crs` commands of crs.reminders, added to the command line by crs.cli.

Only argparse here: the commands' code is imported when one runs (`lazy`).
"""

from __future__ import annotations


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
    p.set_defaults(run=lazy("crs.reminders.worker", "cmd_remind"))

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
    p.set_defaults(run=lazy("crs.reminders.worker", "cmd_worker"))

"""Run the scheduler and the worker's tasks in the test's own process and database."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from crs.reminders.models import Reminder
from crs.reminders.scheduler import schedule


def end_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def kinds_due(now: datetime, **filters) -> set[str]:
    """Run the scheduler at `now`; the kinds of reminder that exist afterwards."""
    schedule(now)
    return set(Reminder.objects.filter(**filters).values_list("kind", flat=True))


def run_tasks() -> int:
    """What `crs worker` does with each ready task, without its connection housekeeping
    (which would close the test's transaction)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    while (task := DBTaskResult.objects.ready().get_locked()) is not None:
        task.claim("test")
        worker.run_task(task)
        task.refresh_from_db()
        assert task.status == "SUCCESSFUL", task.traceback
        ran += 1
    return ran


SECOND = timedelta(seconds=1)

"""The scheduler: write the reminders that are due, and enqueue every one not yet delivered.

    schedule(now)  ->  Scheduled(created=3, enqueued=3)

Run it as often as you like (`crs remind`, or `crs worker` every few minutes):
a reminder already written is not written again (the unique constraint on
case, kind, subject, deadline and recipient), and one already delivered is
not enqueued again. A reminder whose task has not finished within the lease
is enqueued again: django-tasks-db leaves the task of a worker that died
"running" for ever, and the delivery's own checks make a second task harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .due import due_reminders
from .models import Reminder
from .tasks import deliver_reminder

LEASE = timedelta(minutes=15)  # far longer than any delivery takes


@dataclass(frozen=True)
class Scheduled:
    created: int
    enqueued: int


def schedule(now: datetime | None = None, *, lease: timedelta = LEASE) -> Scheduled:
    """Write what is due at `now` (default: the real time) and enqueue what is undelivered."""
    now = now or timezone.now()
    written = timezone.now()
    wanted = [
        Reminder(
            case=due.case,
            kind=due.kind,
            subject=due.subject,
            due=due.due,
            recipient=recipient,
            text=due.text,
            created_at=written,
        )
        for due in due_reminders(now)
        for recipient in due.recipients
    ]
    before = Reminder.objects.count()
    # ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): the constraint, not a read
    # before the write, decides, so two schedulers at once cannot both insert.
    Reminder.objects.bulk_create(wanted, ignore_conflicts=True, batch_size=500)
    created = Reminder.objects.count() - before
    return Scheduled(created=created, enqueued=enqueue_undelivered(lease=lease))


def enqueue_undelivered(*, lease: timedelta = LEASE) -> int:
    real = timezone.now()
    pending = Reminder.objects.filter(finished_at__isnull=True).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=real - lease)
    )
    rows = list(pending.values_list("pk", "enqueued_at", "task_id"))
    tasks = {
        str(t.pk): t
        for t in DBTaskResult.objects.filter(pk__in=[task for _, _, task in rows if task])
    }
    count = 0
    for pk, enqueued_at, task_id in rows:
        if _still_going(tasks.get(task_id), real, lease):
            continue
        with transaction.atomic():
            # Only the scheduler that moves enqueued_at on from what it read enqueues.
            mine = Reminder.objects.filter(pk=pk, finished_at__isnull=True)
            mine = (
                mine.filter(enqueued_at=enqueued_at)
                if enqueued_at
                else mine.filter(enqueued_at__isnull=True)
            )
            if not mine.update(enqueued_at=real):
                continue
            result = deliver_reminder.enqueue(pk, lease.total_seconds())
            Reminder.objects.filter(pk=pk).update(task_id=str(result.id))
        count += 1
    return count


def _still_going(task: DBTaskResult | None, real: datetime, lease: timedelta) -> bool:
    """A task still waiting for a worker, or running for less than the lease."""
    if task is None:
        return False
    if task.status == "READY":
        return True
    return (
        task.status == "RUNNING"
        and task.started_at is not None
        and (task.started_at > real - lease)
    )

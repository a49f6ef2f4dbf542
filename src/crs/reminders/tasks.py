"""The background task (django-tasks, docs/decisions/0007): deliver one reminder."""

from __future__ import annotations

from django_tasks import task

from . import delivery


@task()
def deliver_reminder(reminder_id: int, lease_seconds: float) -> str:
    return delivery.deliver(reminder_id, lease_seconds)

"""Delivering one reminder: the in-app notification exactly once, the email at most once.

    deliver(reminder_id, lease_seconds)

Run by the task in tasks.py, any number of times for the same reminder (the
scheduler re-enqueues one whose worker died): every step checks the row first.

1. In one transaction: lock the reminder, write its Notification (one-to-one
   with the reminder, so a second is refused by the database) and mark it
   delivered. A worker killed inside rolls back: nothing was delivered, and
   the next attempt does it.
2. Claim the email in its own committed transaction, send after the commit,
   then mark it sent. A worker killed between the claim and the mark leaves a
   claim nobody confirmed: it may or may not have sent. After the lease, the
   next attempt records it as unconfirmed and does not send again. So an
   email is sent at most once (never twice); the in-app notification is the
   channel that is never lost.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import EmailOutcome, Notification, Reminder

MAX_EMAIL_ATTEMPTS = 5  # an SMTP error before sending: try again on later runs, then give up

# For the crash tests only (tests/reminders/test_worker_killed.py): stop at a named point,
# say so on standard error, and wait there to be killed. Unset in any real run.
PAUSE_ENV = "CRS_REMINDERS_PAUSE_AT"


def _pause(point: str) -> None:
    if os.environ.get(PAUSE_ENV) == point:
        sys.stderr.write(f"crs-reminders: paused at {point}\n")
        sys.stderr.flush()
        time.sleep(300)


def deliver(reminder_id: int, lease_seconds: float) -> str:
    """Deliver what is left of one reminder; return what happened, for the task's result."""
    notified = _notify(reminder_id)
    if notified == "missing":
        return notified
    return _email(reminder_id, timedelta(seconds=lease_seconds))


def _locked(reminder_id: int) -> Reminder | None:
    return (
        Reminder.objects.select_for_update()
        .select_related("recipient")
        .filter(pk=reminder_id)
        .first()
    )


def _notify(reminder_id: int) -> str:
    with transaction.atomic():
        reminder = _locked(reminder_id)
        if reminder is None:
            return "missing"
        if reminder.delivered_at is not None:
            return "already notified"
        now = timezone.now()
        Notification.objects.create(
            recipient_id=reminder.recipient_id,
            reminder=reminder,
            case_id=reminder.case_id,
            text=reminder.text,
            created_at=now,
        )
        reminder.delivered_at = now
        reminder.save(update_fields=["delivered_at"])
        _pause("notification")
    return "notified"


def address(user) -> str:
    """The recipient's email; the demo force's people have none, so the demo makes one up."""
    if user.email:
        return user.email
    return f"{user.username}@demo.invalid" if getattr(settings, "DEMO", False) else ""


def _email(reminder_id: int, lease: timedelta) -> str:
    link = reverse("case_detail", args=[_case_of(reminder_id)])  # before any claim is made
    with transaction.atomic():
        reminder = _locked(reminder_id)
        now = timezone.now()
        if reminder.finished_at is not None:
            return "already finished"
        to = address(reminder.recipient)
        if not to:
            return _finish(reminder, EmailOutcome.NO_ADDRESS, now)
        if reminder.email_claimed_at is not None:
            if now - reminder.email_claimed_at < lease:
                return "email being sent by another worker"
            # Claimed, never confirmed: it may have gone. Sending again could send it twice.
            return _finish(reminder, EmailOutcome.UNCONFIRMED, now)
        reminder.email_claimed_at = now
        reminder.email_attempts += 1
        reminder.save(update_fields=["email_claimed_at", "email_attempts"])
    _pause("email_claimed")
    try:
        send_mail(
            subject=f"Community Resolutions: {reminder.get_kind_display()}",
            message=f"{reminder.text}\n\nThe case: {link}\n",
            from_email=None,
            recipient_list=[to],
        )
    except OSError as exc:  # smtplib's errors included
        # Refused before anything was accepted (no connection, bad address): nothing went,
        # so the claim is released for a later run, up to MAX_EMAIL_ATTEMPTS.
        with transaction.atomic():
            reminder = _locked(reminder_id)
            if reminder.email_attempts >= MAX_EMAIL_ATTEMPTS:
                _finish(reminder, EmailOutcome.FAILED, timezone.now())
            else:
                reminder.email_claimed_at = None
                reminder.save(update_fields=["email_claimed_at"])
        return f"email failed: {type(exc).__name__}"
    _pause("email_sent")
    with transaction.atomic():
        reminder = _locked(reminder_id)
        reminder.emailed_at = timezone.now()
        return _finish(reminder, EmailOutcome.SENT, reminder.emailed_at)


def _case_of(reminder_id: int) -> int:
    return Reminder.objects.values_list("case_id", flat=True).get(pk=reminder_id)


def _finish(reminder: Reminder, outcome: str, now) -> str:
    reminder.email_outcome = outcome
    reminder.finished_at = now
    reminder.save(update_fields=["email_outcome", "finished_at", "emailed_at"])
    return f"notified; email {outcome}"

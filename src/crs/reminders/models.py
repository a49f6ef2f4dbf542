"""Reminders (what is due, for whom, about which deadline) and the notifications they become.

A Reminder is written once per (case, kind, subject, deadline, recipient): the
unique constraint is what makes a second scheduler run insert nothing. It is
also the outbox of its delivery: a task turns it into exactly one Notification
(one-to-one, so the database refuses a second) and at most one email, and the
timestamps below say how far delivery got. docs/decisions/0007 explains why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Meta options below are class-level lists, as Django expects.
# ruff: noqa: RUF012

USER = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    ACTION_DUE_SOON = "action_due_soon", "Action due within 7 days"
    ACTION_OVERDUE = "action_overdue", "Action overdue"
    OUTCOMES_DEADLINE = "outcomes_deadline", "16-week deadline approaching"
    PARENT_GUARDIAN_DUE = "parent_guardian_due", "Parent or guardian to be told within 24 hours"
    PARENT_GUARDIAN_OVERDUE = "parent_guardian_overdue", "Parent or guardian not yet told"
    AUTHORISATION_WAITING = "authorisation_waiting", "Authorisation waiting more than a day"
    VICTIM_UPDATE_DUE = "victim_update_due", "Victim update due"
    CASE_RETURNED = "case_returned", "Case returned to the officer"


class EmailOutcome(models.TextChoices):
    PENDING = "", "Not yet"
    SENT = "sent", "Sent"
    NO_ADDRESS = "no_address", "No email address"
    # The sender claimed it and stopped before confirming: it may or may not have gone.
    # Never re-sent (at most once); the in-app notification was delivered regardless.
    UNCONFIRMED = "unconfirmed", "Sending not confirmed"
    FAILED = "failed", "Could not be sent"


class Reminder(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Which of the case's duties of this kind, when there can be several (one per action).
    subject = models.CharField(max_length=80, blank=True)
    due = models.DateTimeField(help_text="the deadline the reminder is about")
    recipient = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="reminders")
    text = models.TextField()
    created_at = models.DateTimeField()

    # Delivery, in real time (leases are about processes, not about the scheduler's clock).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True, help_text="notification written")
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_outcome = models.CharField(
        max_length=12, choices=EmailOutcome.choices, blank=True, default=EmailOutcome.PENDING
    )
    finished_at = models.DateTimeField(null=True, blank=True, help_text="nothing left to do")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "subject", "due", "recipient"], name="reminder_once"
            )
        ]
        indexes = [models.Index(fields=["finished_at", "enqueued_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.case_id} for {self.recipient_id}"


class Notification(models.Model):
    """What a person sees on their notifications page: one per reminder, never two."""

    recipient = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="notifications")
    reminder = models.OneToOneField(Reminder, on_delete=models.PROTECT, related_name="notification")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text

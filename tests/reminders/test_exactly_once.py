"""Exactly once: a repeated scheduler run, a task run twice, a worker that died mid-delivery.

The in-app notification is delivered exactly once. The email is sent at most once: when a
sender claimed it and stopped before confirming, nobody can know whether it went, so it is
recorded as unconfirmed and never sent again (docs/decisions/0007).
"""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from crs.reminders.delivery import deliver
from crs.reminders.models import EmailOutcome, Kind, Notification, Reminder
from crs.reminders.scheduler import enqueue_undelivered, schedule
from crs.reminders.tasks import deliver_reminder
from tests.cases.walk import DUE, agreed

from .helpers import end_of, run_tasks

SOON = end_of(DUE) - timedelta(days=2)  # the deferred action is due within 7 days


def _with_email(user):
    user.email = f"{user.username}@example.test"
    user.save()
    return user


def test_a_second_scheduler_run_writes_and_enqueues_nothing(pc_ali):
    agreed(_with_email(pc_ali))
    first = schedule(SOON)
    assert (first.created, first.enqueued) == (1, 1)
    second = schedule(SOON)
    assert (second.created, second.enqueued) == (0, 0)
    assert DBTaskResult.objects.count() == 1


def test_a_reminder_is_notified_and_emailed_once_however_often_the_scheduler_runs(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    run_tasks()
    schedule(SOON)
    schedule(SOON + timedelta(hours=1))
    run_tasks()
    (reminder,) = Reminder.objects.all()
    assert reminder.kind == Kind.ACTION_DUE_SOON
    assert Notification.objects.filter(reminder=reminder, recipient=pc_ali).count() == 1
    assert [m.to for m in mail.outbox] == [["pc_ali@example.test"]]
    assert reminder.email_outcome == EmailOutcome.SENT


def test_two_tasks_for_one_reminder_deliver_it_once(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    reminder = Reminder.objects.get()
    deliver_reminder.enqueue(reminder.pk, 900)  # as if two schedulers had raced
    assert run_tasks() == 2
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_task_running_within_its_lease_is_not_enqueued_again(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON, lease=timedelta(0))
    task = DBTaskResult.objects.get()
    task.claim("a worker that is still going")
    assert enqueue_undelivered(lease=timedelta(minutes=15)) == 0
    assert enqueue_undelivered(lease=timedelta(0)) == 1


def test_a_task_that_never_finished_is_enqueued_again_and_delivered_once(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    DBTaskResult.objects.get().claim("a worker that died")  # running for ever
    later = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert enqueue_undelivered() == 1
        run_tasks()
        assert enqueue_undelivered() == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_email_claimed_and_never_confirmed_is_not_sent_again(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    reminder = Reminder.objects.get()
    reminder.delivered_at = reminder.email_claimed_at = timezone.now() - timedelta(hours=1)
    reminder.save()
    Notification.objects.create(
        recipient=pc_ali, reminder=reminder, case=reminder.case, text="x", created_at=timezone.now()
    )
    deliver(reminder.pk, lease_seconds=900)
    reminder.refresh_from_db()
    assert mail.outbox == []
    assert (reminder.email_outcome, reminder.finished_at is not None) == (
        EmailOutcome.UNCONFIRMED,
        True,
    )
    assert Notification.objects.count() == 1


def test_an_email_being_sent_elsewhere_is_left_to_that_sender(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    reminder = Reminder.objects.get()
    reminder.email_claimed_at = timezone.now()
    reminder.save()
    deliver(reminder.pk, lease_seconds=900)
    reminder.refresh_from_db()
    assert (mail.outbox, reminder.finished_at, reminder.email_outcome) == ([], None, "")


def test_an_email_refused_by_the_mail_server_is_tried_again_later_and_sent_once(pc_ali):
    agreed(_with_email(pc_ali))
    schedule(SOON)
    with mock.patch("crs.reminders.delivery.send_mail", side_effect=OSError("refused")):
        run_tasks()
    reminder = Reminder.objects.get()
    assert (reminder.delivered_at is not None, reminder.finished_at) == (True, None)
    assert mail.outbox == []
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        schedule(SOON)
        run_tasks()
    reminder.refresh_from_db()
    assert (reminder.email_outcome, len(mail.outbox)) == (EmailOutcome.SENT, 1)
    assert Notification.objects.count() == 1


def test_a_recipient_without_an_email_address_is_notified_in_the_app(pc_ali):
    agreed(pc_ali)
    schedule(SOON)
    run_tasks()
    reminder = Reminder.objects.get()
    assert (reminder.email_outcome, mail.outbox) == (EmailOutcome.NO_ADDRESS, [])
    assert Notification.objects.get().recipient == pc_ali


def test_the_email_names_the_reminder_and_links_to_the_case(pc_ali):
    case = agreed(_with_email(pc_ali))
    schedule(SOON)
    run_tasks()
    (message,) = mail.outbox
    assert message.subject == "Community Resolutions: Action due within 7 days"
    assert case.crime_reference in message.body
    assert f"/cases/{case.pk}/" in message.body


def test_the_demo_force_gets_its_emails_at_made_up_addresses(pc_ali, settings):
    settings.DEMO = True
    agreed(pc_ali)  # no email address, as the demo force's people
    schedule(SOON)
    run_tasks()
    assert [m.to for m in mail.outbox] == [["pc_ali@demo.invalid"]]

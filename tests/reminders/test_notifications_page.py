"""The notifications page: each person's own reminders, marked read one at a time or all."""

import re

from django.utils import timezone

from crs.reminders.models import Notification, Reminder
from crs.reminders.scheduler import schedule
from tests.cases.walk import agreed

from .helpers import run_tasks
from .test_exactly_once import SOON


def _notified(owner) -> Notification:
    agreed(owner)
    schedule(SOON)
    run_tasks()
    return Notification.objects.get()


def _count_in_header(html: str) -> str | None:
    found = re.search(r'id="unread-count">(\d+)<', html)
    return found and found.group(1)


def test_the_page_lists_the_persons_notifications_with_a_link_to_the_case(client, pc_ali):
    note = _notified(pc_ali)
    client.force_login(pc_ali)
    html = client.get("/notifications/").content.decode()
    assert "Pay 9 pounds" in html
    assert f'href="/cases/{note.case_id}/"' in html
    assert _count_in_header(html) == "1"


def test_marking_a_notification_read_clears_the_header_count(client, pc_ali):
    note = _notified(pc_ali)
    client.force_login(pc_ali)
    response = client.post(f"/notifications/{note.pk}/read/")
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    assert _count_in_header(client.get("/").content.decode()) is None


def test_mark_all_as_read(client, pc_ali):
    _notified(pc_ali)
    client.force_login(pc_ali)
    client.post("/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_cannot_be_seen_or_marked(client, pc_ali, outsider):
    note = _notified(pc_ali)
    client.force_login(outsider)
    assert "Pay 9 pounds" not in client.get("/notifications/").content.decode()
    assert client.post(f"/notifications/{note.pk}/read/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_read_needs_a_post(client, pc_ali):
    note = _notified(pc_ali)
    client.force_login(pc_ali)
    assert client.get(f"/notifications/{note.pk}/read/").status_code == 405


def test_the_page_needs_a_sign_in(client):
    assert client.get("/notifications/").status_code == 302


def test_a_read_notification_is_shown_without_the_unread_tag(client, pc_ali):
    note = _notified(pc_ali)
    Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
    client.force_login(pc_ali)
    html = client.get("/notifications/").content.decode()
    assert "Pay 9 pounds" in html and ">Unread<" not in html and "All read." in html


def test_the_admin_shows_reminders_without_changing_them(admin_client, pc_ali):
    _notified(pc_ali)
    reminder = Reminder.objects.get()
    assert admin_client.get("/admin/reminders/reminder/").status_code == 200
    page = admin_client.get(f"/admin/reminders/reminder/{reminder.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()

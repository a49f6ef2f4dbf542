"""{% unread_notifications as inbox %}: the header's link to the notifications page.

`inbox.url` is "" where the page is not mounted (a test's own URLconf); otherwise
`inbox.count` is the signed-in person's unread count: one query per page.
"""

from dataclasses import dataclass

from django import template
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse

from ..models import Notification

register = template.Library()


@dataclass(frozen=True)
class Inbox:
    url: str = ""
    count: int = 0


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> Inbox:
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return Inbox()
    try:
        url = reverse("reminders:notifications")
    except NoReverseMatch:
        return Inbox()
    try:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    except DatabaseError:  # the error page of a database that is down must still render
        count = 0
    return Inbox(url, count)

"""{% unread_notifications %}: the signed-in person's unread count, for the site's header.

One query per page, asked only where the header shows it.
"""

from django import template
from django.db import DatabaseError

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    try:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    except DatabaseError:  # the error page of a database that is down must still render
        return 0

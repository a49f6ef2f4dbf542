"""The notifications page: a person's reminders, newest first; mark one or all as read.

Each person sees and marks only their own; a notification of someone else's is
not found (404), the same as one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from crs.audit.access import log_access

from .models import Notification

SHOWN = 100  # the newest; older ones stay in the database and the case's record


@login_required
def notifications(request):
    mine = Notification.objects.filter(recipient=request.user)
    shown = list(mine.select_related("case")[:SHOWN])
    unread = sum(1 for n in shown if n.read_at is None)
    log_access(request, "view", shown=shown)
    return render(
        request,
        "reminders/notifications.html",
        {"notifications": shown, "unread": unread, "shown_max": SHOWN},
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    updated = Notification.objects.filter(
        pk=pk, recipient=request.user, read_at__isnull=True
    ).update(read_at=timezone.now())
    if not updated and not Notification.objects.filter(pk=pk, recipient=request.user).exists():
        raise Http404("No such notification.")
    return redirect("reminders:notifications")


@login_required
@require_POST
def mark_all_read(request):
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("reminders:notifications")

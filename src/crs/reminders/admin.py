"""Reminders in the Django admin, to look at only: how far each delivery got."""

from django.contrib import admin

from .models import Notification, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "due", "recipient", "delivered_at", "email_outcome")
    list_filter = ("kind", "email_outcome")
    search_fields = ("case__crime_reference", "recipient__username")
    list_select_related = ("case", "recipient")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "case", "created_at", "read_at")
    list_select_related = ("case", "recipient")

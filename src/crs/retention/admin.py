from django.contrib import admin

from .models import Erasure


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Read only: an erasure record is the force's account of a disposal."""

    list_display = ("at", "case_ref", "rule", "by_name", "on", "due_on")
    search_fields = ("case_ref", "by_name", "rule")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

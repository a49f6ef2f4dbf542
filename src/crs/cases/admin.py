"""The Django admin: read-mostly views of the record; changes go through the services."""

from django.contrib import admin

from .models import (
    NAMES,
    Assessment,
    Authorisation,
    Case,
    Contact,
    Person,
    RemedyAction,
    Signature,
    VictimView,
)


class ReadOnly(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PersonInline(ReadOnly):
    model = Person
    fields = ("role", *NAMES, "date_of_birth")


class AssessmentInline(ReadOnly):
    model = Assessment
    fields = ("decision", "policy", "policy_version", "assessed_on", "assessed_by", "created_at")


class AuthorisationInline(ReadOnly):
    model = Authorisation
    fields = ("authority", "paragraph", "decision", "given_by", "given_at", "voided_at")


class ActionInline(ReadOnly):
    model = RemedyAction
    fields = ("kind", "instant", "due_date", "status")


class ContactInline(ReadOnly):
    model = Contact
    fields = ("party", "purpose", "method", "outcome", "at", "made_by")


class VictimViewInline(ReadOnly):
    model = VictimView
    fields = ("asked_by", "asked_at", "method", "consents")


class SignatureInline(ReadOnly):
    model = Signature
    fields = ("party", "name", "signed_at")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("crime_reference", "offence_category", "offence_date", "state", "owner", "team")
    list_filter = ("state", "team", "offence_category")
    search_fields = ("crime_reference", "people__family_name", "people__given_name")
    list_select_related = ("owner", "team")
    inlines = [
        PersonInline,
        AssessmentInline,
        AuthorisationInline,
        ActionInline,
        VictimViewInline,
        ContactInline,
        SignatureInline,
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

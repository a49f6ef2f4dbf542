from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "crs.audit"
    label = "audit"
    verbose_name = "Audit trail"

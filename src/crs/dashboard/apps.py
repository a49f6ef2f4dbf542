from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.reminders"
    label = "reminders"
    verbose_name = "Reminders"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

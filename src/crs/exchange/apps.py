from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.exchange"
    label = "exchange"
    verbose_name = "Data exchange"
    default_auto_field = "django.db.models.BigAutoField"

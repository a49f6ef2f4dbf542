from django.apps import AppConfig


class Config(AppConfig):
    name = "crs.scrutiny"
    label = "scrutiny"
    verbose_name = "Scrutiny"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "crs.retention"
    label = "retention"
    verbose_name = "Retention and disposal"

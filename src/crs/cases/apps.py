from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "crs.cases"
    label = "cases"
    verbose_name = "Community Resolution cases"

from django.apps import AppConfig
from django.db.models.signals import pre_save

from .text import refuse_unstorable


class CasesConfig(AppConfig):
    name = "crs.cases"
    label = "cases"
    verbose_name = "Community Resolution cases"

    def ready(self):
        # Every record of a case, whichever door it came through (crs.cases.text).
        for model in self.get_models():
            pre_save.connect(refuse_unstorable, sender=model, dispatch_uid=f"text-{model}")

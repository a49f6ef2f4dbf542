from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crs.accounts"
    label = "accounts"
    verbose_name = "People and roles"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crs.accounts"
    label = "accounts"
    verbose_name = "People and roles"

    def ready(self):
        # AppConfig.ready: Django's place to register checks, once every app is loaded
        from . import checks  # noqa: F401 - registers the deployment checks

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crs.accounts"
    label = "accounts"
    verbose_name = "People and roles"

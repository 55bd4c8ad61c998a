from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dcfp.accounts"
    label = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from dcfp.accounts import checks, schema  # noqa: F401  (registers the system checks and the API scheme)

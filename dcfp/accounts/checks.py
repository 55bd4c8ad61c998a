"""System checks for the account security baseline."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def mfa_required_outside_demo(app_configs, **kwargs):
    """Multi-factor sign-in may be off only in demo mode, where the banner says so."""
    if not settings.MFA_REQUIRED and not settings.DEMO_MODE:
        return [
            Error(
                "Multi-factor sign-in is switched off outside demo mode.",
                hint="Set DCFP_MFA_REQUIRED=true (or run in demo mode, which shows a banner).",
                id="accounts.E001",
            )
        ]
    return []


@register(Tags.database)
def no_demo_superusers(app_configs, databases=None, **kwargs):
    """No demo account is a superuser (run with `manage.py check --database default`)."""
    if not databases:
        return []
    from django.db import connection

    from dcfp.models import User

    if User._meta.db_table not in connection.introspection.table_names():
        return []  # a new database: `migrate` runs this check before it creates the tables

    names = list(User.objects.filter(is_demo=True, is_superuser=True).values_list("email", flat=True)[:10])
    if names:
        return [
            Error(
                f"Demo accounts are superusers: {', '.join(names)}.",
                hint="Demo accounts must hold roles only; superuser status is for emergencies, never demos.",
                id="accounts.E002",
            )
        ]
    return []

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DcfpConfig(AppConfig):
    name = "dcfp"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from dcfp.roles import sync_roles_after_migrate

        # Role groups and their model permissions are reference data; they are brought in line after
        # every migrate so a new permission reaches its roles on the next deploy.
        post_migrate.connect(sync_roles_after_migrate, sender=self)

        from dcfp.dashboard import discover

        # Every app's dashboard.py registers its panels; the dashboard view reads the registry.
        discover()

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "dcfp.alerts"
    label = "alerts"
    verbose_name = "Messages and email"

    def ready(self) -> None:
        from dcfp.alerts.registry import discover

        # Every app's clocks.py registers its clocks; the sweep reads the registry.
        discover()

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "dcfp.alerts"
    label = "alerts"
    verbose_name = "Messages and email"

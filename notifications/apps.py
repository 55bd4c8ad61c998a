from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Serious incident notifications"

    def ready(self) -> None:
        from dcfp.copies.registry import register
        from notifications.models import Incident
        from notifications.pdf import render_executive_copy

        # Every notification is copied to the Executive: their read access is the copy rule.
        register(Incident, noun="notification", render_pdf=render_executive_copy)

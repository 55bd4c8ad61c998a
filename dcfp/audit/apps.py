from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dcfp.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from dcfp.audit import receivers

        # Signing in and out happens inside Django's own views, so its signals are the one place to
        # hear of it (the only signal receivers in the project).
        signals.user_logged_in.connect(receivers.signed_in, dispatch_uid="audit.signed_in")
        signals.user_logged_out.connect(receivers.signed_out, dispatch_uid="audit.signed_out")
        signals.user_login_failed.connect(receivers.sign_in_failed, dispatch_uid="audit.sign_in_failed")

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dcfp.audit"
    label = "audit"
    verbose_name = "Audit trail"

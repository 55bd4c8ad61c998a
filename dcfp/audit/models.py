"""Append-only, hash-chained audit events."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    class Category(models.TextChoices):
        CHANGE = "change", "Change"
        ACCESS = "access", "Access"
        AUTH = "auth", "Sign-in"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: people are deactivated, never deleted, so the trail always names them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    # The actor's organisation when they acted: people move between agencies, the trail must not.
    actor_organisation = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=16, choices=Category.choices)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"

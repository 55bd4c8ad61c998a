"""In-app messages, the email outbox, clock alerts and the sweep's heartbeat.

Messages and outbox rows are written in the caller's transaction; the outbox is sent after commit by
`dcfp.alerts.tasks.send_emails` (one task per batch) and `send_email` (retries and the relay), through
`services.email_send`, the only code that sends mail. An Alert row exists once per
(record, clock, kind): the unique constraint is what makes a clock alert fire exactly once, however many
sweeps run at the same time.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class MessageQuerySet(models.QuerySet):
    def unread(self) -> "MessageQuerySet":
        return self.filter(read_at__isnull=True)


class Message(models.Model):
    """A message in one person's message centre."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True, help_text="A path inside the service, e.g. /notifications/7/.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def safe_link(self) -> str:
        """The link only when it stays inside the service (a path, never another site or a script)."""
        return self.link if self.link.startswith("/") and not self.link.startswith("//") else ""


class OutboundEmail(models.Model):
    """One email to one address, kept until it is sent or has failed for good."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails"
    )
    to_address = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to_address}"


class Alert(models.Model):
    """A clock alert that has fired: at most one per record, clock and kind."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"  # a clock's early reminder (Clock.remind_days_before)
        DUE_SOON = "due_soon", "Due soon"
        DUE_TODAY = "due_today", "Due today"
        OVERDUE = "overdue", "Overdue"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    clock = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_on = models.DateField(help_text="The due date the alert was about.")
    created_at = models.DateTimeField(default=timezone.now)
    # Which sweep wrote the row: a sweep acts only on the rows that carry its own token, so a row another
    # sweep already wrote (the insert skipped it) is never acted on twice.
    sweep_token = models.UUIDField(null=True, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "clock", "kind"], name="one_alert_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.clock} {self.kind} for {self.content_type_id}:{self.object_id}"


class Heartbeat(models.Model):
    """When a periodic job last completed; the health check reads it."""

    name = models.CharField(max_length=64, unique=True)
    last_beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.last_beat_at:%Y-%m-%d %H:%M:%S}"

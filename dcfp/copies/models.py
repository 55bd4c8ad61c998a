"""A document copied to the Executive, and each member's own copy of it."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class CopiedDocument(models.Model):
    """One record that was copied to the Executive: what it is, why it was copied and what they were told.

    People who gain the executive role later get a copy of every document here."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reference = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, help_text="The message members were sent.")
    body = models.TextField()
    link = models.CharField(max_length=500, help_text="The record's page, a path inside the service.")
    copied_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, help_text="When the message last changed.")

    class Meta:
        ordering = ["copied_at", "id"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_copied_document")]

    def __str__(self) -> str:
        return self.reference


class Copy(models.Model):
    """One Executive member's copy of one document, and when they opened it (the record page or the PDF).

    `content_type` and `object_id` repeat the document's, so that the access rule is one lookup in the
    unique index (member, content_type, object_id)."""

    document = models.ForeignKey(CopiedDocument, on_delete=models.CASCADE, related_name="copies")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="copies")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    made_at = models.DateTimeField(default=timezone.now)
    before_joining = models.BooleanField(
        default=False, help_text="Copied to the Executive before this member joined it, and given to them on joining."
    )
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["made_at", "id"]
        verbose_name_plural = "copies"
        constraints = [
            models.UniqueConstraint(fields=["member", "content_type", "object_id"], name="copy_one_per_member")
        ]
        indexes = [
            # The member's copies not opened yet, oldest first (their dashboard panel).
            models.Index(
                fields=["member", "made_at", "id"],
                condition=models.Q(first_opened_at__isnull=True),
                name="copy_not_opened",
            ),
            models.Index(fields=["member", "-made_at", "-id"], name="copy_member_recent"),
            models.Index(fields=["content_type", "object_id"], name="copy_of_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document} for {self.member}"

    @property
    def is_opened(self) -> bool:
        return self.first_opened_at is not None

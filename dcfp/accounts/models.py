"""Sign-in state kept per person: the sessions they hold, the drafts kept when a session timed out, and
the names they gave their API tokens."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SessionRecord(models.Model):
    """A session a person signed in with, so that deactivating them can end every one at once.

    Django's session table has no user column; this one is written on the first request of each session.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_records")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Session of {self.user_id} from {self.created_at:%Y-%m-%d %H:%M}"


class Draft(models.Model):
    """What a person had typed into a form when their session ran out, kept for that person and page.

    `data` maps each field name to its list of values (as a QueryDict holds them). Passwords, one-time
    codes and CSRF tokens are never kept. A draft is taken (read and deleted) when the page restores it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    path = models.CharField(max_length=500)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="one_draft_per_person_and_page")]

    def __str__(self) -> str:
        return f"Draft of {self.path} for {self.user_id}"


class ApiTokenName(models.Model):
    """The name a person gave an API token (knox stores only its hash and first characters)."""

    token = models.OneToOneField("knox.AuthToken", on_delete=models.CASCADE, primary_key=True, related_name="label")
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name

"""Reads about people's accounts for the administrator: who has not yet set up their account, and whose
account is locked after too many failed sign-ins. Nothing here touches case records."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import QuerySet
from django.utils import timezone

from dcfp.models import User

SHOWN = 10  # rows a dashboard panel shows; the rest are a link away


def people_awaiting_set_up() -> QuerySet[User]:
    """Active people whose set-up link has not been used yet: their account has no usable password, so
    they cannot sign in. Those invited longest ago come first."""
    return (
        User.objects.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .select_related("organisation")
        .order_by("date_joined", "pk")
    )


@dataclass(frozen=True)
class Lockout:
    person: User
    failures: int
    last_attempt: datetime


def people_locked_out(*, now: datetime | None = None) -> list[Lockout]:
    """Accounts refused sign-in now: as many failed attempts as the limit, within the cool-off time.
    django-axes counts failures by the address as normalised (dcfp.accounts.lockout), which is how
    people are stored, so each lockout is matched to its person by that one form. At most SHOWN."""
    now = now or timezone.now()
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")[:SHOWN]
    by_email = {attempt.username: attempt for attempt in attempts}
    people = User.objects.filter(email__in=by_email).select_related("organisation")
    found = [
        Lockout(person=p, failures=by_email[p.email].failures_since_start, last_attempt=by_email[p.email].attempt_time)
        for p in people
    ]
    return sorted(found, key=lambda lockout: lockout.last_attempt, reverse=True)

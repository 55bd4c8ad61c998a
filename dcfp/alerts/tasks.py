"""Celery tasks for the outbox and the clock sweep: load by id, call a service."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from dcfp.alerts import services

logger = logging.getLogger(__name__)

# A freshly queued email has its own task; the relay only picks up rows that have waited this long.
RELAY_GRACE = timedelta(minutes=2)


@shared_task(bind=True, max_retries=services.EMAIL_MAX_ATTEMPTS, acks_late=True)
def send_email(self, email_id: int) -> str:
    """Send one outbox email (queued by the relay, or after a failed send in a batch); on failure retry at
    the back-off time the service recorded."""
    result = services.email_send(email_id=email_id)
    if result.retry_at is not None:
        countdown = max((result.retry_at - timezone.now()).total_seconds(), 0)
        raise self.retry(countdown=countdown)
    return result.status


@shared_task(acks_late=True)
def send_emails(email_ids: list[int]) -> dict[str, int]:
    """Send the outbox emails queued together, one after another. Each is sent at most once (the service
    locks its row and sends only a pending one), so a batch delivered twice, or again after a worker died
    half-way, sends nothing twice. An email whose send failed gets a task of its own at the back-off time
    the service recorded; one that cannot be tried now stays pending for the outbox relay."""
    outcome: dict[str, int] = {}
    for email_id in email_ids:
        try:
            result = services.email_send(email_id=email_id)
        except Exception:
            logger.exception("Outbound email %s could not be sent now; the outbox relay will retry", email_id)
            outcome["left for the relay"] = outcome.get("left for the relay", 0) + 1
            continue
        if result.retry_at is not None:
            countdown = max((result.retry_at - timezone.now()).total_seconds(), 0)
            send_email.apply_async(args=[email_id], countdown=countdown)
        outcome[result.status] = outcome.get(result.status, 0) + 1
    return outcome


@shared_task(acks_late=True)
def send_due_emails() -> int:
    """Re-queue pending emails whose next attempt time has passed (a lost task never loses an email)."""
    ids = services.emails_due(now=timezone.now() - RELAY_GRACE)
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)


@shared_task(acks_late=True)
def sweep() -> dict:
    """The clock sweep, run by beat every few minutes (see CELERY_BEAT_SCHEDULE)."""
    from dcfp.alerts.sweep import sweep as run_sweep

    report = run_sweep()
    return {"today": report.today.isoformat(), "alerts": report.alerts, "messages": report.messages}

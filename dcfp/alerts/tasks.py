"""Celery tasks for the outbox and the clock sweep: load by id, call a service."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from dcfp.alerts import services

# A freshly queued email has its own task; the relay only picks up rows that have waited this long.
RELAY_GRACE = timedelta(minutes=2)


@shared_task(bind=True, max_retries=services.EMAIL_MAX_ATTEMPTS, acks_late=True)
def send_email(self, email_id: int) -> str:
    """Send one outbox email; on failure retry at the back-off time the service recorded."""
    result = services.email_send(email_id=email_id)
    if result.retry_at is not None:
        countdown = max((result.retry_at - timezone.now()).total_seconds(), 0)
        raise self.retry(countdown=countdown)
    return result.status


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

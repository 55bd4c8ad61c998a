"""Writing messages and sending the email outbox.

`notify()` is how every part of the system tells people something: it writes in-app messages and outbox
rows in the caller's transaction and queues sending for after commit, so a rolled-back change never
sends an email and a committed one never loses it (the outbox row stays pending until sent).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from dcfp.alerts.models import Message, OutboundEmail
from dcfp.audit.services import record

logger = logging.getLogger(__name__)

EMAIL_MAX_ATTEMPTS = 6
EMAIL_RETRY_BASE_SECONDS = 60
EMAIL_RETRY_MAX_SECONDS = 3600
EMAIL_AUDIT_ACTOR = "system: email outbox"


def unique_active(recipients: Iterable) -> list:
    """The active people among `recipients`, each once, in order (who `notify()` tells)."""
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or not person.is_active or person.pk in seen:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def queue_email_sending(email_ids: Iterable[int]) -> None:
    """Queue one send task for these outbox rows (all the emails of one `notify_many`, such as one sweep
    batch) once the current transaction commits: one broker message per batch, not one per email."""
    ids = list(email_ids)
    if not ids:
        return

    def _queue() -> None:
        from dcfp.alerts.tasks import send_emails

        try:
            send_emails.delay(ids)
        except Exception:
            # The rows stay pending; the outbox relay (send_due_emails) picks them up later.
            logger.exception("Could not queue %s outbound emails; the outbox relay will retry", len(ids))

    transaction.on_commit(_queue)


@dataclass(frozen=True)
class Notice:
    recipients: Sequence
    subject: str
    body: str
    link: str = ""


@transaction.atomic
def notify(*, recipients: Iterable, subject: str, body: str, link: str = "", email: bool = True) -> list[Message]:
    """Tell each active recipient once: an in-app message, and (when `email`) an outbox email.

    Runs inside the caller's transaction; sending is queued for after commit. Duplicated and inactive
    recipients are skipped. Returns the messages written.
    """
    return notify_many([Notice(recipients=list(recipients), subject=subject, body=body, link=link)], email=email)


@transaction.atomic
def notify_many(notices: Iterable[Notice], *, email: bool = True) -> list[Message]:
    """`notify()` for many notices at once, in two inserts whatever their number (the sweep uses it)."""
    now = timezone.now()
    messages: list[Message] = []
    emails: list[OutboundEmail] = []
    for notice in notices:
        text = f"{notice.body}\n\n{_absolute(notice.link)}" if notice.link else notice.body
        for person in unique_active(notice.recipients):
            messages.append(
                Message(recipient=person, subject=notice.subject, body=notice.body, link=notice.link, created_at=now)
            )
            if email and person.email:
                emails.append(
                    OutboundEmail(
                        recipient=person,
                        to_address=person.email,
                        subject=notice.subject,
                        body=text,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
    messages = Message.objects.bulk_create(messages, batch_size=1000)
    if emails:
        emails = OutboundEmail.objects.bulk_create(emails, batch_size=1000)
        queue_email_sending(e.pk for e in emails)
    return messages


@transaction.atomic
def email_only(*, recipient, subject: str, body: str, link: str = "") -> OutboundEmail:
    """One outbox email to one person and no in-app message: for what they read before they can sign in
    (a set-up link). Sending is queued for after commit, as `notify()` does."""
    now = timezone.now()
    text = f"{body}\n\n{_absolute(link)}" if link else body
    email = OutboundEmail.objects.create(
        recipient=recipient,
        to_address=recipient.email,
        subject=subject,
        body=text,
        created_at=now,
        next_attempt_at=now,
    )
    queue_email_sending([email.pk])
    return email


def _absolute(link: str) -> str:
    """A path inside the service as a full address (DCFP_SITE_URL), since an email is read outside it."""
    base = settings.DCFP_SITE_URL.rstrip("/")
    return f"{base}{link}" if link.startswith("/") and not link.startswith("//") else link


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after `attempts` failures: 1, 2, 4, 8 ... minutes, at most an hour."""
    seconds = EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, EMAIL_RETRY_MAX_SECONDS))


@dataclass(frozen=True)
class SendResult:
    status: str
    retry_at: datetime | None = None


def email_send(*, email_id: int) -> SendResult:
    """Send one pending outbox email through Django's email backend, at most once.

    The row is locked while sending, so two workers given the same id never both send it; a row that
    is no longer pending is left alone. A failure records the error and the next attempt time with
    exponential back-off; after EMAIL_MAX_ATTEMPTS failures the email is marked failed.
    """
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutboundEmail.Status.PENDING:
            return SendResult(status=email.status if email else "missing")
        try:
            EmailMessage(
                subject=email.subject,
                body=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email.to_address],
            ).send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            now = timezone.now()
            email.attempts += 1
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= EMAIL_MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
                email.save(update_fields=["attempts", "last_error", "status"])
                logger.error("Outbound email %s failed for good after %s attempts", email.pk, email.attempts)
                _audit_email(email, error=email.last_error)
                return SendResult(status=email.status)
            email.next_attempt_at = now + retry_delay(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return SendResult(status=email.status, retry_at=email.next_attempt_at)
        email.attempts += 1
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        _audit_email(email)
        return SendResult(status=email.status)


def _audit_email(email: OutboundEmail, error: str = "") -> None:
    """The final outcome of one outbox email (sent, or failed for good) in the audit trail, in the send's
    transaction and after the SMTP conversation, so the chain lock is never held while talking to SMTP.
    Retries in between are kept on the outbox row only (attempts, last error, next attempt)."""
    detail: dict = {"recipient": email.recipient_id, "attempts": email.attempts}
    if error:
        detail["error"] = error
    record(
        actor=None, actor_label=EMAIL_AUDIT_ACTOR, action=f"alerts.email.{email.status}", target=email, detail=detail
    )


def emails_due(*, now: datetime, limit: int = 500) -> list[int]:
    """Pending outbox rows whose next attempt time has come (the relay's safety net for lost tasks)."""
    return list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def message_mark_read(*, message: Message) -> Message:
    """Mark a message read the first time its recipient opens it (later opens keep the first time)."""
    if message.read_at is None:
        now = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
        message.read_at = now
    return message

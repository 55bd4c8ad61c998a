from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from dcfp.alerts import services
from dcfp.alerts.models import Message, OutboundEmail
from dcfp.alerts.services import notify
from dcfp.alerts.tasks import send_due_emails, send_email


def email_events(email):
    from dcfp.audit.models import AuditEvent

    return list(AuditEvent.objects.filter(target_type="alerts.outboundemail", target_id=str(email.pk)))


def test_notify_writes_one_message_and_one_email_per_person(db, csprg, qa_chair, executive):
    executive.is_active = False
    executive.save()
    notify(recipients=[csprg, qa_chair, csprg, executive], subject="Due soon", body="A clock is due.", link="/x/")
    assert sorted(Message.objects.values_list("recipient__email", flat=True)) == [csprg.email, qa_chair.email]
    assert sorted(OutboundEmail.objects.values_list("to_address", flat=True)) == [csprg.email, qa_chair.email]
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"pending"}


def test_notify_without_email_writes_only_messages(db, csprg):
    notify(recipients=[csprg], subject="Hello", body="Body", email=False)
    assert Message.objects.count() == 1
    assert OutboundEmail.objects.count() == 0


def test_email_goes_out_through_the_backend_only_after_commit(
    db, csprg, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notify(recipients=[csprg], subject="Overdue: DCFP-2026-0001", body="The notification is overdue.")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [csprg.email]
    assert mail.outbox[0].subject == "Overdue: DCFP-2026-0001"
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1


def test_a_rolled_back_change_sends_nothing_and_keeps_nothing(
    db, csprg, eager_celery, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[csprg], subject="Never", body="Rolled back")
        raise RuntimeError("the caller's change failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Message.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_smtp_failures_back_off_exponentially_then_mark_the_email_failed(db, csprg, refused_smtp):
    notify(recipients=[csprg], subject="S", body="B")
    email = OutboundEmail.objects.get()
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(services.EMAIL_MAX_ATTEMPTS - 1):
            result = services.email_send(email_id=email.pk)
            email.refresh_from_db()
            assert email.status == OutboundEmail.Status.PENDING
            assert result.retry_at == email.next_attempt_at
            waits.append((email.next_attempt_at - timezone.now()).total_seconds())
            traveller.shift(email.next_attempt_at - timezone.now())
        services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert waits == [60, 120, 240, 480, 960]
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == services.EMAIL_MAX_ATTEMPTS
    assert "ConnectionRefusedError" in email.last_error
    assert mail.outbox == []
    (event,) = email_events(email)  # the final failure only, not each retry
    assert (event.action, event.actor, event.actor_label) == ("alerts.email.failed", None, "system: email outbox")
    assert event.changes["detail"]["recipient"] == csprg.pk
    assert event.changes["detail"]["attempts"] == services.EMAIL_MAX_ATTEMPTS
    assert "ConnectionRefusedError" in event.changes["detail"]["error"]


def test_the_send_task_retries_until_the_limit_when_smtp_keeps_failing(db, csprg, refused_smtp, eager_celery):
    email = OutboundEmail.objects.create(recipient=csprg, to_address=csprg.email, subject="S", body="B")
    # Eager execution re-runs each retry at once, without waiting for its countdown.
    eager_celery.conf.task_eager_propagates = False
    send_email.apply(args=[email.pk])
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == services.EMAIL_MAX_ATTEMPTS


def test_a_retry_after_smtp_recovers_sends_exactly_once(db, csprg, refused_smtp, eager_celery):
    email = OutboundEmail.objects.create(recipient=csprg, to_address=csprg.email, subject="S", body="B")
    services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("pending", 1)
    refused_smtp.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_email.apply(args=[email.pk])
    send_email.apply(args=[email.pk])  # a duplicate delivery of the same task sends nothing more
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1
    (event,) = email_events(email)  # once, though the task was delivered twice
    assert event.action == "alerts.email.sent"
    assert event.changes["detail"] == {"recipient": csprg.pk, "attempts": 2}


def test_the_outbox_relay_sends_pending_emails_whose_task_was_lost(db, csprg, eager_celery):
    old = timezone.now() - timedelta(minutes=10)
    lost = OutboundEmail.objects.create(
        recipient=csprg, to_address=csprg.email, subject="Lost", body="B", created_at=old, next_attempt_at=old
    )
    fresh = OutboundEmail.objects.create(recipient=csprg, to_address=csprg.email, subject="Fresh", body="B")
    later = OutboundEmail.objects.create(
        recipient=csprg,
        to_address=csprg.email,
        subject="Backing off",
        body="B",
        attempts=2,
        next_attempt_at=timezone.now() + timedelta(minutes=5),
    )
    assert send_due_emails.apply().get() == 1
    assert [m.subject for m in mail.outbox] == ["Lost"]
    statuses = dict(OutboundEmail.objects.values_list("pk", "status"))
    assert statuses == {lost.pk: "sent", fresh.pk: "pending", later.pk: "pending"}

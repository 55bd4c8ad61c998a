"""The sweep's emails: one send task per sweep batch, not one per email, and each email sent once even
when a batch is delivered twice."""

from collections import Counter
from datetime import date

import pytest
from django.core import mail

from dcfp.alerts import sweep as sweep_module
from dcfp.alerts import tasks
from dcfp.alerts.models import OutboundEmail
from tests.alerts.test_sweep import THU, at


@pytest.fixture
def queued(monkeypatch):
    """The send tasks queued, each as the list of outbox ids it carries, run at once in this process."""
    batches: list[list[int]] = []

    def delay(email_ids):
        batches.append(list(email_ids))
        return tasks.send_emails.apply(args=[email_ids])

    monkeypatch.setattr(tasks.send_emails, "delay", delay)
    return batches


def test_a_sweep_queues_one_send_task_per_batch_and_sends_each_email_once(
    csprg, qa_chair, executive, incidents, queued, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(sweep_module, "BATCH_SIZE", 4)
    # Ten overdue clocks: each tells the CSPRG, the QA chair and the Executive member.
    incidents([date(2026, 11, 24)] * 10)
    with at(THU), django_capture_on_commit_callbacks(execute=True):
        report = sweep_module.sweep()
    assert report.alerts["notification"] == 10
    assert [len(batch) for batch in queued] == [12, 12, 6]  # three batches of clocks, three people each
    emails = OutboundEmail.objects.all()
    assert sorted(id_ for batch in queued for id_ in batch) == sorted(emails.values_list("pk", flat=True))
    assert set(emails.values_list("status", flat=True)) == {OutboundEmail.Status.SENT}
    sent = Counter((message.to[0], message.subject) for message in mail.outbox)
    assert len(sent) == 30 and set(sent.values()) == {1}
    # A batch delivered again (a worker died before acknowledging it) sends nothing more.
    tasks.send_emails.apply(args=[queued[0]])
    assert len(mail.outbox) == 30
    # And the next sweep has nothing to send.
    with at(THU), django_capture_on_commit_callbacks(execute=True):
        sweep_module.sweep()
    assert len(queued) == 3 and len(mail.outbox) == 30


def test_an_email_that_cannot_be_sent_now_stays_pending_for_the_relay_and_the_rest_of_its_batch_go(
    csprg, qa_chair, executive, incidents, monkeypatch, eager_celery
):
    from dcfp.alerts import services

    incidents([date(2026, 11, 24)] * 2)
    with at(THU):
        sweep_module.sweep()
    first, *others = OutboundEmail.objects.order_by("pk").values_list("pk", flat=True)
    real_send = services.email_send
    retried: list[int] = []

    def flaky(*, email_id):
        if email_id == first and not retried:
            retried.append(email_id)
            raise ConnectionError("the database went away for a moment")
        return real_send(email_id=email_id)

    monkeypatch.setattr(services, "email_send", flaky)
    outcome = tasks.send_emails.apply(args=[[first, *others]]).get()
    assert outcome == {"sent": len(others), "left for the relay": 1}
    assert OutboundEmail.objects.get(pk=first).status == OutboundEmail.Status.PENDING
    assert OutboundEmail.objects.exclude(pk=first).filter(status=OutboundEmail.Status.SENT).count() == len(others)

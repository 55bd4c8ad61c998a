import pytest

from dcfp.celery import app as celery_app


@pytest.fixture
def eager_celery():
    """Run queued tasks in this process, as a worker would, for tests about what they do."""
    before = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield celery_app
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = before


@pytest.fixture
def refused_smtp(settings):
    """Email goes to an SMTP port nobody listens on, so every send fails with a real connection error."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return settings


def build_incidents(due_dates, *, created_by, status="draft", start=0):
    """Incidents whose notification clock is due on each of `due_dates`, written in one insert.

    The due date is set directly (rather than from the aware date) so a test can put a clock exactly
    where it needs it.
    """
    from datetime import timedelta

    from django.utils import timezone

    from notifications.models import Incident

    extra = {
        "withdrawn": {"withdrawn_reason": "Entered twice"},
        "not_notifiable": {"not_notifiable_rationale": "Criteria not met"},
        "notified": {"national_reference": "NCSPR-1", "submitted_at": timezone.now()},
    }.get(status, {})
    return Incident.objects.bulk_create(
        [
            Incident(
                reference=f"DCFP-T-{start + n:06d}",
                occurred_on=due_on - timedelta(days=10),
                aware_on=due_on - timedelta(days=7),
                nature=Incident.Nature.SERIOUS_HARM,
                abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
                summary="Test incident",
                status=status,
                notification_due_on=due_on,
                created_by=created_by,
                **extra,
            )
            for n, due_on in enumerate(due_dates)
        ],
        batch_size=2000,
    )


@pytest.fixture
def alerts_day(time_machine):
    """The day incidents are built on: noon on Thursday 26 November 2026 in England, frozen, so no test
    depends on the machine's date. A test that sweeps on other days travels from here; the worker tests
    override this with their own running clock."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)


@pytest.fixture
def incidents(csprg, alerts_day):
    return lambda due_dates, **kw: build_incidents(due_dates, created_by=csprg, **kw)


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own on a free port (the broker a worker test may stop or restart)."""
    from tests.alerts.test_sweep_worker import RedisServer

    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()

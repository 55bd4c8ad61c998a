"""The Celery application. Beat runs one instance, in UTC; its schedule lives in settings."""

import os

from celery import Celery
from celery.signals import beat_init

from dcfp import broker

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dcfp.settings.base")

broker.use_for_redis_urls()
app = Celery("dcfp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def sweep_when_beat_starts(sender=None, **kwargs):
    """Sweep the clocks as soon as beat (re)starts instead of one interval later: a restart after an
    outage catches up at once. Sweeps are idempotent, so an extra one is harmless."""
    app.send_task("dcfp.alerts.tasks.sweep")

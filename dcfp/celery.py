"""The Celery application. Beat runs one instance, in UTC; its schedule lives in settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dcfp.settings.base")

app = Celery("dcfp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

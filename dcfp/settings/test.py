"""Test settings: PostgreSQL and Redis, as production uses them."""

import os
from datetime import timedelta

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dcfp")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DCFP_DEMO_MODE", "false")

from dcfp.settings.base import *  # noqa: E402,F403
from dcfp.settings.base import TEMPLATES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses Argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# No beat runs during tests: a long session must not make /healthz wait for a first sweep. The heartbeat
# tests set this back to production's value.
DCFP_SWEEP_EXPECTED_AFTER = timedelta(days=7)
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = ""  # type: ignore[index]
# Uploads from tests go to a throwaway folder of this test process, never to var/.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="dcfp-test-uploads-")

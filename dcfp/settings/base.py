"""Settings shared by every run mode, configured from the environment.

With nothing set this is the embedded demo: SQLite in ./var, a filesystem Celery broker (no Redis),
console email and the demo banner. Setting DATABASE_URL and REDIS_URL switches to PostgreSQL and Redis,
as the tests and production do.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(environ.Env().str("DCFP_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="demo-only-insecure-key-never-used-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode: the embedded default for trying the system on a laptop. It shows a banner on every page.
DEMO_MODE = env.bool("DCFP_DEMO_MODE", default=not env.str("DATABASE_URL", default=""))

INSTALLED_APPS = [
    "dcfp.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "dcfp",
    "dcfp.accounts",
    "dcfp.audit",
    "dcfp.alerts",
    "dcfp.uploads",
    "dcfp.copies",
    "notifications",
    "rapid_reviews",
    "walkabouts",
    "thresholds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The client address for the audit trail, read by dcfp.audit.services.record (services take no request).
    "dcfp.audit.context.ClientAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Session time limits, multi-factor enforcement, session tracking and no-store on signed-in pages.
    "dcfp.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dcfp.urls"
WSGI_APPLICATION = "dcfp.wsgi.application"
AUTH_USER_MODEL = "dcfp.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dcfp.context_processors.service",
                "dcfp.accounts.context_processors.session_timeout",
                "dcfp.alerts.context_processors.unread_messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dcfp.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue at BEGIN, so the audit chain's read-then-append never interleaves (PostgreSQL uses an
    # advisory lock instead; see dcfp.audit.services.record).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a one-time set-up link (a new account's first password, or a reset) works.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    # Only GOV.UK Frontend's fonts and images; its script is copied to static_build by `npm run build`.
    ("govuk/assets", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets"),
    # The PDF typeface, loaded only by dcfp.pdf's fetcher from the app's own static files.
    ("fonts/arimo", BASE_DIR / "node_modules" / "@fontsource" / "arimo" / "files"),
    BASE_DIR / "static_build",
    BASE_DIR / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "uploads"))

# Redis is used for the Celery broker and the cache whenever REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    # An unacknowledged task (its worker died) is delivered again after this many seconds.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The filesystem transport lets the demo run a real worker and beat with no broker service.
    CELERY_BROKER_URL = "filesystem://"
    _queue = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Beat runs one instance, in UTC. Clocks are swept from the database (no ETA tasks for deadlines); the
# outbox relay re-queues any email whose task was lost. Each entry expires before the next is due, so a
# backlog after an outage does not pile up duplicate sweeps.
CELERY_BEAT_SCHEDULE: dict = {
    "clock-sweep": {"task": "dcfp.alerts.tasks.sweep", "schedule": 5 * 60, "options": {"expires": 4 * 60}},
    "email-outbox-relay": {"task": "dcfp.alerts.tasks.send_due_emails", "schedule": 60, "options": {"expires": 50}},
}
# /healthz fails when the last clock sweep is older than this, or when no sweep has run this long after
# installation (see dcfp/alerts/health.py).
DCFP_SWEEP_HEARTBEAT_MAX_AGE = timedelta(minutes=15)
DCFP_SWEEP_EXPECTED_AFTER = timedelta(minutes=15)

# Email: SMTP from EMAIL_URL in production; the console in demo mode.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="dcfp-safeguarding@localhost")
# Where the service is reached, for the links in emails (in-app messages keep paths inside the service).
# Unset, it is the address the demo serves: this machine, on the port the web server listens on.
DCFP_PORT = env.int("DCFP_PORT", default=8000)
DCFP_SITE_URL = env.str("DCFP_SITE_URL", default=f"http://127.0.0.1:{DCFP_PORT}").rstrip("/")

REST_FRAMEWORK = {
    # Token first, so an unauthenticated call is answered 401 with a WWW-Authenticate header. A session
    # counts only once its second factor is verified (when MFA_REQUIRED).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "dcfp.accounts.auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "dcfp.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "30/minute", "user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DCFP safeguarding review system API",
    "DESCRIPTION": "Serious incident notifications, reviews and quality assurance for a safeguarding partnership.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs are for signed-in people; Swagger UI is served from our own static files.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Choice sets that share a field name with another app's get their own schema names.
    "ENUM_NAME_OVERRIDES": {
        "Section11RatingEnum": "walkabouts.models.Rating",
        "Section11RouteEnum": "walkabouts.models.Assessment.Route",
        "Section11StatusEnum": "walkabouts.models.Assessment.Status",
        "SecureHomeRiskLevelEnum": "walkabouts.models.SecureHomeRiskAssessment.Level",
        "SecureHomeDecisionEnum": "walkabouts.models.SecureHomeRiskAssessment.Decision",
        "Section11ParticipantRoleEnum": "walkabouts.models.ParticipantRole",
    },
}
# API tokens: stored as hashes by knox; a person holds a few, each expiring.
KNOX_TOKEN_MODEL = "knox.AuthToken"
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=90),
    "TOKEN_LIMIT_PER_USER": 5,
    "AUTO_REFRESH": False,
}

# Object permissions: guardian's anonymous user is not needed (anonymous people see nothing).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Lockout: at most 10 failed sign-ins per account, counted over the cool-off window.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "dcfp.accounts.lockout.username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Lock by account, not by address: many staff of one council or trust share an outgoing address, and a
# lock by address would let one person's typos (or an attacker) shut out a whole organisation. axes.W006
# warns about exactly this choice, so it is silenced on purpose; rate limits by address belong at the
# reverse proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions: 30 minutes idle, 12 hours absolute (enforced by dcfp.accounts.middleware), with the timeout
# warning shown this long before the idle limit.
SESSION_IDLE_TIMEOUT = timedelta(seconds=env.int("DCFP_SESSION_IDLE_SECONDS", default=30 * 60))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_TIMEOUT_WARNING = timedelta(seconds=env.int("DCFP_SESSION_WARNING_SECONDS", default=2 * 60))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content security policy (django-csp 4): our own files only, scripts also by per-response nonce; no
# inline styles or scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Multi-factor authentication is required outside demo mode.
MFA_REQUIRED = env.bool("DCFP_MFA_REQUIRED", default=not DEMO_MODE)
# Nobody, administrators included, reads another person's authenticator key or QR code in the admin site.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = env.str("DCFP_PARTNERSHIP_NAME", default="Devon Children and Families Partnership")

# Local closure days (ISO dates) added to England and Wales bank holidays for working-day clocks.
DCFP_LOCAL_CLOSURE_DAYS = env.list("DCFP_LOCAL_CLOSURE_DAYS", default=[])
# Working days allowed at each stage of the case resolution protocol (stages 1 to 4), this partnership's
# choice: the defaults are a starting point, not taken from any partnership's published protocol.
DCFP_DISAGREEMENT_STAGE_DAYS = [int(d) for d in env.list("DCFP_DISAGREEMENT_STAGE_DAYS", default=["2", "5", "5", "10"])]

SERVICE_NAME = "Safeguarding reviews"
PARTNERSHIP_NAME = env.str("DCFP_PARTNERSHIP_NAME", default="Devon Children and Families Partnership")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # PDF rendering logs every layout step and font subset at INFO; only problems matter.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

for _folder in (VAR_DIR, *(VAR_DIR / "celery" / sub for sub in ("queue", "processed", "control"))):
    _folder.mkdir(parents=True, exist_ok=True)

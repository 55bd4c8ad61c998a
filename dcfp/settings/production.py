"""Production settings: everything from the environment, and refusal to start when unsafe."""

from django.core.exceptions import ImproperlyConfigured

from dcfp.settings.base import *  # noqa: F403
from dcfp.settings.base import SECRET_KEY, env

DEBUG = False
DEMO_MODE = False
MFA_REQUIRED = True

if not SECRET_KEY or SECRET_KEY.startswith("demo-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
if not env.bool("DCFP_MFA_REQUIRED", default=True):
    raise ImproperlyConfigured("Multi-factor authentication cannot be switched off in production.")
if not env.str("DCFP_SITE_URL", default="").startswith(("https://", "http://")):
    raise ImproperlyConfigured("DCFP_SITE_URL must be set to the service's address, e.g. https://reviews.example.org.")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

"""Account security on every request: session time limits, session tracking, the second factor, and
no caching of signed-in pages.

Runs after authentication, django-otp and messages, as `process_view`, so that Django's CSRF check has
already passed before anything typed into a form is kept as a draft.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from dcfp.accounts import drafts, services

STARTED = "_dcfp_session_started"
LAST_SEEN = "_dcfp_last_seen"
TRACKED = "_dcfp_tracked_key"
# A form the timeout warning submits when time runs out carries this field: it is kept, never acted on.
TIMEOUT_FIELD = "_dcfp_timeout"

# Paths open without signing in. /api/ is left to DRF, whose authentication classes check the second
# factor themselves (dcfp.accounts.auth) and answer 401/403 rather than redirecting.
PUBLIC_PREFIXES = ("/sign-in/", "/set-up/", "/healthz", "/static/", "/api/v1/", "/api/schema/", "/levels-of-need/")
# Paths a person who passed the password but not yet the second factor may open.
SECOND_FACTOR_PREFIXES = ("/account/mfa/", "/sign-out/")


def _path_starts(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path.startswith(p) for p in prefixes)


def stamp_session(request) -> None:
    """Start the clocks of a freshly signed-in session."""
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


def seconds_left(request, now: float | None = None) -> int:
    """Seconds before this session ends: the nearer of the idle and the absolute limit."""
    now = time.time() if now is None else now
    started = request.session.get(STARTED, now)
    last_seen = request.session.get(LAST_SEEN, now)
    idle_left = settings.SESSION_IDLE_TIMEOUT.total_seconds() - (now - last_seen)
    absolute_left = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() - (now - started)
    return max(0, int(min(idle_left, absolute_left)))


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # API calls signed with a token look anonymous here (DRF authenticates them later), so every API
        # response counts as personal.
        if (user is not None and user.is_authenticated) or request.path_info.startswith("/api/"):
            # Pages shown to a signed-in person may name children: never keep them in any cache.
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        path = request.path_info
        if _path_starts(path, ("/static/", "/healthz")):
            return None
        user = request.user
        if not user.is_authenticated:
            if _path_starts(path, PUBLIC_PREFIXES):
                return None
            # Every other page, the admin site's own sign-in page included, needs our sign-in.
            return redirect_to_login(request.get_full_path())

        now = time.time()
        session = request.session
        if STARTED not in session:
            session[STARTED] = now
            session[LAST_SEEN] = now
        if seconds_left(request, now) <= 0:
            return self._timed_out(request, now)
        if request.method == "POST" and not path.startswith("/api/") and TIMEOUT_FIELD in request.POST:
            # The warning ran out in this tab while another tab kept the session alive: keep what was
            # typed and show the page again, rather than acting on a form nobody submitted.
            drafts.keep(request)
            return redirect(request.get_full_path())
        session[LAST_SEEN] = now
        if session.session_key and session.get(TRACKED) != session.session_key:
            services.session_track(user=user, session_key=session.session_key)
            session[TRACKED] = session.session_key

        if settings.MFA_REQUIRED and not user.is_verified():
            if _path_starts(path, SECOND_FACTOR_PREFIXES) or _path_starts(path, PUBLIC_PREFIXES):
                return None
            target = "mfa-verify" if services.has_confirmed_device(user) else "mfa-setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return None

    def _timed_out(self, request, now: float) -> object:
        session = request.session
        absolute = now - session.get(STARTED, now) >= settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
        kept = request.method == "POST" and not request.path_info.startswith("/sign-out/") and drafts.keep(request)
        next_path = request.path_info if request.method == "POST" else request.get_full_path()
        logout(request)
        if absolute:
            hours = int(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 3600)
            text = f"You were signed out because you had been signed in for {hours} hours."
        else:
            minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
            text = f"You were signed out because you had not done anything for {minutes} minutes."
        if kept:
            text += " We kept what you had typed: sign in again to carry on."
        else:
            text += " Sign in again to carry on."
        if request.path_info.startswith("/api/"):
            return None
        messages.info(request, text)
        return redirect_to_login(next_path)

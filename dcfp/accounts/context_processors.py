from django.conf import settings

from dcfp.accounts.middleware import seconds_left


def session_timeout(request):
    """How long the signed-in person's session has left, for the timeout warning."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {"session_seconds_left": None}
    return {
        "session_seconds_left": seconds_left(request),
        "session_warning_seconds": int(settings.SESSION_TIMEOUT_WARNING.total_seconds()),
    }

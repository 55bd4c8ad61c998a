"""DRF authentication: a browser session counts only once its second factor is verified."""

from django.conf import settings
from rest_framework.authentication import SessionAuthentication


class VerifiedSessionAuthentication(SessionAuthentication):
    """Session authentication that ignores a session still waiting for its second factor
    (when MFA_REQUIRED), so the API is no way round multi-factor sign-in.

    Token authentication needs no such check: tokens are made on the account page, by a verified person.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or not settings.MFA_REQUIRED:
            return result
        user = request._request.user
        if not getattr(user, "is_verified", lambda: False)():
            return None
        return result

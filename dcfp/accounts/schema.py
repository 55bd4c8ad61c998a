"""OpenAPI description of our session authentication (the same cookie session as DRF's)."""

from drf_spectacular.authentication import SessionScheme


class VerifiedSessionScheme(SessionScheme):
    target_class = "dcfp.accounts.auth.VerifiedSessionAuthentication"

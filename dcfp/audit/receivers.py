"""Sign-in, sign-out and failed sign-in events, from Django's own authentication signals.

Failed attempts record the address that was typed, never the password (Django hands receivers the
credentials with secrets already masked, and only the username is read here).
"""

from typing import Any

from dcfp.audit.models import AuditEvent
from dcfp.audit.services import record
from dcfp.models import User

_ATTEMPTED_KEYS = ("username", "email")


def signed_in(sender: Any, user: User | None = None, **kwargs: Any) -> None:
    record(actor=user, action="auth.sign_in", category=AuditEvent.Category.AUTH)


def signed_out(sender: Any, user: User | None = None, **kwargs: Any) -> None:
    if user is None:  # signing out when not signed in
        return
    record(actor=user, action="auth.sign_out", category=AuditEvent.Category.AUTH)


def sign_in_failed(sender: Any, credentials: dict[str, Any] | None = None, **kwargs: Any) -> None:
    credentials = credentials or {}
    attempted = next((str(credentials[k]) for k in _ATTEMPTED_KEYS if credentials.get(k)), "")[:254]
    record(
        actor=None,
        actor_label=attempted,
        action="auth.sign_in_failed",
        category=AuditEvent.Category.AUTH,
        detail={"attempted_email": attempted},
    )

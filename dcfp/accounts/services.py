"""Writes about a person's sign-in: second-factor devices, recovery codes, sessions and API tokens.

Every change is audited in the same transaction. Secrets (TOTP keys, recovery codes, API tokens) never
reach the audit trail.
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from knox.settings import knox_settings

from dcfp.accounts.models import ApiTokenName, SessionRecord
from dcfp.audit.services import record

RECOVERY_CODE_COUNT = 10
# Set-up links one account may be sent within the lockout cool-off (AXES_COOLOFF_TIME); more are not sent.
SETUP_LINKS_PER_COOL_OFF = 3
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Sessions ------------------------------------------------------------------------------------------


def session_track(*, user, session_key: str) -> None:
    """Remember that `user` holds `session_key`; forget their records older than any session can live."""
    SessionRecord.objects.get_or_create(session_key=session_key, defaults={"user": user})
    oldest = timezone.now() - settings.SESSION_ABSOLUTE_TIMEOUT - timedelta(days=1)
    SessionRecord.objects.filter(user=user, created_at__lt=oldest).delete()


def sessions_end(*, user) -> int:
    """End every session `user` holds, at once, whatever the session store. Returns how many were held."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(SessionRecord.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SessionRecord.objects.filter(user=user).delete()
    return len(keys)


# Passwords: one-time set-up links ----------------------------------------------------------------


def setup_path(user) -> str:
    """The path of a one-time link with which `user` sets their own password. Django's token generator
    signs it with the account's current password hash and last sign-in, so it stops working once used,
    once the password changes otherwise, and after PASSWORD_RESET_TIMEOUT."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("setup-password", kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)})


def _links_sent_recently(user) -> int:
    from dcfp.audit.models import AuditEvent

    return AuditEvent.objects.filter(
        action="person.setup_link_sent",
        target_type=user._meta.label_lower,
        target_id=str(user.pk),
        at__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).count()


@transaction.atomic
def setup_link_send(*, user, actor=None) -> bool:
    """Email a person a one-time link to set their own password: how a new account gets its first
    password (sent by an administrator, `actor`) and how anyone resets a forgotten one (`actor` None).

    Nobody else ever sets or sees the password. Throttled like lockout: at most SETUP_LINKS_PER_COOL_OFF
    links per account within the cool-off, and never to a deactivated account. Returns whether it sent.
    """
    if not user.is_active or _links_sent_recently(user) >= SETUP_LINKS_PER_COOL_OFF:
        return False
    from dcfp.alerts.services import email_only

    email_only(
        recipient=user,
        subject="Set your password for the safeguarding reviews service",
        body=(
            f"Use this link to set your password for {settings.PARTNERSHIP_NAME}'s safeguarding reviews "
            "service. It works once. If you did not ask for it, you can ignore this email: your password "
            "stays as it is."
        ),
        link=setup_path(user),
    )
    record(
        actor=actor,
        actor_label="" if actor else "system: set-up link request",
        action="person.setup_link_sent",
        target=user,
    )
    return True


def setup_link_request(*, email: str) -> None:
    """Someone asks for a set-up link for an address. It goes to that address only, and only if it names
    an active account; the person asking is told the same whatever happened."""
    from dcfp.models import User, normalise_email

    user = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if user is not None:
        setup_link_send(user=user)


@transaction.atomic
def password_set_by_link(*, user, password: str) -> None:
    """A person sets their own password through a set-up link (the caller checked the link and the
    password rules). Every session they held ends: a reset must lock out whoever knew the old one."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ended = sessions_end(user=user)
    record(actor=user, action="person.password_set", target=user, detail={"sessions_ended": ended})


# Second factor ------------------------------------------------------------------------------------


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The unconfirmed authenticator-app device a person is setting up (made on first call).

    Only for people with no confirmed device: replacing a device needs an administrator's reset, so a
    password alone can never add a second factor to someone else's account.
    """
    if has_confirmed_device(user):
        raise ValidationError("This account already has an authenticator app.")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def mfa_enrol(*, user, device: TOTPDevice) -> list[str]:
    """Confirm the authenticator app a person just proved they hold (the caller checked a code from
    it) and give them a fresh set of single-use recovery codes, returned to be shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError("This authenticator app cannot be set up now.")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _new_recovery_codes(user)
    record(actor=user, action="mfa.enrolled", target=user, detail={"device": device.name})
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Replace a person's recovery codes; the old ones stop working at once. Returns the new ones."""
    if not has_confirmed_device(user):
        raise ValidationError("Set up an authenticator app before making recovery codes.")
    codes = _new_recovery_codes(user)
    record(actor=user, action="mfa.recovery_codes_regenerated", target=user)
    return codes


@transaction.atomic
def mfa_reset(*, user, actor) -> None:
    """An administrator removes a person's authenticator app and recovery codes (a lost phone).

    Their sessions end too; at their next sign-in they set up a new app.
    """
    removed = TOTPDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    ended = sessions_end(user=user)
    record(
        actor=actor,
        action="mfa.reset",
        target=user,
        detail={"devices_removed": removed, "sessions_ended": ended},
    )


# API tokens -----------------------------------------------------------------------------------------


def api_tokens_of(user):
    """A person's unexpired API tokens, newest first."""
    return (
        AuthToken.objects.filter(user=user)
        .exclude(expiry__lt=timezone.now())
        .select_related("label")
        .order_by("-created")
    )


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[AuthToken, str]:
    """Make an API token for `user`. Only its hash is stored: the token itself is returned to be shown once."""
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and api_tokens_of(user).count() >= limit:
        raise ValidationError(f"You can have at most {limit} API tokens. Revoke one you no longer use first.")
    instance, token = AuthToken.objects.create(user=user)
    ApiTokenName.objects.create(token=instance, name=name)
    record(
        actor=user,
        action="api_token.created",
        target=user,
        detail={"token_starts": instance.token_key[:8], "name": name, "expiry": instance.expiry},
    )
    return instance, token


@transaction.atomic
def api_token_revoke(*, user, token: AuthToken, actor=None) -> None:
    """Revoke one token of `user`; it stops working at once."""
    if token.user_id != user.pk:
        raise ValidationError("That token belongs to someone else.")
    detail = {"token_starts": token.token_key[:8], "name": getattr(getattr(token, "label", None), "name", "")}
    token.delete()
    record(actor=actor or user, action="api_token.revoked", target=user, detail=detail)


def api_tokens_revoke_all(*, user) -> int:
    tokens = AuthToken.objects.filter(user=user)
    count = tokens.count()
    tokens.delete()
    return count

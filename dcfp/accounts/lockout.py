"""How django-axes names the account a sign-in attempt is for."""

from dcfp.models import normalise_email

EMAIL_MAX = 254


def username(request, credentials: dict | None = None) -> str:
    """The email in the one form accounts are stored and found by (`normalise_email`), so that every
    spelling of one address ("Sam@Example.org ", "ＳＡＭ@example.org") shares one failure count and no
    spelling buys an attacker more guesses."""
    if credentials:
        value = credentials.get("username") or ""
    else:
        value = request.POST.get("username", "") if request is not None else ""
    # No address is longer than 254 characters (RFC 5321), and django-axes stores this in 255: a longer
    # string typed into the box would otherwise fail to be counted, with a server error.
    return normalise_email(str(value))[:EMAIL_MAX]

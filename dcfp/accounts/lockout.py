"""How django-axes names the account a sign-in attempt is for."""


def username(request, credentials: dict | None = None) -> str:
    """The email as the sign-in form finds the account: trimmed and in lower case (accounts are matched
    case-insensitively), so "Sam@Example.org " and "sam@example.org" share one failure count and case
    variants cannot buy an attacker more guesses."""
    if credentials:
        value = credentials.get("username") or ""
    else:
        value = request.POST.get("username", "") if request is not None else ""
    return str(value).strip().lower()

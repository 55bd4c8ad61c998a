"""A person's own account: sign-in steps, recovery codes, API tokens, the keep-alive and /api/v1/me/.

Everything here is about the person asking, so every persona gets the same answer; someone else's API
token is 404. The matrix signs personas in with both factors, so the second-factor pages send them on.
"""

from knox.models import AuthToken

from tests.authz.matrix import Entry, expect, signed_in_only


def _caseys_token(ctx):
    return ctx.once("token", lambda: AuthToken.objects.create(ctx.csprg)[0])


ROUTES = [
    Entry("account", expect=signed_in_only(200)),
    Entry(
        "account",
        methods=("POST",),
        data=lambda ctx: {"name": "Reporting script"},
        expect=signed_in_only(200),
        why="Makes the person's own API token and shows it once.",
    ),
    Entry(
        "mfa-setup",
        methods=("GET", "POST"),
        expect=expect(302),
        why="Set-up is only for people with no authenticator; the rest are sent on, anonymous people to sign in.",
    ),
    Entry(
        "mfa-verify",
        methods=("GET", "POST"),
        expect=expect(302),
        why="Already verified people are sent on; anonymous people to sign in.",
    ),
    Entry("recovery-codes-regenerate", expect=expect(405, anonymous=302)),
    Entry("recovery-codes-regenerate", methods=("POST",), expect=signed_in_only(200)),
    Entry(
        "api-token-revoke",
        kwargs=lambda ctx: {"token_key": _caseys_token(ctx).token_key},
        expect=expect(405, anonymous=302),
    ),
    Entry(
        "api-token-revoke",
        methods=("POST",),
        kwargs=lambda ctx: {"token_key": _caseys_token(ctx).token_key},
        expect=expect(404, anonymous=302, csprg=302),
        why="Only the token's owner can revoke it (then back to the account page); for anyone else it does not exist.",
    ),
    Entry("keep-alive", expect=expect(405, anonymous=302)),
    Entry("keep-alive", methods=("POST",), expect=signed_in_only(200)),
    Entry("api:me", expect=expect(200, anonymous=401)),
    # Set-up links: open to everyone, and about the address typed or the link followed, never the asker.
    Entry("setup-request", expect=expect(200)),
    Entry(
        "setup-request",
        methods=("POST",),
        data=lambda ctx: {"email": "nobody@example.org"},
        expect=expect(302),
        why="Everyone is sent to 'check your email', whether or not the address has an account.",
    ),
    Entry("setup-sent", expect=expect(200)),
    Entry("setup-done", expect=expect(200)),
    Entry(
        "setup-password",
        methods=("GET", "POST"),
        kwargs=lambda ctx: {"uidb64": "MQ", "token": "not-a-real-token"},
        expect=expect(200),
        why="A link that is not valid shows 'This link does not work' and changes nothing.",
    ),
]

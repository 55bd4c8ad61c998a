"""The partnership core's routes: dashboard, health check, sign-in and sign-out, API schema and docs."""

from tests.authz.matrix import Entry, expect, signed_in_only

ROUTES = [
    Entry("dashboard", expect=signed_in_only(200)),
    Entry("healthz", expect=expect(200), why="Load balancers ask without signing in; it names states only."),
    Entry("login", expect=expect(200)),
    Entry(
        "login",
        methods=("POST",),
        data=lambda ctx: {"username": "nobody@example.org", "password": "not-the-password"},
        expect=expect(200),
        why="A wrong password shows the form again with an error, for anyone.",
    ),
    Entry(
        "logout",
        expect=expect(405, anonymous=302),
        why="Signing out is a POST, so no link can sign a person out; anonymous people are sent to sign in.",
    ),
    Entry("logout", methods=("POST",), expect=expect(302)),
    Entry("api-schema", expect=expect(200, anonymous=401)),
    Entry("api-docs", expect=expect(200, anonymous=302)),
]

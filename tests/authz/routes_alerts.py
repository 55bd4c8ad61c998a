"""Messages and emails: everyone signed in has their own; another person's message answers 404."""

from dcfp.alerts.models import Message
from tests.authz.matrix import Entry, expect, signed_in_only


def _casey_message(ctx):
    return ctx.once("message", lambda: Message.objects.create(recipient=ctx.csprg, subject="For Casey", body="B"))


ROUTES = [
    Entry("alerts:message_list", expect=signed_in_only(200)),
    Entry(
        "alerts:message_list",
        methods=("POST",),
        expect=expect(405, anonymous=302),
        why="Read-only.",
    ),
    Entry(
        "alerts:message_detail",
        kwargs=lambda ctx: {"pk": _casey_message(ctx).pk},
        expect=expect(404, anonymous=302, csprg=200),
        why="Only the recipient opens a message; for everyone else it does not exist.",
    ),
    Entry(
        "alerts:message_detail",
        methods=("POST",),
        kwargs=lambda ctx: {"pk": _casey_message(ctx).pk},
        expect=expect(405, anonymous=302),
        why="Read-only; opening with GET marks it read.",
    ),
    Entry("alerts:email_list", expect=signed_in_only(200)),
    Entry("alerts:email_list", methods=("POST",), expect=expect(405, anonymous=302), why="Read-only."),
]

"""Reads of messages and emails: each person sees only their own."""

from dataclasses import dataclass

from django.db.models import QuerySet, Subquery

from dcfp.alerts.models import Message, OutboundEmail

UNREAD_CAP = 1000


def messages_for(user) -> QuerySet[Message]:
    """The person's own messages, newest first; nobody else's, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return Message.objects.none()
    return Message.objects.filter(recipient=user)


def emails_for(user) -> QuerySet[OutboundEmail]:
    """The emails the service sent (or is trying to send) to the person, newest first."""
    if not getattr(user, "is_authenticated", False):
        return OutboundEmail.objects.none()
    return OutboundEmail.objects.filter(recipient=user)


def unread_count(user) -> int:
    """How many of the person's messages are unread, counted up to UNREAD_CAP + 1 (pages say "more than
    UNREAD_CAP"): one query reading at most that many index entries, however full the mailbox."""
    return messages_for(user).filter(read_at__isnull=True).order_by()[: UNREAD_CAP + 1].count()


def unread_text(count: int) -> str:
    """A bounded unread count in words: "7" or "more than 1,000"."""
    return f"more than {UNREAD_CAP:,}" if count > UNREAD_CAP else f"{count:,}"


@dataclass
class KeysetPage:
    """One page of a person's messages or emails: its rows, newest first, and where the older ones start
    (the `before` of the next page, None on the last page). `first` is True on the newest page."""

    rows: list
    older: int | None
    first: bool


def _keyset_page(mine: QuerySet, *, before: str | None, size: int) -> KeysetPage:
    """`size` of the person's own rows (`mine`) newest first, from just before the row `before` (an id
    from the previous page's `older`) or from the newest. One query reading `size + 1` rows from the
    (recipient, created_at) index whichever page it is; nothing counts them. An id that is not one of
    the person's rows gives an empty page."""
    rows = mine.order_by("-created_at", "-id")
    first = True
    if before and before.isascii() and before.isdigit():
        first = False
        moment = Subquery(mine.order_by().filter(pk=int(before)).values("created_at")[:1])
        # At or before that moment (the index's range), and among rows of the same moment, lower ids.
        rows = rows.filter(created_at__lte=moment).exclude(created_at=moment, id__gte=int(before))
    page = list(rows[: size + 1])
    older = page[size - 1].pk if len(page) > size else None
    return KeysetPage(rows=page[:size], older=older, first=first)


def message_page(user, *, before: str | None = None, size: int = 25) -> KeysetPage:
    """The person's messages newest first, `size` at a time (keyset paging, see `_keyset_page`)."""
    return _keyset_page(messages_for(user), before=before, size=size)


def email_page(user, *, before: str | None = None, size: int = 25) -> KeysetPage:
    """The emails sent to the person newest first, `size` at a time, with only what the list shows
    (keyset paging, see `_keyset_page`: no page counts them)."""
    mine = emails_for(user).only(
        "id", "subject", "to_address", "status", "created_at", "sent_at", "attempts", "next_attempt_at"
    )
    return _keyset_page(mine, before=before, size=size)

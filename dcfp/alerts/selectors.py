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
class MessagePage:
    """One page of the message centre: its rows, newest first, and where the older ones start (the
    `before` of the next page, None on the last page). `first` is True on the newest page."""

    rows: list[Message]
    older: int | None
    first: bool


def message_page(user, *, before: str | None = None, size: int = 25) -> MessagePage:
    """The person's messages newest first, `size` at a time, from just before the message `before` (an id
    from the previous page's `older`) or from the newest. Keyset paging: one query that reads `size + 1`
    rows from the index on (recipient, created_at), whichever page it is and however full the mailbox;
    nothing counts the mailbox. An id that is not one of the person's messages gives an empty page."""
    rows = messages_for(user).order_by("-created_at", "-id")
    first = True
    if before and before.isascii() and before.isdigit():
        first = False
        moment = Subquery(Message.objects.filter(pk=int(before), recipient=user).values("created_at")[:1])
        # At or before that moment (the index's range), and among messages of the same moment, lower ids.
        rows = rows.filter(created_at__lte=moment).exclude(created_at=moment, id__gte=int(before))
    page = list(rows[: size + 1])
    older = page[size - 1].pk if len(page) > size else None
    return MessagePage(rows=page[:size], older=older, first=first)

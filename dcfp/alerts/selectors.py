"""Reads of messages and emails: each person sees only their own."""

from django.db.models import QuerySet

from dcfp.alerts.models import Message, OutboundEmail


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
    return messages_for(user).filter(read_at__isnull=True).count()

from dcfp.alerts.selectors import unread_count


def unread_messages(request):
    """The signed-in person's unread message count, for the header. One query, only when signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_message_count": 0}
    return {"unread_message_count": unread_count(user)}

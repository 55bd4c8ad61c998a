from dcfp.alerts import selectors


def unread_messages(request):
    """The signed-in person's unread message count, for the header, bounded (more than UNREAD_CAP shows as
    "UNREAD_CAP+"), and in words for the dashboard's panel. One query, only when signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_message_count": 0}
    count = selectors.unread_count(user)
    badge = f"{selectors.UNREAD_CAP:,}+" if count > selectors.UNREAD_CAP else str(count)
    return {
        "unread_message_count": count,
        "unread_message_badge": badge,
        "unread_message_text": selectors.unread_text(count),
    }

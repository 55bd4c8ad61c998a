"""Dashboard panel for everyone: how many unread messages wait in the message centre."""

from datetime import date

from dcfp.alerts.selectors import unread_count, unread_text
from dcfp.dashboard import Panel, register


def message_panels(user, today: date) -> list[Panel]:
    unread = unread_count(user)
    return [
        Panel(
            title="Messages",
            template="alerts/dashboard/messages.html",
            context={"unread": unread, "unread_text": unread_text(unread)},
        )
    ]


register("alerts.messages", message_panels, order=900)

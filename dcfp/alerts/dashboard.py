"""Dashboard panel for everyone: how many unread messages wait in the message centre."""

from datetime import date

from dcfp.alerts.selectors import unread_count
from dcfp.dashboard import Panel, register


def message_panels(user, today: date) -> list[Panel]:
    return [Panel(title="Messages", template="alerts/dashboard/messages.html", context={"unread": unread_count(user)})]


register("alerts.messages", message_panels, order=900)

"""Dashboard panel for everyone: how many unread messages wait in the message centre.

The panel counts nothing itself: it shows the count the page header already made
(`dcfp.alerts.context_processors.unread_messages`), so the dashboard counts unread messages once."""

from datetime import date

from dcfp.dashboard import Panel, register


def message_panels(user, today: date) -> list[Panel]:
    return [Panel(title="Messages", template="alerts/dashboard/messages.html")]


register("alerts.messages", message_panels, order=900)

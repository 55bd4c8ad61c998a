"""Dashboard panel for Executive members: the copies sent to them that they have not opened, the oldest
few with a link to the full list. Nobody else gets a panel from here."""

from datetime import date

from dcfp.copies import selectors
from dcfp.dashboard import Panel, register
from dcfp.roles import Role, has_role


def copy_panels(user, today: date) -> list[Panel]:
    if not has_role(user, Role.EXECUTIVE):
        return []
    copies, total = selectors.copies_not_opened(user)
    return [
        Panel(
            title="Copies you have not opened",
            template="copies/dashboard/not_opened.html",
            context={"copies": copies, "total": total, "cap": selectors.COUNT_CAP},
        )
    ]


register("copies", copy_panels, order=15)

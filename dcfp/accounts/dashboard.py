"""Dashboard panel for the system administrator: people who cannot sign in yet (a set-up link not used)
or now (locked out after failed attempts), each with a link to their record in the admin site, where a
new set-up link is sent. Nobody else gets a panel from here, and it shows no case content."""

from datetime import date

from dcfp.accounts import selectors
from dcfp.dashboard import Panel, register
from dcfp.roles import Role, has_role


def account_panels(user, today: date) -> list[Panel]:
    if not has_role(user, Role.ADMIN):
        return []
    waiting = selectors.people_awaiting_set_up()
    return [
        Panel(
            title="People who cannot sign in",
            template="accounts/dashboard/people.html",
            context={
                "waiting": list(waiting[: selectors.SHOWN]),
                "waiting_total": waiting.count(),
                "locked": selectors.people_locked_out(),
                "shown": selectors.SHOWN,
            },
        )
    ]


register("accounts", account_panels, order=5)

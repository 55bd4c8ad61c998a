"""Dashboard panels for serious incident notifications, by role, built from notifications.selectors.

- CSPRG: drafts to finish (returned ones flagged), notification clocks due soon, due today or overdue,
  and agreed notifications still to be recorded as notified, whatever their due date.
- QA chair and partner representatives: notifications awaiting my agreement, and those waiting for
  someone else's decision, with their clocks and whom they wait for.
- CSPRG: agencies' referrals still to decide.
- Agency leads and practitioners: my referrals to the CSPRG and what became of them.
Executive members' copies not opened are a panel of dcfp.copies, shared by every copied document.
Anyone else (other agencies, administrators) gets no panel from here.
"""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from dcfp import dashboard, deadlines
from dcfp.dashboard import PANEL_ROWS, Capped, Panel, bounded_count, capped, register
from dcfp.roles import Role, has_role
from notifications import permissions, selectors
from notifications.models import Incident

# The agreement panels decide in Python who may act on each incident, so they look at the soonest-due
# few hundred awaiting agreement, not at every one; the page for my decisions lists them all.
AGREEMENT_WINDOW = 200


def _list_link(**filters: str) -> str:
    return f"{reverse('notifications:list')}?{urlencode(filters)}"


def _windowed(rows: list, *, link: str, candidates: int) -> Capped:
    """The first PANEL_ROWS of the rows chosen in Python among the AGREEMENT_WINDOW soonest-due of
    `candidates` incidents awaiting agreement."""
    return Capped(
        rows=rows[:PANEL_ROWS],
        total=len(rows),
        link=link,
        cap=dashboard.COUNT_CAP,
        window=AGREEMENT_WINDOW,
        candidates=candidates,
    )


def notification_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG):
        panels.append(
            Panel(
                title="Notifications in draft",
                template="notifications/dashboard/drafts.html",
                context={
                    "panel_rows": capped(
                        selectors.drafts_to_finish(user), link=_list_link(status=Incident.Status.DRAFT)
                    )
                },
            )
        )
        clocks = capped(
            selectors.clocks_needing_attention(user, today=today), link=_list_link(clock=deadlines.ATTENTION)
        )
        selectors.with_clocks(clocks.rows, today)
        panels.append(
            Panel(
                title="Notification clocks due soon or overdue",
                template="notifications/dashboard/clocks.html",
                context={"panel_rows": clocks},
            )
        )
        agreed = capped(selectors.agreed_to_record(user), link=_list_link(status=Incident.Status.AGREED))
        selectors.with_clocks(agreed.rows, today)
        panels.append(
            Panel(
                title="Agreed notifications to record as notified",
                template="notifications/dashboard/agreed.html",
                context={"panel_rows": agreed},
            )
        )
    if has_role(user, Role.QA_CHAIR, Role.PARTNER_REP):
        awaiting = bounded_count(selectors.awaiting_agreement(user))
        mine = _windowed(
            selectors.incidents_awaiting_my_agreement(user, window=AGREEMENT_WINDOW),
            link=reverse("notifications:awaiting"),
            candidates=awaiting,
        )
        selectors.with_clocks(mine.rows, today)
        panels.append(
            Panel(
                title="Notifications awaiting your agreement",
                template="notifications/dashboard/awaiting.html",
                context={"panel_rows": mine},
            )
        )
        panels.append(
            Panel(
                title="Notifications awaiting agreement from others",
                template="notifications/dashboard/waiting.html",
                context={
                    "panel_rows": _windowed(
                        selectors.awaiting_others_decision(user, today=today, window=AGREEMENT_WINDOW),
                        link=_list_link(status=Incident.Status.AWAITING_AGREEMENT),
                        candidates=awaiting,
                    )
                },
            )
        )
    if has_role(user, Role.CSPRG):
        panels.append(
            Panel(
                title="Referrals to decide",
                template="notifications/dashboard/referrals_open.html",
                context={
                    "panel_rows": capped(selectors.referrals_open(user), link=reverse("notifications:referral_list"))
                },
            )
        )
    if permissions.can_refer_possible_incident(user):
        panels.append(
            Panel(
                title="Your referrals to the CSPRG",
                template="notifications/dashboard/my_referrals.html",
                context={
                    "panel_rows": capped(selectors.referral_list(user), link=reverse("notifications:referral_list"))
                },
            )
        )
    return panels


register("notifications", notification_panels, order=10)

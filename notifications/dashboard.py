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

from dcfp.dashboard import Panel, register
from dcfp.roles import Role, has_role
from notifications import permissions, selectors

MY_REFERRALS_SHOWN = 10


def notification_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG):
        panels.append(
            Panel(
                title="Notifications in draft",
                template="notifications/dashboard/drafts.html",
                context={"incidents": selectors.drafts_to_finish(user)},
            )
        )
        panels.append(
            Panel(
                title="Notification clocks due soon or overdue",
                template="notifications/dashboard/clocks.html",
                context={"incidents": selectors.clocks_needing_attention(user, today=today)},
            )
        )
        panels.append(
            Panel(
                title="Agreed notifications to record as notified",
                template="notifications/dashboard/agreed.html",
                context={"incidents": selectors.agreed_to_record(user, today=today)},
            )
        )
    if has_role(user, Role.QA_CHAIR, Role.PARTNER_REP):
        rows = [(i, selectors.incident_clock(i, today)) for i in selectors.incidents_awaiting_my_agreement(user)]
        panels.append(
            Panel(
                title="Notifications awaiting your agreement",
                template="notifications/dashboard/awaiting.html",
                context={"rows": rows},
            )
        )
        panels.append(
            Panel(
                title="Notifications awaiting agreement from others",
                template="notifications/dashboard/waiting.html",
                context={"rows": selectors.awaiting_others_decision(user, today=today)},
            )
        )
    if has_role(user, Role.CSPRG):
        panels.append(
            Panel(
                title="Referrals to decide",
                template="notifications/dashboard/referrals_open.html",
                context={"referrals": selectors.referrals_open(user)},
            )
        )
    if permissions.can_refer_possible_incident(user):
        panels.append(
            Panel(
                title="Your referrals to the CSPRG",
                template="notifications/dashboard/my_referrals.html",
                context={"referrals": list(selectors.referral_list(user)[:MY_REFERRALS_SHOWN])},
            )
        )
    return panels


register("notifications", notification_panels, order=10)

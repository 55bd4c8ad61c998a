"""Dashboard panels for threshold decisions and case disagreements, by role, from thresholds.selectors.

- Practitioners: my latest threshold decisions, and the open disagreements I am part of.
- Agency leads: my agency's latest decisions, and the open disagreements naming my agency.
- QA chair: open disagreements at stage 4 (the partnership's stage).
Anyone else gets a panel only when they are named in an open disagreement.
"""

from datetime import date

from dcfp.dashboard import Panel, register
from dcfp.roles import Role, has_role
from thresholds import permissions, selectors


def _with_clocks(disagreements, today: date):
    return [(d, selectors.disagreement_clock(d, today)) for d in disagreements]


def threshold_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.PRACTITIONER):
        panels.append(
            Panel(
                title="Your latest threshold decisions",
                template="thresholds/dashboard/decisions.html",
                context={"decisions": selectors.my_recent_decisions(user), "can_record": True},
            )
        )
    if has_role(user, Role.AGENCY_LEAD):
        panels.append(
            Panel(
                title="Your agency's latest threshold decisions",
                template="thresholds/dashboard/decisions.html",
                context={
                    "decisions": selectors.agency_recent_decisions(user),
                    "can_record": permissions.can_record_decision(user),
                },
            )
        )
    if has_role(user, Role.QA_CHAIR):
        rows = _with_clocks(selectors.open_disagreements(user, stage=4), today)
        panels.append(
            Panel(
                title="Case disagreements at stage 4",
                template="thresholds/dashboard/disagreements.html",
                context={"rows": rows, "empty": "No disagreement is at stage 4."},
            )
        )
    if has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD) or selectors.open_disagreements(user, limit=1):
        title = (
            "Open case disagreements naming your agency"
            if has_role(user, Role.AGENCY_LEAD)
            else "Your open case disagreements"
        )
        rows = _with_clocks(selectors.open_disagreements(user), today)
        if has_role(user, Role.QA_CHAIR) and not has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD):
            rows = [row for row in rows if row[0].stage != 4]
        if rows or has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD):
            panels.append(
                Panel(
                    title=title,
                    template="thresholds/dashboard/disagreements.html",
                    context={"rows": rows, "empty": "You are part of no open disagreement."},
                )
            )
    return panels


register("thresholds", threshold_panels, order=40)

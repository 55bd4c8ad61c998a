"""Dashboard panels for threshold decisions and case disagreements, by role, from thresholds.selectors.

- Practitioners: my latest threshold decisions, and the open disagreements I am part of.
- Agency leads: my agency's latest decisions, and the open disagreements naming my agency.
- QA chair: open disagreements at stage 4 (the partnership's stage).
Anyone else gets a panel only when they are named in an open disagreement. The disagreement panels show
at most ten rows, say how many there are (counted up to a thousand) and link to the list of them all.
"""

from datetime import date

from django.urls import reverse

from dcfp.dashboard import Capped, Panel, capped, register
from dcfp.roles import Role, has_role
from thresholds import permissions, selectors
from thresholds.models import Disagreement


def _with_clocks(disagreements, today: date, *, link: str) -> tuple[list, Capped]:
    """The first few of the disagreements, each with its clock, and the panel's bounded count and link."""
    shown = capped(disagreements, link=link)
    return [(d, selectors.disagreement_clock(d, today)) for d in shown.rows], shown


def _list_link(*, status: str) -> str:
    return f"{reverse('thresholds:disagreement_list')}?status={status}"


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
        rows, shown = _with_clocks(
            selectors.open_disagreements(user, stage=4),
            today,
            link=_list_link(status=Disagreement.Status.OPEN),
        )
        panels.append(
            Panel(
                title="Case disagreements at stage 4",
                template="thresholds/dashboard/disagreements.html",
                context={"rows": rows, "panel_rows": shown, "empty": "No disagreement is at stage 4."},
            )
        )
    if has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD) or selectors.open_disagreements(user).exists():
        title = (
            "Open case disagreements naming your agency"
            if has_role(user, Role.AGENCY_LEAD)
            else "Your open case disagreements"
        )
        disagreements = selectors.open_disagreements(user)
        if has_role(user, Role.QA_CHAIR) and not has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD):
            disagreements = disagreements.exclude(stage=4)
        rows, shown = _with_clocks(disagreements, today, link=_list_link(status=Disagreement.Status.OPEN))
        if rows or has_role(user, Role.PRACTITIONER, Role.AGENCY_LEAD):
            panels.append(
                Panel(
                    title=title,
                    template="thresholds/dashboard/disagreements.html",
                    context={"rows": rows, "panel_rows": shown, "empty": "You are part of no open disagreement."},
                )
            )
    return panels


register("thresholds", threshold_panels, order=40)

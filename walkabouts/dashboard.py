"""Dashboard panels for walkabouts and Section 11, by role, built from walkabouts.selectors.

- QA Group (members and chair): reports to agree (the agency has agreed its findings); walkabouts
  planned or in fieldwork; open Section 11 actions by due date with their clock.
- Agency leads: findings of their own organisation awaiting their agreement; their open actions.
Anyone else gets no panel from here. Each panel shows at most ten rows, says how many there are (counted
up to a thousand) and links to the list that holds them all (dcfp.dashboard.capped).
"""

from datetime import date

from django.urls import reverse

from dcfp.dashboard import Panel, capped, register
from dcfp.roles import Role, has_role
from walkabouts import permissions, selectors
from walkabouts.models import Assessment


def _list_link(status: str = "") -> str:
    return f"{reverse('walkabouts:list')}?status={status}" if status else reverse("walkabouts:list")


def walkabout_panels(user, today: date) -> list[Panel]:
    panels: list[Panel] = []
    qa = permissions.is_qa_group(user)
    lead = has_role(user, Role.AGENCY_LEAD)
    if not (qa or lead):
        return panels
    panels.append(
        Panel(
            title="Section 11 reports to agree" if qa else "Section 11 findings for your agency to agree",
            template="walkabouts/dashboard/awaiting.html",
            context={
                "panel_rows": capped(
                    selectors.awaiting_my_decision(user),
                    link=_list_link(Assessment.Status.FINDINGS_RECORDED),
                ),
                "qa": qa,
            },
        )
    )
    if qa:
        panels.append(
            Panel(
                title="Walkabouts planned or in fieldwork",
                template="walkabouts/dashboard/planned.html",
                context={"panel_rows": capped(selectors.planned_or_in_fieldwork(user), link=_list_link())},
            )
        )
    actions = capped(selectors.open_actions(user), link=_list_link())
    for action in actions.rows:
        action.clock = selectors.action_clock(action, today)
    panels.append(
        Panel(
            title="Section 11 actions due",
            template="walkabouts/dashboard/actions.html",
            context={"panel_rows": actions},
        )
    )
    return panels


register("walkabouts", walkabout_panels, order=30)

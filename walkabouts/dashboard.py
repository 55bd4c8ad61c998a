"""Dashboard panels for walkabouts and Section 11, by role, built from walkabouts.selectors.

- QA Group (members and chair): reports to agree (the agency has agreed its findings); walkabouts
  planned or in fieldwork; open Section 11 actions by due date with their clock.
- Agency leads: findings of their own organisation awaiting their agreement; their open actions.
Anyone else gets no panel from here.
"""

from datetime import date

from dcfp.dashboard import Panel, register
from dcfp.roles import Role, has_role
from walkabouts import permissions, selectors


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
            context={"assessments": selectors.awaiting_my_decision(user), "qa": qa},
        )
    )
    if qa:
        panels.append(
            Panel(
                title="Walkabouts planned or in fieldwork",
                template="walkabouts/dashboard/planned.html",
                context={"assessments": selectors.planned_or_in_fieldwork(user)},
            )
        )
    panels.append(
        Panel(
            title="Section 11 actions due",
            template="walkabouts/dashboard/actions.html",
            context={"actions": selectors.open_actions(user, today=today, limit=10)},
        )
    )
    return panels


register("walkabouts", walkabout_panels, order=30)

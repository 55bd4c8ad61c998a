"""The walkabout panels at scale: each shows at most ten rows, says how many there are (exactly up to a
thousand, then "more than"), links to the list holding them all, and shows an agency only its own."""

import re
from datetime import date

import pytest
from django.urls import reverse

from dcfp import dashboard as dashboard_module
from dcfp.dashboard import PANEL_ROWS
from tests.factories import OrganisationFactory
from tests.notifications.test_dashboard import dashboard, panel
from walkabouts.models import Action

pytestmark = pytest.mark.django_db


def _details(html: str) -> list[str]:
    return re.findall(r'href="/walkabouts/(\d+)/"', html)


def _more_link(html: str, text: str) -> str:
    match = re.search(rf'<a class="govuk-link" href="([^"]+)">{re.escape(text)}</a>', html)
    assert match, f"no link {text!r} in the panel"
    return match.group(1)


def _walkabouts(plan, n: int) -> list:
    return [plan(organisation=OrganisationFactory(name=f"Agency {k:02d}")) for k in range(n)]


def _actions(assessment, qa_member, n: int) -> None:
    Action.objects.bulk_create(
        Action(
            assessment=assessment,
            description=f"Action {k:02d}",
            owner="Team manager",
            owner_organisation=assessment.organisation,
            due_on=date(2027, 1, 1 + k),
            created_by=qa_member,
        )
        for k in range(n)
    )


def test_the_qa_groups_panels_show_ten_say_how_many_and_link_to_the_assessments(sign_in, plan, qa_member, monkeypatch):
    planned = _walkabouts(plan, 12)
    _actions(planned[0], qa_member, 12)
    page = dashboard(sign_in, qa_member)

    planned_panel = panel(page, "Walkabouts planned or in fieldwork")
    assert len(_details(planned_panel)) == PANEL_ROWS
    assert "Showing 10 of 12." in planned_panel
    listed = sign_in(qa_member).get(_more_link(planned_panel, "All Section 11 assessments")).content.decode()
    assert all(f"/walkabouts/{a.pk}/" in listed for a in planned)

    actions = panel(page, "Section 11 actions due")
    assert actions.count("Action ") == PANEL_ROWS
    assert "12 open actions, soonest due first" in actions and "Showing 10 of 12." in actions
    assert _more_link(actions, "See all Section 11 assessments") == reverse("walkabouts:list")

    monkeypatch.setattr(dashboard_module, "COUNT_CAP", 11)
    actions = panel(dashboard(sign_in, qa_member), "Section 11 actions due")
    assert "More than 11 open actions" in actions and "Showing 10 of more than 11." in actions


def test_another_agencys_lead_sees_none_of_our_walkabouts_or_actions(sign_in, plan, qa_member, other_agency):
    planned = _walkabouts(plan, 3)
    _actions(planned[0], qa_member, 3)
    page = dashboard(sign_in, other_agency)
    assert _details(panel(page, "Section 11 findings for your agency to agree")) == []
    actions = panel(page, "Section 11 actions due")
    assert "Action 0" not in actions and "No Section 11 action is open." in actions

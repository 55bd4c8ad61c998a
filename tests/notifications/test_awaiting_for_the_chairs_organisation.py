"""A partner representative of the QA chair's own organisation cannot give the partner agreement, so the
"awaiting my agreement" list, the dashboard and the decision page never offer them an incident, before or
after the chair has agreed. A representative of another partner, asked the same way, is offered it."""

import pytest
from django.urls import reverse

from notifications import permissions, selectors, services

pytestmark = pytest.mark.usefixtures("on_26_november_2026")

AWAITING_PANEL = "Notifications awaiting your agreement"
REASON = "The second agreement must come from a Safeguarding Partner other than the QA Group chair's organisation."


def _offered(sign_in, person, incident) -> dict[str, bool]:
    """Where this person is offered the incident: the list, its page, the dashboard panel, the rule."""
    client = sign_in(person)
    listed = client.get(reverse("notifications:awaiting"))
    dashboard = client.get("/").content.decode()
    start = dashboard.index(f">{AWAITING_PANEL}</h2>")
    panel = dashboard[start : dashboard.index("</section>", start)]
    return {
        "selector": incident in selectors.incidents_awaiting_my_agreement(person),
        "list page": incident.reference in listed.content.decode(),
        "dashboard": incident.reference in panel,
        "may decide": permissions.can_agree_incident(person, incident),
    }


NOWHERE = dict.fromkeys(["selector", "list page", "dashboard", "may decide"], False)
EVERYWHERE = dict.fromkeys(["selector", "list page", "dashboard", "may decide"], True)


def test_before_the_chair_decides_only_another_partners_rep_is_offered_it(
    sign_in, awaiting, qa_chair, council_rep, partner_rep
):
    assert council_rep.organisation == qa_chair.organisation
    assert _offered(sign_in, council_rep, awaiting) == NOWHERE
    assert permissions.agreement_capacity(council_rep, awaiting) == (None, REASON)
    assert _offered(sign_in, partner_rep, awaiting) == EVERYWHERE


def test_after_the_chair_agrees_only_another_partners_rep_is_offered_it(
    sign_in, awaiting, qa_chair, council_rep, partner_rep
):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    assert _offered(sign_in, council_rep, awaiting) == NOWHERE
    assert permissions.agreement_capacity(council_rep, awaiting) == (None, REASON)
    assert _offered(sign_in, partner_rep, awaiting) == EVERYWHERE


def test_the_decision_page_refuses_the_chairs_organisations_rep(sign_in, awaiting, qa_chair, council_rep):
    response = sign_in(council_rep).get(reverse("notifications:decide", args=[awaiting.pk]))
    assert response.status_code == 403
    assert 'name="decision"' not in response.content.decode()

"""A person of an unconnected agency who gets hold of a notification's address meets the ordinary
"Page not found" page and learns nothing; those who may read it leave a trace the QA chair can see."""

import re

import pytest
from playwright.sync_api import expect

from dcfp.audit.models import AuditEvent
from notifications import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.browser


@pytest.fixture
def incident(csprg, devon):
    return services.incident_create(actor=csprg, data=incident_input(devon))


def test_other_agency_opening_a_notification_meets_the_404_page(page, live_server, other_agency, incident):
    sign_in(page, live_server, other_agency.email)

    response = page.goto(f"{live_server.url}/notifications/{incident.pk}/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    body = page.locator("main")
    expect(body).not_to_contain_text(incident.reference)
    expect(body).not_to_contain_text("fractures")
    expect(body).not_to_contain_text("Child A")
    assert_accessible(page)
    # Nothing was read, so nothing is recorded against the incident; the sign-in itself is.
    assert not AuditEvent.objects.filter(actor=other_agency, target_id=str(incident.pk)).exists()
    assert AuditEvent.objects.filter(actor=other_agency, action="auth.sign_in").exists()


def test_a_notification_read_in_the_browser_shows_on_the_qa_chairs_trail(
    page, live_server, partner_rep, qa_chair, incident
):
    sign_in(page, live_server, partner_rep.email)
    page.goto(f"{live_server.url}/notifications/{incident.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(incident.reference)
    viewed = AuditEvent.objects.get(actor=partner_rep, action="notifications.incident.view")
    assert (viewed.category, viewed.target_type, viewed.target_id) == (
        "access",
        "notifications.incident",
        str(incident.pk),
    )
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, qa_chair.email)
    page.goto(f"{live_server.url}/audit/records/notifications.incident/{incident.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Who has looked at {incident.reference}")
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text="Priya Shah")).to_contain_text("notifications.incident.view")
    expect(rows.filter(has_text="Priya Shah")).to_contain_text("Devon and Cornwall Police")
    expect(rows.filter(has_text="Casey Price").first).to_contain_text("notifications.incident.create")
    expect(page.locator("main")).to_contain_text(re.compile(r"\d{2}:\d{2}:\d{2} UTC"))
    assert_accessible(page)

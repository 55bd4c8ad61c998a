"""The dashboard in a real browser: the CSPRG's drafts and clocks, the QA chair's agreements; axe on each."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.notifications.conftest import incident_input


@pytest.mark.browser
def test_csprg_dashboard_shows_overdue_drafts_and_leads_to_the_record(page, live_server, csprg, qa_chair, devon):
    today = timezone.localdate()
    overdue = services.incident_create(
        actor=csprg,
        data=incident_input(devon, occurred_on=today - timedelta(days=21), aware_on=today - timedelta(days=20)),
    )
    returned = services.incident_submit_for_agreement(
        incident=services.incident_create(actor=csprg, data=incident_input(devon, occurred_on=today, aware_on=today)),
        actor=csprg,
    )
    services.incident_disagree(incident=returned, actor=qa_chair, reason="Add the second child's details")

    sign_in(page, live_server, csprg.email)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=2, name="Notifications in draft")).to_be_visible()
    drafts = page.get_by_role("table", name="2 drafts to finish and send for agreement")
    expect(drafts.get_by_role("row", name=returned.reference)).to_contain_text("Returned to draft")
    clocks = page.get_by_role("table", name="open notification due within 2 working days or overdue", exact=False)
    expect(clocks.get_by_role("row", name=overdue.reference)).to_contain_text("Clock: Overdue")
    expect(page.get_by_role("heading", level=2, name="Messages")).to_be_visible()
    assert_accessible(page)

    # By keyboard: the overdue record's link takes focus and opens the record with Enter.
    link = clocks.get_by_role("link", name=overdue.reference)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=overdue.reference)).to_be_visible()
    expect(page.get_by_role("link", name="Who has looked at this record")).to_have_count(0)


@pytest.mark.browser
def test_qa_chair_dashboard_lists_what_awaits_their_agreement_and_the_record_links_its_audit_trail(
    page, live_server, csprg, qa_chair, devon
):
    awaiting = services.incident_submit_for_agreement(
        incident=services.incident_create(actor=csprg, data=incident_input(devon)), actor=csprg
    )
    sign_in(page, live_server, qa_chair.email)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=2, name="Notifications awaiting your agreement")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Notifications in draft")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=awaiting.reference).click()
    expect(page.get_by_role("heading", level=1, name=awaiting.reference)).to_be_visible()
    page.get_by_role("link", name="Who has looked at this record").click()
    assert page.url.endswith(f"/audit/records/notifications.incident/{awaiting.pk}/")
    assert_accessible(page)

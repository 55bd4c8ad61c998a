"""A new incident's and a draft's question pages as a person meets them, on a phone-sized screen:
fields that appear only when they apply, the 4-child limit explained, character counts with their
limits, and the notifications table readable at 390 pixels wide; axe on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.notifications.conftest import incident_input

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} pixels at 390 pixels wide"


@pytest.mark.browser
def test_a_new_incident_begins_on_its_first_question_page_and_the_list_fits_a_phone(phone, live_server, csprg, devon):
    page = phone
    services.incident_create(actor=csprg, data=incident_input(devon))
    sign_in(page, live_server, csprg.email)
    page.goto("/notifications/")
    page.get_by_role("link", name="Log a serious incident").click()
    expect(page.get_by_role("heading", level=1, name="When it happened")).to_be_visible()
    expect(page.get_by_text("Log a serious incident: part 1 of 6")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page)
    today = timezone.localdate()
    for legend, day in (("Date of incident", today - timedelta(days=2)), ("Date the authority became aware", today)):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    page.get_by_role("button", name="Continue").click()
    # The draft now exists, with its reference, and the next part is asked.
    expect(page.get_by_role("heading", level=1, name="What happened")).to_be_visible()
    expect(page.get_by_text(re.compile(r"DCFP-\d{4}-\d{4}: part 2 of 6"))).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page)

    # The notifications table is read row by row on a phone, every cell named by its column.
    page.goto("/notifications/")
    assert_accessible(page)
    _no_sideways_scroll(page)
    first_row = page.locator("table tbody tr").first
    expect(first_row.get_by_text("Clock")).to_be_visible()


@pytest.mark.browser
def test_a_draft_is_changed_one_question_page_at_a_time_from_check_your_answers(phone, live_server, csprg, devon):
    page = phone
    incident = services.incident_create(actor=csprg, data=incident_input(devon))
    sign_in(page, live_server, csprg.email)
    page.goto(f"/notifications/{incident.pk}/check/")
    assert_accessible(page)
    _no_sideways_scroll(page)

    # Each part has its own Change link, named for the part, and its page leads back to the check.
    expect(page.get_by_role("link", name="Change what happened")).to_be_visible()
    page.get_by_role("link", name="Change when it happened").click()
    expect(page.get_by_role("heading", level=1, name="When it happened")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back").click()
    check_heading = page.get_by_role("heading", level=1, name="Check your answers before asking for agreement")
    expect(check_heading).to_be_visible()

    # From the first part, Continue saves each page and goes on to the next, the last to the check.
    page.goto(f"/notifications/{incident.pk}/change/when/")
    page.get_by_label("Time of incident (optional)").fill("14:30")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="What happened")).to_be_visible()
    other = page.get_by_role("group", name="Themes").get_by_label("Other", exact=True)
    expect(page.get_by_label("Other theme")).to_be_hidden()
    other.check()
    expect(page.get_by_label("Other theme")).to_be_visible()
    page.get_by_label("Other theme").fill("Fabricated illness")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Where it happened")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Agencies and summary")).to_be_visible()
    expect(page.get_by_text("You can enter up to 5000 characters")).to_be_attached()
    page.get_by_label("Summary of what happened").fill("A toddler was admitted with a head injury.")
    expect(page.get_by_text("You have 4,958 characters remaining")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Children")).to_be_visible()
    for count in (2, 3, 4):
        page.get_by_role("button", name="Add another child").click()
        expect(page.get_by_role("group", name=f"Child {count}")).to_be_visible()
    expect(page.get_by_role("button", name="Add another child")).to_have_count(0)
    expect(page.get_by_text("A notification covers at most 4 children")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page)
    # The added rows are left empty, so only the first child is kept.
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1, name="Proposed outcome")).to_be_visible()
    rationale = page.get_by_label("Why the incident does not meet the criteria")
    expect(rationale).to_be_hidden()
    page.get_by_label("Not notifiable", exact=True).check()
    expect(rationale).to_be_visible()
    page.get_by_label("Notifiable", exact=True).check()
    expect(rationale).to_be_hidden()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    # Back on check your answers, with every change saved.
    expect(check_heading).to_be_visible()
    expect(page.get_by_text("2 November 2026 at 14:30")).to_be_visible()
    expect(page.get_by_text("Fabricated illness")).to_be_visible()
    expect(page.get_by_text("A toddler was admitted with a head injury.")).to_be_visible()
    assert_accessible(page)
    _no_sideways_scroll(page)

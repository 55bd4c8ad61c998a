"""A serious incident from logging to the Executive's copy, in a real browser, with axe on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dcfp.copies.models import Copy
from notifications import services
from notifications.models import Incident
from tests.browser.conftest import assert_accessible, sign_in
from tests.notifications.conftest import incident_input


def _tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def _fill_date(page, legend, day):
    """Type a date as a person does into GOV.UK's date input: day, month and year boxes in a fieldset."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _agree(browser, live_server, person, reference):
    tab = _tab(browser, live_server)
    sign_in(tab, live_server, person.email)
    tab.get_by_role("link", name="Awaiting my agreement").click()
    assert_accessible(tab)
    tab.get_by_role("link", name=reference).click()
    expect(tab.get_by_role("heading", name="Do you agree the proposed outcome?")).to_be_visible()
    assert_accessible(tab)
    tab.get_by_label("Yes, I agree").check()
    tab.get_by_role("button", name="Confirm decision").click()
    expect(tab.get_by_text(f"You agreed incident {reference}.")).to_be_visible()
    assert_accessible(tab)
    tab.context.close()


@pytest.mark.browser
def test_an_incident_is_logged_agreed_notified_and_read_by_the_executive(
    browser, page, live_server, csprg, qa_chair, partner_rep, executive, devon
):
    today = timezone.localdate()
    # The CSPRG logs the incident.
    sign_in(page, live_server, csprg.email)
    page.get_by_role("link", name="Notifications", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Log a serious incident").click()
    # One question page per part; the first makes the draft.
    _fill_date(page, "Date of incident", today - timedelta(days=2))
    _fill_date(page, "Date the authority became aware", today - timedelta(days=1))
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="What happened")).to_be_visible()
    page.get_by_label("Serious harm").check()
    page.get_by_label("Suspected", exact=True).check()
    page.get_by_label("Physical abuse").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Area where it happened").select_option(label="Devon")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Summary of what happened").fill("A toddler was admitted with a head injury.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="Children")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Toby Example")
    page.get_by_label("Age in years, if the date of birth is not known").fill("2")
    page.get_by_label("Sex", exact=True).select_option("male")
    # Add another child without JavaScript being needed, then leave it blank (it is not saved).
    page.get_by_role("button", name="Add another child").click()
    expect(page.get_by_role("group", name="Child 2")).to_be_visible()
    assert page.get_by_label("Name", exact=True).first.input_value() == "Toby Example"
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Notifiable", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check your answers before asking for agreement")).to_be_visible()
    expect(page.get_by_text("Toby Example was seriously harmed in the partnership's area.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send for agreement").click()
    expect(page.get_by_text("sent for agreement.")).to_be_visible()
    incident = Incident.objects.get()
    assert incident.status == Incident.Status.AWAITING_AGREEMENT
    assert incident.children.count() == 1
    assert_accessible(page)

    # The QA chair, then a partner representative of another Safeguarding Partner, agree.
    _agree(browser, live_server, qa_chair, incident.reference)
    _agree(browser, live_server, partner_rep, incident.reference)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.AGREED

    # The CSPRG records the national notification.
    page.goto(f"/notifications/{incident.pk}/")
    page.get_by_role("link", name="Record as notified").click()
    assert_accessible(page)
    page.get_by_label("Reference from the national notification system").fill("SIN-2026-0042")
    submitted = timezone.localtime()  # just after the agreement, which cannot come after the submission
    _fill_date(page, "Date submitted", submitted.date())
    page.get_by_label("Time submitted").fill(f"{submitted:%H:%M}")
    page.get_by_role("button", name="Record as notified").click()
    expect(page.get_by_text(f"Incident {incident.reference} recorded as notified.")).to_be_visible()
    expect(page.get_by_text("Met on time").first).to_be_visible()
    assert_accessible(page)

    # An Executive member finds it among the incidents copied to them and opens their own copy.
    tab = _tab(browser, live_server)
    sign_in(tab, live_server, executive.email)
    tab.get_by_role("link", name="Notifications", exact=True).click()
    assert_accessible(tab)
    tab.get_by_role("link", name=incident.reference).click()
    assert_accessible(tab)
    link = tab.get_by_role("link", name="Open your Executive copy (PDF)")
    response = tab.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    # Reading the record page opened the copy; the PDF is the second opening.
    copy = Copy.objects.get(object_id=incident.pk, member=executive)
    assert copy.open_count == 2 and copy.first_opened_at is not None
    tab.context.close()


@pytest.mark.browser
def test_pressing_enter_on_the_first_page_checks_it_and_links_each_mistake_to_its_box(page, live_server, csprg):
    sign_in(page, live_server, csprg.email)
    page.goto("/notifications/new/")
    page.get_by_role("group", name="Date of incident").get_by_label("Day").fill("31")
    page.get_by_role("group", name="Date of incident").get_by_label("Month").fill("2")
    page.get_by_role("group", name="Date of incident").get_by_label("Year").fill("2026")
    page.get_by_label("Time of incident (optional)").fill("14:30")
    page.get_by_label("Time of incident (optional)").press("Enter")

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert not Incident.objects.exists()
    assert page.get_by_label("Time of incident (optional)").input_value() == "14:30"
    date_group = page.get_by_role("group", name="Date of incident")
    assert date_group.get_by_label("Day").input_value() == "31"
    assert date_group.get_by_label("Month").input_value() == "2"
    # The summary links to the date's first box, and following the link puts the cursor there.
    page.get_by_role("link", name="Date of incident must be a real date").click()
    expect(date_group.get_by_label("Day")).to_be_focused()
    assert_accessible(page)
    # The copy of "Continue" that makes Enter save is neither announced nor reached by Tab:
    # screen readers see one "Continue" button, and Shift+Tab from the first box skips the copy.
    expect(page.get_by_role("button", name="Continue")).to_have_count(1)
    date_group.get_by_label("Day").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-default-submit')") is False
    page.keyboard.press("Tab")
    expect(date_group.get_by_label("Day")).to_be_focused()


@pytest.mark.browser
def test_pressing_enter_on_the_children_page_continues_and_does_not_add_a_child(page, live_server, csprg, devon):
    incident = services.incident_create(actor=csprg, data=incident_input(devon))
    sign_in(page, live_server, csprg.email)
    page.goto(f"/notifications/{incident.pk}/change/children/")
    page.get_by_label("Name", exact=True).fill("Ada Example")
    page.get_by_label("Name", exact=True).press("Enter")

    expect(page.get_by_role("heading", level=1, name="Proposed outcome")).to_be_visible()
    assert [c.name for c in incident.children.all()] == ["Ada Example"]

"""One whole case in a real browser, everything typed as people type it, with axe on every page: from a
notified incident, the CSPRG opens the rapid review; an agency's lead writes and submits their summary
(and gets "Page not found" on another agency's); the CSPRG writes the report and records outcome (c) with
the criteria it meets; each Safeguarding Partner signs off; the CSPRG records it as sent to the Panel and
commissions the local review, whose reviewer signs in and sees only it; the publication rule refuses a
date too soon, naming the earliest allowed, then publication is recorded; a recommendation becomes an
agency's action, and that agency's lead records progress and completes it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from rapid_reviews.models import Action, AgencySummary, LocalReview, RapidReview, ReportSection
from tests.browser.conftest import assert_accessible, sign_in
from tests.rapid_reviews.conftest import council_signer, health_signer, make_notified, on_12_november_2026

__all__ = ["council_signer", "health_signer", "make_notified", "on_12_november_2026"]

TODAY = date(2026, 11, 12)


def _tab(browser, live_server, person):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    sign_in(tab, live_server, person.email)
    return tab


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _done(page, text):
    expect(page.get_by_role("alert", name="Success")).to_contain_text(text)
    assert_accessible(page)


@pytest.mark.browser
def test_a_whole_case_from_notified_incident_to_published_local_review_with_its_action_completed(
    browser,
    live_server,
    make_notified,
    csprg,
    agency_lead,
    nursing,
    school,
    partner_rep,
    council_signer,
    health_signer,
    reviewer,
):
    incident = make_notified()

    # The CSPRG finds the notified incident without a review and opens one.
    desk = _tab(browser, live_server, csprg)
    desk.get_by_role("link", name="Rapid reviews", exact=True).first.click()
    assert_accessible(desk)
    desk.get_by_role("link", name=f"Open the rapid review of {incident.reference}").click()
    assert_accessible(desk)
    desk.get_by_role("button", name="Open the rapid review").click()
    _done(desk, "opened and agency summaries requested")
    review = RapidReview.objects.get(incident=incident)

    # The nursing service's lead finds the summary asked of them on their dashboard, writes and submits it.
    lead = _tab(browser, live_server, agency_lead)
    assert_accessible(lead)
    lead.get_by_role("link", name=f"{review.reference} ({nursing.name})").click()
    assert_accessible(lead)
    for label in AgencySummary.SECTIONS.values():
        lead.get_by_label(label, exact=True).fill(f"{label}: what the nursing service saw.")
    lead.get_by_role("button", name="Submit the summary").click()
    _done(lead, "is submitted")
    school_summary = review.summaries.get(organisation=school)
    lead.goto(f"/rapid-reviews/summaries/{school_summary.pk}/")
    expect(lead.get_by_role("heading", level=1)).to_have_text("Page not found")

    # The CSPRG reads the summary in, writes each section of the report and records outcome (c).
    desk.goto(f"/rapid-reviews/{review.pk}/")
    assert_accessible(desk)
    desk.get_by_role("link", name=nursing.name, exact=True).click()
    expect(desk.get_by_text("what the nursing service saw").first).to_be_visible()
    assert_accessible(desk)
    desk.get_by_role("link", name=f"Open rapid review {review.reference}").click()
    for _key, title in ReportSection.Key.choices:
        desk.get_by_role("link", name=f"Write {title}").click()
        assert_accessible(desk)
        desk.get_by_label(title, exact=True).fill(f"{title}: what the review found.")
        desk.get_by_role("button", name="Save section").click()
        _done(desk, f"{title} saved")
    desk.get_by_role("link", name="Record the outcome").click()
    assert_accessible(desk)
    desk.get_by_label(RapidReview.Outcome.LOCAL_REVIEW.label).check()
    desk.get_by_label("Reasons for the outcome").fill("Agencies did not share what they knew of the family.")
    desk.get_by_label(RapidReview.Reg11.MULTI_AGENCY.label).check()
    desk.get_by_label(RapidReview.Reg11.IMPROVEMENTS.label).check()
    desk.get_by_role("button", name="Save the outcome").click()
    _done(desk, "Outcome recorded")
    desk.get_by_role("link", name="Send for partner sign-off").click()
    assert_accessible(desk)
    desk.get_by_role("button", name="Send for sign-off").click()
    _done(desk, "sent for partner sign-off")

    # Each Safeguarding Partner's representative finds it on their dashboard and signs off.
    for signer in (council_signer, health_signer, partner_rep):
        tab = _tab(browser, live_server, signer)
        assert_accessible(tab)
        tab.get_by_role("link", name=review.reference).first.click()
        assert_accessible(tab)
        tab.get_by_role("link", name="Sign off for your organisation").click()
        assert_accessible(tab)
        tab.get_by_role("button", name="Sign off").click()
        _done(tab, f"for {signer.organisation.name}")
        tab.context.close()

    # The CSPRG records it as sent to the Panel and commissions the local review.
    desk.reload()
    desk.get_by_role("link", name="Record as sent to the Panel").click()
    assert_accessible(desk)
    _fill_date(desk, "Date sent to the National Panel", TODAY)
    desk.get_by_role("button", name="Record as sent").click()
    _done(desk, "recorded as sent to the National Panel")
    desk.get_by_role("link", name="Commission the local review").click()
    assert_accessible(desk)
    _fill_date(desk, "Date of the decision to hold a local review", TODAY)
    desk.get_by_role("button", name="Commission the local review").click()
    _done(desk, "appoint its reviewer next")
    local = LocalReview.objects.get(rapid_review=review)
    expect(desk.get_by_role("heading", level=1)).to_contain_text(local.reference)
    desk.get_by_role("link", name="Appoint the reviewer").click()
    assert_accessible(desk)
    desk.get_by_label("Independent reviewer").select_option(label=str(reviewer))
    desk.get_by_role("button", name="Appoint").click()
    _done(desk, "Reviewer appointed")

    # The reviewer signs in, finds that review on their dashboard and nothing else anywhere.
    independent = _tab(browser, live_server, reviewer)
    assert_accessible(independent)
    independent.get_by_role("link", name=local.reference).first.click()
    expect(independent.get_by_role("heading", level=1)).to_have_text(local.reference)
    assert_accessible(independent)
    for elsewhere in (
        f"/rapid-reviews/{review.pk}/",
        "/rapid-reviews/",
        "/rapid-reviews/summaries/",
        f"/notifications/{incident.pk}/",
        "/notifications/",
    ):
        independent.goto(elsewhere)
        expect(independent.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Sent today; publication the next day is refused, naming the earliest allowed date, which is taken.
    desk.get_by_role("link", name="Record as sent to the Panel, the Secretary of State and Ofsted").click()
    assert_accessible(desk)
    desk.get_by_label(LocalReview.Sent.REPORT.label).check()
    _fill_date(desk, "Date sent to the Panel, the Secretary of State and Ofsted", TODAY)
    desk.get_by_role("button", name="Record as sent").click()
    _done(desk, "Recorded as sent")
    desk.get_by_role("link", name="Record publication").click()
    assert_accessible(desk)
    _fill_date(desk, "Publication date", date(2026, 11, 13))
    desk.get_by_label("Published address").fill("https://www.devonsafeguarding.org/reviews/lr")
    desk.get_by_role("button", name="Record publication").click()
    expect(desk.locator(".govuk-error-summary")).to_contain_text("the earliest allowed is 23 November 2026")
    assert_accessible(desk)
    _fill_date(desk, "Publication date", date(2026, 11, 23))
    desk.get_by_role("button", name="Record publication").click()
    _done(desk, "Publication recorded")

    # A recommendation of the local review becomes the nursing service's action.
    desk.get_by_role("link", name="Add a recommendation").click()
    assert_accessible(desk)
    desk.get_by_label("Recommendation").fill("Health visitors share concerns about a family with the GP.")
    desk.get_by_role("button", name="Add", exact=True).click()
    _done(desk, "Recommendation recorded")
    desk.get_by_role("link", name="Give an agency an action for recommendation 1").click()
    assert_accessible(desk)
    desk.get_by_label("Agency that owns the action").select_option(label=nursing.name)
    desk.get_by_label("Action", exact=True).fill("Add a safeguarding prompt to the health visiting record.")
    _fill_date(desk, "Due date", date(2027, 1, 29))
    desk.get_by_role("button", name="Add the action").click()
    _done(desk, "Action given to the agency")

    # The nursing service's lead finds it on their dashboard, records progress, then completes it.
    lead.goto("/")
    assert_accessible(lead)
    lead.get_by_role("link", name="Add a safeguarding prompt to the health visiting record.").click()
    assert_accessible(lead)
    lead.get_by_label("Progress and evidence").fill("Prompt drafted with the records team.")
    lead.get_by_role("button", name="Record progress").click()
    _done(lead, "Progress recorded")
    lead.get_by_label("Progress and evidence").fill("Prompt live in the record since 12 November; audit attached.")
    lead.get_by_label("This completes the action").check()
    lead.get_by_role("button", name="Record progress").click()
    _done(lead, "Progress recorded")
    expect(lead.get_by_text("Prompt drafted with the records team.")).to_be_visible()

    review.refresh_from_db()
    local.refresh_from_db()
    action = Action.objects.get(recommendation__local_review=local)
    assert review.status == RapidReview.Status.SENT and set(review.reg11_criteria) == {"multi_agency", "improvements"}
    assert local.status == LocalReview.Status.PUBLISHED and local.publication_on == date(2026, 11, 23)
    assert action.organisation == nursing and action.status == Action.Status.COMPLETED

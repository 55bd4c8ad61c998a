"""A rapid review and a local review in a real browser, with axe on every page: the agency's lead writes
and submits their summary and gets "Page not found" on another agency's; the CSPRG drafts the report and
records outcome (b), the Safeguarding Partners sign off and an Executive member endorses it; for an
outcome (c) case the CSPRG appoints the reviewer, who signs in and sees only that review; and the
publication rule refuses a date too soon after sending, naming the earliest allowed."""

import pytest
from playwright.sync_api import expect

from rapid_reviews import services
from rapid_reviews.models import AgencySummary, RapidReview
from tests.browser.conftest import assert_accessible, sign_in
from tests.rapid_reviews.conftest import (
    TODAY,
    council_signer,
    health_signer,
    local_review,
    make_notified,
    make_review_at,
    on_12_november_2026,
    review,
    write_report,
)

__all__ = [
    "council_signer",
    "health_signer",
    "local_review",
    "make_notified",
    "make_review_at",
    "on_12_november_2026",
    "review",
]


def _tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.browser
def test_a_rapid_review_from_agency_summary_to_executive_endorsement(
    browser,
    page,
    live_server,
    review,
    csprg,
    agency_lead,
    school,
    partner_rep,
    council_signer,
    health_signer,
    executive,
):
    ours = review.summaries.get(organisation=agency_lead.organisation)
    theirs = review.summaries.get(organisation=school)

    # The agency's lead writes and submits their summary, and cannot open another agency's.
    sign_in(page, live_server, agency_lead.email)
    page.goto("/rapid-reviews/summaries/")
    assert_accessible(page)
    page.goto(f"/rapid-reviews/summaries/{ours.pk}/")
    assert_accessible(page)
    for label in AgencySummary.SECTIONS.values():
        page.get_by_label(label, exact=True).fill(f"{label}: what the nursing service saw.")
    page.get_by_role("button", name="Submit the summary").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("is submitted")
    assert_accessible(page)
    page.goto(f"/rapid-reviews/summaries/{theirs.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    ours.refresh_from_db()
    assert ours.status == AgencySummary.Status.SUBMITTED

    # The CSPRG drafts the report and records outcome (b), then sends it for sign-off.
    csprg_tab = _tab(browser, live_server)
    sign_in(csprg_tab, live_server, csprg.email)
    csprg_tab.goto(f"/rapid-reviews/{review.pk}/")
    assert_accessible(csprg_tab)
    csprg_tab.goto(f"/rapid-reviews/{review.pk}/report/facts/")
    assert_accessible(csprg_tab)
    csprg_tab.get_by_label("Facts and chronology").fill("The baby was seen in hospital on 2 November.")
    csprg_tab.get_by_role("button", name="Save section").click()
    expect(csprg_tab.get_by_role("alert", name="Success")).to_contain_text("Facts and chronology saved")
    write_report(review, csprg)  # the other sections, as the CSPRG would write them
    csprg_tab.goto(f"/rapid-reviews/{review.pk}/outcome/")
    assert_accessible(csprg_tab)
    csprg_tab.get_by_label(RapidReview.Outcome.NO_FURTHER_REVIEW.label).check()
    csprg_tab.get_by_label("Reasons for the outcome").fill("The agencies' summaries identified the learning.")
    csprg_tab.get_by_role("button", name="Save the outcome").click()
    expect(csprg_tab.get_by_role("alert", name="Success")).to_contain_text("Outcome recorded")
    csprg_tab.goto(f"/rapid-reviews/{review.pk}/send-for-sign-off/")
    assert_accessible(csprg_tab)
    csprg_tab.get_by_role("button", name="Send for sign-off").click()
    expect(csprg_tab.get_by_role("alert", name="Success")).to_contain_text("sent for partner sign-off")

    # One representative of each Safeguarding Partner signs off for their own organisation.
    for signer in (council_signer, health_signer, partner_rep):
        tab = _tab(browser, live_server)
        sign_in(tab, live_server, signer.email)
        tab.goto(f"/rapid-reviews/{review.pk}/sign-off/")
        assert_accessible(tab)
        tab.get_by_role("button", name="Sign off").click()
        expect(tab.get_by_role("alert", name="Success")).to_contain_text(f"for {signer.organisation.name}")
        tab.context.close()

    # The Executive member, who now has their copy, endorses no further review.
    exec_tab = _tab(browser, live_server)
    sign_in(exec_tab, live_server, executive.email)
    exec_tab.goto(f"/rapid-reviews/{review.pk}/")
    assert_accessible(exec_tab)
    exec_tab.get_by_role("link", name="Give your endorsement decision").click()
    assert_accessible(exec_tab)
    exec_tab.get_by_label("Yes, I endorse it").check()
    exec_tab.get_by_role("button", name="Record your decision").click()
    expect(exec_tab.get_by_role("alert", name="Success")).to_contain_text("Your decision")
    review.refresh_from_db()
    assert review.status == RapidReview.Status.READY and review.endorsed_by == executive


@pytest.mark.browser
def test_an_outcome_c_case_its_reviewer_who_sees_only_it_and_the_publication_rule(
    browser, page, live_server, local_review, csprg, reviewer
):
    # The CSPRG appoints the independent reviewer.
    sign_in(page, live_server, csprg.email)
    page.goto(f"/rapid-reviews/local/{local_review.pk}/reviewer/")
    assert_accessible(page)
    page.get_by_label("Independent reviewer").select_option(value=str(reviewer.pk))
    page.get_by_role("button", name="Appoint").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Reviewer appointed")
    assert_accessible(page)

    # The reviewer signs in and finds that review, and nothing else.
    tab = _tab(browser, live_server)
    sign_in(tab, live_server, reviewer.email)
    tab.goto("/")
    expect(tab.get_by_role("link", name=local_review.reference).first).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("link", name=local_review.reference).first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(local_review.reference)
    assert_accessible(tab)
    for elsewhere in (
        f"/rapid-reviews/{local_review.rapid_review_id}/",
        "/rapid-reviews/",
        f"/notifications/{local_review.rapid_review.incident_id}/",
    ):
        tab.goto(elsewhere)
        expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Sent today: a publication date the next day is refused, naming the earliest allowed date.
    services.local_review_record_sent(review=local_review, actor=csprg, sent_on=TODAY, what="report")
    page.goto(f"/rapid-reviews/local/{local_review.pk}/publication/")
    assert_accessible(page)
    page.get_by_label("Day").fill("13")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Published address").fill("https://www.devonsafeguarding.org/reviews/report")
    page.get_by_role("button", name="Record publication").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the earliest allowed is 23 November 2026")
    assert_accessible(page)
    local_review.refresh_from_db()
    assert local_review.publication_on is None

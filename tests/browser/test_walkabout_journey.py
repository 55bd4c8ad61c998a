"""A whole Section 11 walkabout in a real browser, with axe on every page: the QA Group plans it, the
agency's lead records a finding, an action and evidence and agrees the findings, another agency's lead
gets "Page not found", the QA Group agrees the report and downloads it, and the comparison shows the
agency's new ratings beside last cycle's."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.walkabouts.conftest import pdf_bytes, record_all_findings
from walkabouts import services
from walkabouts.models import Assessment, Rating, StandardVersion
from walkabouts.standards import STANDARDS_V1


def _tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.browser
def test_a_walkabout_from_plan_to_comparison(
    browser, page, live_server, qa_member, agency_lead, other_agency, nursing, tmp_path
):
    if not StandardVersion.objects.exists():  # a live-server test before this one emptied the tables
        version = StandardVersion.objects.create(number=1, published_on=date(2025, 4, 1))
        for position, (key, title, good) in enumerate(STANDARDS_V1, start=1):
            version.standards.create(position=position, key=key, title=title, what_good_looks_like=good)
    last = services.cycle_create(actor=qa_member, name="2025-26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31))
    before = services.assessment_plan(actor=qa_member, cycle=last, route="self_assessment", organisation=nursing)
    before = services.assessment_start_fieldwork(assessment=before, actor=qa_member)
    record_all_findings(before, qa_member, Rating.RED)
    services.cycle_create(actor=qa_member, name="2026-27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))

    # The QA Group plans a walkabout of the agency.
    sign_in(page, live_server, qa_member.email)
    page.get_by_role("link", name="Walkabouts", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Plan an assessment").click()
    assert_accessible(page)
    page.get_by_label("Cycle").select_option(label="2026-27")
    page.get_by_label("Organisation (leave empty to assess a group)").select_option(label="Public Health Nursing")
    page.get_by_label("Walkabout", exact=True).check()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Front-line participants (optional)").fill("3 health visitors, 1 team manager")
    page.get_by_role("button", name="Plan assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public Health Nursing")
    page.get_by_role("button", name="Start fieldwork").click()
    expect(page.locator(".govuk-tag", has_text="Fieldwork")).to_be_visible()
    assert_accessible(page)
    assessment = Assessment.objects.get(cycle__name="2026-27", organisation=nursing)
    detail = f"/walkabouts/{assessment.pk}/"

    # The agency's lead records a finding, an action and evidence, then agrees the findings for the agency.
    lead = _tab(browser, live_server)
    sign_in(lead, live_server, agency_lead.email)
    lead.goto(detail)
    lead.get_by_role("link", name=re.compile("Record the finding for Staff training")).click()
    assert_accessible(lead)
    lead.get_by_label("Green").check()
    lead.get_by_label("Evidence", exact=True).fill("Every health visitor's training is current.")
    lead.get_by_role("button", name="Save finding").click()
    expect(lead.get_by_role("alert", name="Success")).to_contain_text("Finding recorded for")
    for standard in assessment.standard_version.standards.exclude(key="training"):
        services.finding_record(
            assessment=assessment, actor=agency_lead, standard=standard, rating=Rating.GREEN, evidence="Seen."
        )
    lead.get_by_role("link", name="Add an action").click()
    assert_accessible(lead)
    lead.get_by_label("Action", exact=True).fill("Share the families' survey with every team.")
    lead.get_by_label("Owner", exact=True).fill("Head of service")
    lead.get_by_label("Day").fill("31")
    lead.get_by_label("Month").fill("3")
    lead.get_by_label("Year").fill("2099")
    lead.get_by_role("button", name="Add action").click()
    lead.get_by_role("link", name="Add evidence").click()
    assert_accessible(lead)
    evidence = tmp_path / "team-minutes.pdf"
    evidence.write_bytes(pdf_bytes("Minutes"))
    lead.get_by_label("File").set_input_files(str(evidence))
    lead.get_by_label("Describe the evidence").fill("Team meeting minutes")
    lead.get_by_role("button", name="Upload evidence").click()
    expect(lead.get_by_role("link", name="team-minutes.pdf")).to_be_visible()
    lead.get_by_role("button", name="Send the findings for agreement").click()
    lead.get_by_role("button", name="Agree these findings for my agency").click()
    expect(lead.get_by_role("alert", name="Success")).to_contain_text("You agreed the findings for your agency.")
    assert_accessible(lead)

    # Another agency's lead learns nothing: the page is not found.
    other = _tab(browser, live_server)
    sign_in(other, live_server, other_agency.email)
    response = other.goto(detail)
    assert response is not None and response.status == 404
    expect(other.get_by_role("heading", level=1)).to_have_text("Page not found")

    # The QA Group agrees the report and downloads it.
    page.goto(detail)
    page.get_by_role("button", name="Agree the report").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Report agreed: the findings are final.")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the walkabout report (PDF)").click()
    assert download.value.suggested_filename == f"section11-2026-27-{assessment.pk}.pdf"
    assert download.value.path().read_bytes()[:4] == b"%PDF"

    # The comparison shows this cycle's ratings beside last cycle's.
    page.goto("/walkabouts/compare/")
    assert_accessible(page)
    row = page.get_by_role("row", name="Public Health Nursing").first
    expect(row).to_contain_text("Green")
    expect(row).to_contain_text("2025-26: Red (improved)")

"""A whole Section 11 cycle in a real browser for two agencies, everything typed as people type it, with
axe on every page: the QA Group opens the cycle and plans a walkabout of each agency; each agency's lead
records a finding for every standard, one of them an action and evidence, and agrees the findings for
their agency; the other agency's lead gets "Page not found" on the first; the QA Group agrees both
reports and downloads one as a PDF; the comparison shows each agency's new ratings beside last cycle's,
filtered by kind of organisation, and downloads what it shows as CSV."""

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


def _date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def _success(page, text: str) -> None:
    expect(page.get_by_role("alert", name="Success")).to_contain_text(text)
    assert_accessible(page)


def _plan_walkabout(page, organisation: str, day: str, participants: dict[str, str]) -> None:
    page.get_by_role("link", name="Plan an assessment").click()
    assert_accessible(page)
    page.get_by_label("Cycle").select_option(label="2026-27")
    page.get_by_label("Organisation (leave empty to assess a group)").select_option(label=organisation)
    page.get_by_label("Walkabout", exact=True).check()
    _date(page, "Date of the walkabout", day, "10", "2026")
    counts = page.get_by_role("group", name="Front-line participants (optional)")
    for role, count in participants.items():
        counts.get_by_label(role, exact=True).fill(count)
    page.get_by_role("button", name="Plan assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation)
    assert_accessible(page)
    page.get_by_role("button", name="Start fieldwork").click()
    expect(page.locator(".govuk-tag", has_text="Fieldwork")).to_be_visible()
    assert_accessible(page)


def _record_findings(tab, titles: list[str], rating: str, improvement: str = "") -> None:
    """A finding for every standard, typed on each standard's page."""
    for title in titles:
        tab.get_by_role("link", name=re.compile(f"^Record the finding for {re.escape(title)}$")).click()
        assert_accessible(tab)
        tab.get_by_label(rating, exact=True).check()
        tab.get_by_label("Evidence", exact=True).fill(f"Staff described how {title.lower()} works day to day.")
        if improvement:
            tab.get_by_label("Areas for improvement").fill(improvement)
        tab.get_by_role("button", name="Save finding").click()
        _success(tab, f"Finding recorded for {title}.")


def _agree_for_agency(tab) -> None:
    tab.get_by_role("button", name="Send the findings for agreement").click()
    _success(tab, "")
    tab.get_by_role("button", name="Agree these findings for my agency").click()
    _success(tab, "You agreed the findings for your agency.")


@pytest.mark.browser
def test_a_whole_cycle_for_two_agencies_from_opening_it_to_the_comparison(
    browser, page, live_server, qa_member, agency_lead, other_agency, nursing, charity, tmp_path
):
    if not StandardVersion.objects.exists():  # a live-server test before this one emptied the tables
        version = StandardVersion.objects.create(number=1, published_on=date(2025, 4, 1))
        for position, (key, title, good) in enumerate(STANDARDS_V1, start=1):
            version.standards.create(position=position, key=key, title=title, what_good_looks_like=good)
    titles = list(StandardVersion.objects.order_by("-number").first().standards.values_list("title", flat=True))
    # Last cycle, already closed: the nursing service was red throughout, the charity green.
    last = services.cycle_create(actor=qa_member, name="2025-26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31))
    for organisation, rating in ((nursing, Rating.RED), (charity, Rating.GREEN)):
        before = services.assessment_plan(
            actor=qa_member, cycle=last, route="self_assessment", organisation=organisation
        )
        before = services.assessment_start_fieldwork(assessment=before, actor=qa_member)
        record_all_findings(before, qa_member, rating)

    # The QA Group opens the 2026-27 cycle and plans a walkabout of each agency.
    sign_in(page, live_server, qa_member.email)
    assert_accessible(page)
    page.get_by_role("link", name="Walkabouts", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Cycles", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Open a cycle").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("2026-27")
    _date(page, "First day", "1", "4", "2026")
    _date(page, "Last day", "31", "3", "2027")
    page.get_by_role("button", name="Open cycle").click()
    _success(page, "Cycle 2026-27 opened.")
    page.get_by_role("link", name="Walkabouts", exact=True).click()
    assert_accessible(page)
    _plan_walkabout(page, "Public Health Nursing", "14", {"Health visitors": "3", "Team managers": "1"})
    expect(page.locator(".govuk-summary-list").first).to_contain_text("3 health visitors")
    nursing_url = page.url
    page.get_by_role("link", name="Walkabouts", exact=True).click()
    assert_accessible(page)
    _plan_walkabout(page, "Family Support Network", "21", {"Early help workers": "2"})
    charity_url = page.url

    # The nursing service's lead records every finding, an action and evidence, and agrees the findings.
    lead = _tab(browser, live_server)
    sign_in(lead, live_server, agency_lead.email)
    lead.goto(nursing_url)
    assert_accessible(lead)
    _record_findings(lead, titles, "Green")
    lead.get_by_role("link", name="Add an action").click()
    assert_accessible(lead)
    lead.get_by_label("Action", exact=True).fill("Share the families' survey with every team.")
    lead.get_by_label("Owner", exact=True).fill("Head of service")
    _date(lead, "Due date", "31", "3", "2099")
    lead.get_by_role("button", name="Add action").click()
    _success(lead, "")
    lead.get_by_role("link", name="Add evidence").click()
    assert_accessible(lead)
    evidence = tmp_path / "team-minutes.pdf"
    evidence.write_bytes(pdf_bytes("Minutes"))
    lead.get_by_label("File").set_input_files(str(evidence))
    lead.get_by_label("Describe the evidence").fill("Team meeting minutes")
    lead.get_by_role("button", name="Upload evidence").click()
    expect(lead.get_by_role("link", name="team-minutes.pdf")).to_be_visible()
    assert_accessible(lead)
    _agree_for_agency(lead)

    # The charity's lead gets "Page not found" on the nursing service's walkabout, and records its own.
    other = _tab(browser, live_server)
    sign_in(other, live_server, other_agency.email)
    response = other.goto(nursing_url)
    assert response is not None and response.status == 404
    expect(other.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(other)
    other.goto(charity_url)
    assert_accessible(other)
    _record_findings(other, titles, "Amber", improvement="Record supervision of every worker.")
    _agree_for_agency(other)

    # The QA Group agrees both reports and downloads the nursing service's.
    for url in (charity_url, nursing_url):
        page.goto(url)
        assert_accessible(page)
        page.get_by_role("button", name="Agree the report").click()
        _success(page, "Report agreed: the findings are final.")
    assessment = Assessment.objects.get(cycle__name="2026-27", organisation=nursing)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the walkabout report (PDF)").click()
    assert download.value.suggested_filename == f"section11-2026-27-{assessment.pk}.pdf"
    assert download.value.path().read_bytes()[:4] == b"%PDF"

    # The comparison shows each agency's ratings in this cycle beside last cycle's, in words.
    page.get_by_role("link", name="Walkabouts", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Compare cycles").click()
    assert_accessible(page)
    grid = page.get_by_role("table", name=re.compile("^Rating in 2026-27"))
    nursing_row = grid.get_by_role("row", name=re.compile("Public Health Nursing"))
    expect(nursing_row).to_contain_text("Green")
    expect(nursing_row).to_contain_text("2025-26: Red (improved)")
    charity_row = grid.get_by_role("row", name=re.compile("Family Support Network"))
    expect(charity_row).to_contain_text("Amber")
    expect(charity_row).to_contain_text("2025-26: Green (worse)")
    page.get_by_label("Kind of organisation").select_option(label="Voluntary or community body")
    page.get_by_role("button", name="Apply filters").click()
    assert_accessible(page)
    expect(grid.get_by_role("row", name=re.compile("Family Support Network"))).to_be_visible()
    expect(grid.get_by_role("row", name=re.compile("Public Health Nursing"))).to_have_count(0)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download what is shown (CSV)").click()
    shown = csv_download.value.path().read_text(encoding="utf-8")
    assert "Family Support Network" in shown and "Public Health Nursing" not in shown
    assert "amber" in shown.lower() and "green" in shown.lower()

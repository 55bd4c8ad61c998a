"""A threshold decision that differs from the tool's suggestion, then a disagreement about another
agency's decision answered and escalated by that agency, in a real browser, with axe on every page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from dcfp.models import LocalityPartnership
from dcfp.roles import Role
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory
from tests.thresholds.conftest import TOOL, decision_input
from thresholds import services
from thresholds.models import Disagreement


def _tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.browser
def test_a_decision_then_a_disagreement_escalated_to_stage_2(
    browser, page, live_server, practitioner, qa_member, nursing
):
    tool = services.tool_version_publish(
        version=services.tool_version_create(actor=qa_member, data=TOOL),
        actor=qa_member,
        effective_from=date(2026, 1, 1),
    )
    locality = LocalityPartnership.objects.create(name="Exeter")
    nurse = UserFactory(
        email="nurse@example.org", full_name="Nia Rowe", organisation=nursing, roles=[Role.PRACTITIONER]
    )
    theirs = services.decision_record(
        actor=nurse, data=decision_input(tool, locality, decided_on=date(2026, 11, 2), local_identifier="PHN-7")
    )

    # The school practitioner records a decision at a higher level than the tool suggests.
    sign_in(page, live_server, practitioner.email)
    page.get_by_role("link", name="Threshold decisions", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a threshold decision").first.click()
    assert_accessible(page)
    page.get_by_label("Your agency's reference for the child or family").fill("SCH-42")
    page.get_by_label("Age", exact=True).select_option(label="5 to 9")
    page.get_by_label("Female", exact=True).check()
    page.get_by_label("Ethnicity", exact=True).select_option(label="White")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Locality", exact=True).select_option(label="Exeter")
    page.get_by_label("Missed health checks").check()
    page.get_by_label("Targeted Help", exact=True).check()
    page.get_by_label("Lead practitioner for the early help assessment").fill("Jo Smith, class teacher")
    page.get_by_role("button", name="Save decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Explain why you chose a different level from the one the tool suggests")
    expect(page.locator("#suggestion")).to_contain_text("The tool suggests level 2: Early Help")
    assert_accessible(page)
    page.get_by_label("Your rationale").fill("Two younger siblings have also missed their checks.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Threshold decision TD-\d{4}-\d{6}$"))).to_be_visible()
    expect(page.get_by_text("Differs from suggestion")).to_be_visible()
    assert_accessible(page)

    # ...then raises a disagreement about the nursing service's decision.
    page.get_by_role("link", name="Case disagreements", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Raise a disagreement").first.click()
    page.get_by_label("Another agency").check()
    page.get_by_label("The other agency").select_option(label=nursing.name)
    page.get_by_label("The person you disagree with (optional)").select_option(label=f"Nia Rowe, {nursing.name}")
    page.get_by_label("Risk, need or threshold").check()
    page.get_by_label("What you disagree about and what you think should happen").fill(
        "This child needs more than a health visitor's check: we think Targeted Help."
    )
    page.get_by_label("Threshold decision reference (optional)").fill(theirs.reference)
    assert_accessible(page)
    page.get_by_role("button", name="Raise the disagreement").click()
    reference = Disagreement.objects.get().reference  # CRP-<this year>-0001
    expect(page.get_by_role("heading", name=f"Case disagreement {reference}")).to_be_visible()
    assert_accessible(page)

    # The nurse answers it and escalates it to stage 2.
    tab = _tab(browser, live_server)
    sign_in(tab, live_server, nurse.email)
    tab.get_by_role("link", name=reference).first.click()
    assert_accessible(tab)
    tab.get_by_label("Your response").fill("We saw no other sign of need at the visit.")
    tab.get_by_role("button", name="Add your response").click()
    expect(tab.get_by_text("Your response was added.")).to_be_visible()
    tab.get_by_label("Why it needs to go to the next stage").fill("We still disagree; our managers should meet.")
    tab.get_by_role("button", name="Escalate to stage 2").click()
    expect(tab.get_by_text("Escalated to stage 2: manager to manager.")).to_be_visible()
    assert_accessible(tab)

    # The disagreements report shows it at stage 2.
    tab.get_by_role("link", name="Back to case disagreements").click()
    tab.get_by_role("link", name="Disagreements report").click()
    stage_table = tab.get_by_role("table", name="Stage reached: figures")
    expect(stage_table.get_by_role("row", name="Stage 2: manager to manager 1 100%")).to_be_visible()
    assert_accessible(tab)
    tab.context.close()
    assert Disagreement.objects.get().stage == 2

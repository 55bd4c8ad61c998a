"""Signing in and finding one's way around, in a real browser, by mouse and by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_partner_representative_signs_in_and_sees_who_they_are(page, live_server, partner_rep):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    assert_accessible(page)

    sign_in(page, live_server, partner_rep.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Priya Shah")
    expect(summary).to_contain_text("Devon and Cornwall Police")
    expect(summary).to_contain_text("Safeguarding Partner representative")
    header = page.get_by_role("banner")
    expect(header).to_contain_text("Priya Shah")
    expect(header).to_contain_text("Devon and Cornwall Police")
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)


def test_a_wrong_password_keeps_the_email_and_says_what_is_wrong(page, live_server, partner_rep):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(partner_rep.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value(partner_rep.email)
    assert_accessible(page)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page, live_server, practitioner):
    sign_in(page, live_server, practitioner.email)

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def test_signing_out_returns_to_the_sign_in_page_and_the_dashboard_needs_signing_in_again(
    page, live_server, practitioner
):
    sign_in(page, live_server, practitioner.email)

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/sign-in/"))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    sign_in(page, live_server, practitioner.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")

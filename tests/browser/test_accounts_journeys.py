"""Sign-in security in a real browser: setting up an authenticator, lockout, the timeout warning, and the
API documentation under the content security policy."""

import re
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import PERSONA_PASSWORD, assert_accessible, sign_in

pytestmark = pytest.mark.browser


def next_step_code(device: TOTPDevice) -> str:
    """The code the app will show in the next 30 seconds: accepted now (one step of tolerance) and never
    one already used, however quickly the journey runs."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + device.step
    return f"{generator.token():0{device.digits}d}"


def current_code(device: TOTPDevice) -> str:
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{generator.token():0{device.digits}d}"


def enter_password(page, email, password=PERSONA_PASSWORD):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_first_sign_in_sets_up_the_authenticator_and_the_next_sign_in_asks_for_a_code(page, live_server, agency_lead):
    page.goto(f"{live_server.url}/sign-in/")
    enter_password(page, agency_lead.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.locator("main svg")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=agency_lead, confirmed=False)
    assert re.fullmatch(r"[A-Z2-7]+", secret)

    # A wrong code first: the error summary and the field say so.
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct code")
    assert_accessible(page)

    page.wait_for_timeout(2_500)  # after a wrong code the app waits a moment before trying another
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your authenticator app is set up")
    expect(page.locator(".dcfp-recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("button", name="I have saved my codes, continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/account/")
    enter_password(page, agency_lead.email)
    code_box = page.get_by_label("Enter the code from your authenticator app")
    expect(code_box).to_have_attribute("autocomplete", "one-time-code")
    assert_accessible(page)
    device.refresh_from_db()
    code_box.fill(next_step_code(device))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")


def test_ten_wrong_passwords_lock_the_account_with_a_clear_page(page, live_server, practitioner):
    page.goto(f"{live_server.url}/sign-in/")
    for _ in range(9):
        enter_password(page, practitioner.email, "wrong-password-1")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    enter_password(page, practitioner.email, "wrong-password-1")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in at the moment")
    assert_accessible(page)
    # Even the right password waits for the cool-off.
    page.get_by_role("link", name="try signing in again").click()
    enter_password(page, practitioner.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in at the moment")


@override_settings(SESSION_IDLE_TIMEOUT=timedelta(seconds=12), SESSION_TIMEOUT_WARNING=timedelta(seconds=9))
def test_the_timeout_warning_opens_keeps_the_person_signed_in_and_keeps_what_they_typed(
    page, live_server, practitioner
):
    sign_in(page, live_server, practitioner.email)
    page.goto(f"{live_server.url}/account/")

    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=8_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(dialog.locator(".js-timeout-announce")).to_contain_text("we will sign you out in")
    assert_accessible(page)
    page.keyboard.press("Enter")  # keyboard: Stay signed in
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")

    # Type, then let the session run out: what was typed comes back after signing in again.
    page.get_by_label("Name for a new token").fill("Nightly export")
    with page.expect_navigation(timeout=20_000):
        expect(dialog).to_be_visible(timeout=8_000)  # the warning opens, nobody answers, time runs out
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    expect(page.locator("main")).to_contain_text("We kept what you had typed")
    enter_password(page, practitioner.email)
    device = TOTPDevice.objects.get(user=practitioner, confirmed=True)
    page.get_by_label("Enter the code from your authenticator app").fill(next_step_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_label("Name for a new token")).to_have_value("Nightly export")
    expect(page.locator("main")).to_contain_text("We put back what you had typed")


def test_the_api_documentation_works_under_the_content_security_policy(page, live_server, csprg):
    violations = []

    def watch(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    sign_in(page, live_server, csprg.email)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("DCFP safeguarding review system API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/me/").first).to_be_visible()
    assert violations == []


def test_a_person_makes_an_api_token_sees_it_once_and_revokes_it_by_keyboard(page, live_server, qa_member):
    sign_in(page, live_server, qa_member.email)
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    assert_accessible(page)

    page.get_by_label("Name for a new token").fill("Quarterly report")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new API token")
    token = page.get_by_label("Token").input_value()
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    assert_accessible(page)

    page.get_by_role("link", name="Back to your account").click()
    table = page.get_by_role("table", name="Your API tokens")
    expect(table).to_contain_text("Quarterly report")
    expect(table).to_contain_text(token[:8])
    expect(page.locator("main")).not_to_contain_text(token)
    assert_accessible(page)
    revoke = page.get_by_role("button", name="Revoke token Quarterly report")
    revoke.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Token ‘Quarterly report’ revoked")
    expect(page.locator("main")).to_contain_text("You have no API tokens")


@override_settings(
    SESSION_IDLE_TIMEOUT=timedelta(seconds=30),
    SESSION_ABSOLUTE_TIMEOUT=timedelta(seconds=12),
    SESSION_TIMEOUT_WARNING=timedelta(seconds=10),
)
def test_near_the_absolute_limit_the_warning_says_staying_is_not_possible(page, live_server, practitioner):
    sign_in(page, live_server, practitioner.email)
    page.goto(f"{live_server.url}/account/")
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=10_000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog.get_by_text("as long as one session allows")).to_be_visible()
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Sign out")).to_be_focused()
    assert_accessible(page)

"""Real-browser journeys: Playwright driving the system's Chromium against pytest-django's live server.

Use in a journey:

    from tests.browser.conftest import assert_accessible, sign_in

    @pytest.mark.browser
    def test_something(page, live_server, qa_chair):
        sign_in(page, live_server, qa_chair.email)
        page.get_by_role("link", name="...").click()
        assert_accessible(page)

Personas from tests/conftest.py work here as elsewhere: the live server shares the test database.
"""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

# Sync Playwright runs an event loop in this thread, and Django refuses ORM calls from a thread with a
# running loop unless told the code is really synchronous, as it is here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling home, which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# tests.factories.UserFactory gives every persona this password.
PERSONA_PASSWORD = "correct-horse-battery"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# axe impacts that fail a journey; "moderate" and "minor" findings are reviewed by people instead.
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; every test gets its own context (cookies, storage) from it."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Browser journeys need Chromium at {CHROMIUM} (scripts/test installs it).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server, in British English, failing fast (10 s) on a wait."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page, live_server, user_email: str, password: str = PERSONA_PASSWORD):
    """Sign in through the sign-in page as a person would, and land on the page that follows it.

    Every factor of sign-in is completed here, so a journey that signs in keeps working when sign-in
    gains a step.
    """
    _prepare_second_factor(user_email)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(user_email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    _second_factor(page, user_email)
    return page


# The second sign-in step lives in these two functions and nowhere else.


def _prepare_second_factor(user_email: str) -> None:
    """Give the person a confirmed authenticator (TOTP device) unless they have one, as after set-up."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(email=user_email)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _second_factor(page, user_email: str) -> None:
    """When the page asks for a one-time code, type the one the person's authenticator shows now."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code_box = page.locator("input[autocomplete='one-time-code']")
    if code_box.count() == 0:  # no second step asked for (demo mode, or already verified)
        return
    device = TOTPDevice.objects.get(user__email=user_email, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        # This time step's code was used by an earlier sign-in and would be refused as a replay: the next
        # step's code is within the device's tolerance.
        totp.time = time.time() + device.step
    code_box.fill(f"{totp.token():0{device.digits}d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now and fail listing every serious or critical violation.

    axe is evaluated through the DevTools protocol, which the page's content security policy does not
    govern, rather than injected as an inline script tag, which it blocks.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"{len(blocking)} serious or critical accessibility violation(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
            lines.extend(f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"])
        pytest.fail("\n".join(lines), pytrace=False)

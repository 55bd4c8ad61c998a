"""Sign-in by email and password, then a second factor (TOTP or a recovery code); lockout by account."""

import re

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dcfp.audit.models import AuditEvent
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def code_for(device: TOTPDevice, at=None) -> str:
    t = at.timestamp() if at else None
    kwargs = {"t0": device.t0, "digits": device.digits, "drift": device.drift}
    value = totp(device.bin_key, device.step, **kwargs) if t is None else _totp_at(device, t)
    return f"{value:0{device.digits}d}"


def _totp_at(device, t):
    from django_otp.oath import TOTP

    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = t
    return generator.token()


def password_step(client, user, password=PASSWORD, next_url=None):
    data = {"username": user.email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/sign-in/", data)


@pytest.fixture
def person(council):
    return UserFactory(email="sam@example.org", full_name="Sam Ward", organisation=council, password=PASSWORD)


@pytest.fixture
def enrolled(person):
    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    return person, device


# Password step ---------------------------------------------------------------------------------------


def test_wrong_password_unknown_account_and_deactivated_account_get_the_same_answer(client, person, council):
    gone = UserFactory(email="gone@example.org", organisation=council, password=PASSWORD)
    gone.is_active = False
    gone.save()
    answers = []
    for email, password in [
        ("sam@example.org", "not-the-password"),
        ("nobody@example.org", PASSWORD),
        ("gone@example.org", PASSWORD),
    ]:
        response = client.post("/sign-in/", {"username": email, "password": password})
        page = response.content.decode()
        error = re.search(r'govuk-error-summary__list">\s*(.*?)\s*</ul>', page, re.S).group(1)
        answers.append((response.status_code, error))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 200
    assert "Enter a correct email address and password" in answers[0][1]


def test_an_empty_sign_in_form_says_what_to_enter_and_keeps_the_email(client, db):
    page = client.post("/sign-in/", {"username": "sam@example.org", "password": ""}).content.decode()
    assert "Enter your password" in page
    assert 'value="sam@example.org"' in page
    assert 'href="#id_password"' in page


def test_signing_in_gives_a_new_session_key(client, person):
    client.get("/sign-in/")
    client.cookies["sessionid"] = "x" * 32  # a key planted before sign-in (session fixation)
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    password_step(client, person)
    assert client.session.session_key != before
    assert client.cookies["sessionid"].value != before


def test_with_mfa_on_the_password_alone_leads_to_setting_up_an_authenticator(client, person):
    response = password_step(client, person, next_url="/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/mfa/set-up/?next=%2Faccount%2F"
    # The password alone opens nothing else.
    assert client.get("/").status_code == 302
    assert client.get("/").url.startswith("/account/mfa/set-up/")
    assert client.get("/admin/").url.startswith("/account/mfa/set-up/")


@override_settings(MFA_REQUIRED=False)
def test_with_mfa_off_as_in_demo_the_password_is_enough(client, person):
    response = password_step(client, person)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_person_with_an_app_is_asked_for_a_code_even_in_demo(client, enrolled):
    person, _ = enrolled
    with override_settings(MFA_REQUIRED=False):
        response = password_step(client, person)
    assert response["Location"].startswith("/account/mfa/verify/")


# Enrolment ---------------------------------------------------------------------------------------------


def test_set_up_page_shows_an_inline_svg_qr_code_and_the_key_as_text(client, person):
    password_step(client, person)
    response = client.get("/account/mfa/set-up/")
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    assert "<svg " in page
    assert "data:" not in page
    assert "<img" not in page.split('id="main-content"')[1]
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert shown.replace(" ", "") == secret
    assert 'autocomplete="one-time-code"' in page
    # Reloading shows the same key (one unconfirmed device), so a slow scanner is not confused.
    client.get("/account/mfa/set-up/")
    assert TOTPDevice.objects.filter(user=person).count() == 1


def test_a_wrong_code_at_set_up_is_an_error_and_confirms_nothing(client, person):
    password_step(client, person)
    client.get("/account/mfa/set-up/")
    page = client.post("/account/mfa/set-up/", {"code": "000000x"}).content.decode()
    assert "There is a problem" in page
    assert "Enter a correct code" in page
    assert not TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_setting_up_with_a_correct_code_signs_in_shows_ten_recovery_codes_once_and_is_audited(client, person):
    password_step(client, person, next_url="/account/")
    client.get("/account/mfa/set-up/?next=/account/")
    device = TOTPDevice.objects.get(user=person)
    response = client.post("/account/mfa/set-up/", {"code": code_for(device), "next": "/account/"})
    page = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert 'href="/account/"' in page
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action="mfa.enrolled")
    assert event.actor == person and event.target_id == str(person.pk)
    assert not any(code in str(event.changes) for code in codes)
    # The codes are not shown again anywhere.
    assert not any(code in client.get("/account/").content.decode() for code in codes)


def test_set_up_is_refused_once_a_person_has_an_app(client, enrolled):
    person, _ = enrolled
    password_step(client, person)
    response = client.get("/account/mfa/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/mfa/verify/")
    assert client.post("/account/mfa/set-up/", {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=person).count() == 1


def test_mfa_pages_need_the_password_first(client, db):
    assert client.get("/account/mfa/set-up/").url.startswith("/sign-in/")
    assert client.get("/account/mfa/verify/").url.startswith("/sign-in/")


# Every sign-in after the first --------------------------------------------------------------------------


def test_a_code_from_the_app_completes_sign_in_and_returns_to_the_page_asked_for(client, enrolled):
    person, device = enrolled
    response = password_step(client, person, next_url="/account/")
    assert response["Location"] == "/account/mfa/verify/?next=%2Faccount%2F"
    key_before = client.session.session_key
    response = client.post("/account/mfa/verify/", {"code": code_for(device), "next": "/account/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session.session_key != key_before
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_does_not_sign_in(client, enrolled):
    person, device = enrolled
    password_step(client, person)
    good = code_for(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    page = client.post("/account/mfa/verify/", {"code": wrong}).content.decode()
    assert "Enter a correct code" in page
    assert 'aria-describedby="id_code-hint id_code-error"' in page
    assert client.get("/").status_code == 302


def test_a_code_cannot_be_used_twice(client, enrolled):
    person, device = enrolled
    password_step(client, person)
    code = code_for(device)
    assert client.post("/account/mfa/verify/", {"code": code}).status_code == 302
    client.post("/sign-out/")
    password_step(client, person)
    page = client.post("/account/mfa/verify/", {"code": code}).content.decode()
    assert "Enter a correct code" in page


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(client, person):
    password_step(client, person)
    client.get("/account/mfa/set-up/")
    device = TOTPDevice.objects.get(user=person)
    page = client.post("/account/mfa/set-up/", {"code": code_for(device)}).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    client.post("/sign-out/")

    password_step(client, person)
    response = client.post("/account/mfa/verify/", {"code": codes[0].upper()[:4] + " " + codes[0][4:]}, follow=True)
    assert response.status_code == 200
    assert "You used a recovery code. You have 9 left" in response.content.decode()
    client.post("/sign-out/")

    password_step(client, person)
    assert "Enter a correct code" in client.post("/account/mfa/verify/", {"code": codes[0]}).content.decode()


def test_recovery_codes_can_be_regenerated_and_the_old_ones_stop_working(client, sign_in, person):
    sign_in(person)
    from dcfp.accounts.services import _new_recovery_codes

    old = _new_recovery_codes(person)
    page = client.post("/account/recovery-codes/").content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True)) == set(new)
    assert AuditEvent.objects.filter(action="mfa.recovery_codes_regenerated", actor=person).count() == 1


# Lockout ------------------------------------------------------------------------------------------------


def _fail(client, email, times):
    for _ in range(times):
        client.post("/sign-in/", {"username": email, "password": "wrong-password-1"})


def test_ten_failures_lock_the_account_even_with_the_right_password(client, person):
    _fail(client, person.email, 10)
    response = password_step(client, person)
    assert response.status_code == 429
    page = response.content.decode()
    assert "You cannot sign in at the moment" in page
    assert "govuk-heading-l" in page
    assert client.get("/").status_code == 302


def test_an_unknown_account_is_locked_out_with_exactly_the_same_answer(client, person):
    _fail(client, person.email, 10)
    known = password_step(client, person)
    _fail(client, "nobody@example.org", 10)
    unknown = client.post("/sign-in/", {"username": "nobody@example.org", "password": PASSWORD})

    def body(response):
        # The CSRF token and the script nonce differ by request; everything else must match.
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return re.sub(r'nonce="[^"]+"', "", page)

    assert known.status_code == unknown.status_code == 429
    assert body(known) == body(unknown)


def test_changing_the_case_of_the_email_does_not_buy_more_guesses(client, person):
    for n in range(10):
        variant = person.email.upper() if n % 2 else f" {person.email.title()} "
        client.post("/sign-in/", {"username": variant, "password": "wrong-password-1"})
    assert password_step(client, person).status_code == 429


def test_an_address_too_long_to_exist_is_refused_and_counted_not_a_server_error(client, db):
    long_address = "a" * 300 + "@example.org"
    response = client.post("/sign-in/", {"username": long_address, "password": "wrong-password-1"})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    _fail(client, long_address, 9)
    assert client.post("/sign-in/", {"username": long_address, "password": "wrong-password-1"}).status_code == 429


def test_nine_failures_do_not_lock_and_a_success_clears_them(client, person):
    _fail(client, person.email, 9)
    assert password_step(client, person).status_code == 302
    client.post("/sign-out/")
    _fail(client, person.email, 9)
    assert password_step(client, person).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, person):
    _fail(client, person.email, 10)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=16)):
        assert password_step(client, person).status_code == 302

"""Session limits (30 minutes idle, 12 hours absolute), drafts kept at timeout, deactivation, no-store."""

import re
from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken

from dcfp import services as core_services
from dcfp.accounts import drafts
from dcfp.accounts.models import Draft, SessionRecord
from dcfp.accounts.services import api_token_create
from dcfp.audit.models import AuditEvent
from tests.conftest import signed_in

MINUTE = timedelta(minutes=1)


def test_a_session_ends_after_30_minutes_without_activity(client, sign_in, csprg):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(csprg)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + 29 * MINUTE, tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + 58 * MINUTE, tick=False):
        assert client.get("/").status_code == 200  # activity at 29 minutes renewed it
    with time_machine.travel(start + 89 * MINUTE, tick=False):
        response = client.get("/account/")
        assert response.status_code == 302
        assert response["Location"] == "/sign-in/?next=/account/"
        page = client.get(response["Location"]).content.decode()
        assert "You were signed out because you had not done anything for 30 minutes" in page
        assert client.get("/").status_code == 302


def test_a_session_ends_after_12_hours_however_active(client, sign_in, csprg):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(csprg)
        client.get("/")
    for quarter in range(1, 48):
        with time_machine.travel(start + quarter * 15 * MINUTE, tick=False):
            assert client.get("/").status_code == 200, quarter
    with time_machine.travel(start + 12 * 60 * MINUTE + MINUTE, tick=False):
        response = client.get("/", follow=True)
        assert "signed in for 12 hours" in response.content.decode()
        assert response.request["PATH_INFO"] == "/sign-in/"


def test_the_keep_alive_renews_the_idle_limit(client, sign_in, csprg):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(csprg)
        client.get("/")
    with time_machine.travel(start + 28 * MINUTE, tick=False):
        response = client.post("/account/keep-alive/")
        assert response.status_code == 200
        assert response.json() == {"signed_in": True, "expires_in": 30 * 60}
    with time_machine.travel(start + 50 * MINUTE, tick=False):
        assert client.get("/").status_code == 200


def test_the_page_tells_the_timeout_warning_how_long_is_left(client, sign_in, csprg):
    page = sign_in(csprg).get("/").content.decode()
    assert 'id="timeout-warning"' in page
    assert 1795 <= int(re.search(r'data-expires-in="(\d+)"', page).group(1)) <= 1800
    assert 'data-warn-before="120"' in page
    assert "js/timeout-warning.js" in page
    client.post("/sign-out/")
    assert 'id="timeout-warning"' not in client.get("/sign-in/").content.decode()


def test_what_was_typed_on_a_timed_out_session_is_kept_and_restored_after_signing_in(client, sign_in, csprg):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(csprg)
        client.get("/account/")
    with time_machine.travel(start + 45 * MINUTE, tick=False):
        response = client.post("/account/", {"name": "Quarterly returns script", "password": "hunter2-hunter2"})
        assert response.status_code == 302
        assert response["Location"] == "/sign-in/?next=/account/"
        assert not AuthToken.objects.filter(user=csprg).exists()  # nothing was acted on
        draft = Draft.objects.get(user=csprg, path="/account/")
        assert draft.data == {"name": ["Quarterly returns script"]}  # no password, no CSRF token
        assert "We kept what you had typed" in client.get("/sign-in/?next=/account/").content.decode()
        signed_in(client, csprg)
        page = client.get("/account/").content.decode()
        assert 'value="Quarterly returns script"' in page
        assert drafts.RESTORED_MESSAGE.split(".")[0] in page
        assert not Draft.objects.filter(user=csprg).exists()
        # Restored once: the next visit shows an empty form.
        assert 'value="Quarterly returns script"' not in client.get("/account/").content.decode()


def test_a_form_the_warning_posts_on_a_live_session_is_kept_not_acted_on(client, sign_in, csprg):
    sign_in(csprg)
    response = client.post("/account/", {"name": "Half-typed", "_dcfp_timeout": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert not AuthToken.objects.filter(user=csprg).exists()
    assert 'value="Half-typed"' in client.get("/account/").content.decode()


def test_drafts_older_than_a_week_are_deleted_whoever_they_belong_to(client, sign_in, csprg, practitioner):
    old = Draft.objects.create(user=practitioner, path="/account/", data={"name": ["Old"]})
    Draft.objects.filter(pk=old.pk).update(saved_at=timezone.now() - timezone.timedelta(days=8))
    sign_in(csprg)
    client.post("/account/", {"name": "New", "_dcfp_timeout": "1"})
    assert list(Draft.objects.values_list("user__email", flat=True)) == [csprg.email]


def test_a_draft_is_for_its_own_person_only(client, sign_in, csprg, practitioner):
    Draft.objects.create(user=csprg, path="/account/", data={"name": ["Casey's draft"]})
    page = sign_in(practitioner).get("/account/").content.decode()
    assert "Casey's draft" not in page
    assert Draft.objects.filter(user=csprg).exists()


def test_drafts_restore_into_initial_data_through_each_widget(rf, csprg):
    from django import forms

    class Example(forms.Form):
        summary = forms.CharField()
        categories = forms.MultipleChoiceField(
            choices=[("neglect", "Neglect"), ("physical", "Physical")], widget=forms.CheckboxSelectMultiple
        )
        otp_code = forms.CharField()

    Draft.objects.create(
        user=csprg,
        path="/incidents/new/",
        data={"x-summary": ["A fall"], "x-categories": ["neglect", "physical"], "x-otp_code": ["123456"]},
    )
    request = rf.get("/incidents/new/")
    request.user = csprg
    request.session = {}
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    assert drafts.restore_initial(request, Example, prefix="x") == {
        "summary": "A fall",
        "categories": ["neglect", "physical"],
    }


# Deactivation ------------------------------------------------------------------------------------------


def test_deactivating_a_person_ends_all_their_sessions_and_tokens_at_once(client, csprg, admin_user):
    from django.test import Client

    laptop, phone = Client(), Client()
    signed_in(laptop, csprg).get("/")
    signed_in(phone, csprg).get("/")
    _, token = api_token_create(user=csprg, name="Script")
    assert SessionRecord.objects.filter(user=csprg).count() == 2
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200

    Draft.objects.create(user=csprg, path="/account/", data={"name": ["Half-typed"]})

    core_services.person_deactivate(user=csprg, actor=admin_user)

    assert not Draft.objects.filter(user=csprg).exists()

    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert not AuthToken.objects.filter(user=csprg).exists()
    keys = SessionRecord.objects.filter(user=csprg).values_list("session_key", flat=True)
    assert not Session.objects.filter(session_key__in=list(keys)).exists()
    event = AuditEvent.objects.get(action="person.deactivated")
    assert event.actor == admin_user and event.target_id == str(csprg.pk)
    assert event.changes["detail"] == {"sessions_ended": 2, "api_tokens_revoked": 1}
    csprg.refresh_from_db()
    assert not csprg.is_active


def test_every_signed_in_response_is_no_store_and_the_sign_in_page_is_not_personal(client, sign_in, csprg):
    sign_in(csprg)
    for path in ["/", "/account/"]:
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
    assert "no-store" in client.get("/api/v1/me/")["Cache-Control"]


@override_settings(MFA_REQUIRED=True)
def test_a_session_that_has_not_passed_the_second_factor_cannot_use_the_api(client, csprg):
    client.force_login(csprg)
    assert client.get("/api/v1/me/").status_code == 401
    signed_in(client, csprg)
    assert client.get("/api/v1/me/").status_code == 200


def test_a_generic_form_view_restores_a_draft_through_the_mixin(rf, csprg):
    from django import forms
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.views.generic import FormView

    class NoteForm(forms.Form):
        note = forms.CharField()

    class NoteView(drafts.DraftRestoreMixin, FormView):
        form_class = NoteForm
        template_name = "unused.html"

    Draft.objects.create(user=csprg, path="/notes/new/", data={"note": ["Seen at school on Monday"]})
    request = rf.get("/notes/new/")
    request.user = csprg
    request.session = {}
    request._messages = FallbackStorage(request)
    view = NoteView()
    view.setup(request)
    form = view.get_form()
    assert form.initial == {"note": "Seen at school on Monday"}
    assert not form.is_bound
    assert [str(m) for m in get_messages(request)] == [drafts.RESTORED_MESSAGE]

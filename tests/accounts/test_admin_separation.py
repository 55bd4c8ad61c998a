"""The admin role manages people and organisations and never reaches case content; superuser status
grants no case access; administrators reset authenticators and deactivate people through audited services."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dcfp import permissions
from dcfp.accounts.checks import no_demo_superusers
from dcfp.audit.models import AuditEvent
from dcfp.models import User
from tests.conftest import assert_not_found

CASE_APPS = ["notifications", "rapid_reviews", "walkabouts", "thresholds", "audit"]


def case_models():
    return [m for label in CASE_APPS for m in apps.get_app_config(label).get_models()]


def test_no_case_model_is_registered_in_the_admin_site():
    registered = {m._meta.app_label for m in admin.site._registry}
    assert not registered & set(CASE_APPS), registered


def test_the_admin_role_opens_people_but_no_case_model_admin_page(client, sign_in, admin_user):
    sign_in(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:dcfp_user_changelist")).status_code == 200
    index = client.get("/admin/").content.decode()
    assert case_models()
    assert all(f"/admin/{m._meta.app_label}/" not in index for m in case_models())
    for model in case_models():
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert_not_found(client.get(url))


def test_the_admin_role_holds_no_permission_on_any_case_model(admin_user):
    for model in case_models():
        for action in ("view", "add", "change", "delete"):
            assert not admin_user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


@pytest.fixture
def incident(csprg, devon):
    from notifications import services as notification_services
    from tests.notifications.conftest import incident_input

    return notification_services.incident_create(actor=csprg, data=incident_input(devon))


@pytest.mark.parametrize("superuser", [False, True])
def test_neither_the_admin_role_nor_superuser_status_shows_any_case(superuser, admin_user, csprg, incident):
    admin_user.is_superuser = superuser
    admin_user.save()
    assert permissions.scope(csprg, type(incident).objects.all()).exists()  # the case is there to be seen
    for model in case_models():
        assert list(permissions.scope(admin_user, model._default_manager.all())) == [], model
    assert not permissions.has_object_permission(admin_user, "view", incident)


def _case_routes():
    """Every routed page whose view lives in a case app, as (route, takes_pk)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.callback.__module__.split(".")[0] in CASE_APPS:
                found.append((prefix + str(p.pattern), "<int:pk>" in str(p.pattern)))

    walk(get_resolver().url_patterns, "/")
    return found


@pytest.mark.parametrize("superuser", [False, True])
def test_admin_gets_404_on_every_case_page_and_sees_no_case_content(client, sign_in, admin_user, incident, superuser):
    routes = _case_routes()
    assert routes, "the case apps' pages must be found, or this test proves nothing"
    admin_user.is_superuser = superuser
    admin_user.save()
    sign_in(admin_user)
    child = incident.children.first()
    # Pages keyed by something other than the case are left out.
    keyed = [r.replace("<int:pk>", str(incident.pk)) for r, pk in routes if pk and "<" not in r.replace("<int:pk>", "")]
    unkeyed = [r for r, pk in routes if not pk and "<" not in r]
    assert keyed and unkeyed
    for url in keyed:
        # Each is asked both ways; an action answers 405 to the method it does not take, a page 404.
        answers = [client.get(url), _post(client, url)]
        assert {a.status_code for a in answers} <= {404, 405}, url
        not_found = [a for a in answers if a.status_code == 404]
        assert not_found, url
        for answer in not_found:
            assert_not_found(answer)
    for url in unkeyed:
        for answer in (client.get(url), _post(client, url)):
            body = answer.content.decode()
            assert incident.summary not in body and child.name not in body, url


def _post(client, url):
    as_json = {"content_type": "application/json"} if url.startswith("/api/") else {}
    return client.post(url, {}, **as_json)


def test_no_demo_account_is_a_superuser(db):
    call_command("load_demo", verbosity=0)
    assert not User.objects.filter(is_demo=True, is_superuser=True).exists()
    assert no_demo_superusers(None, databases=["default"]) == []
    User.objects.filter(email__startswith="admin@").update(is_superuser=True)
    assert [e.id for e in no_demo_superusers(None, databases=["default"])] == ["accounts.E002"]


def test_an_administrator_resets_a_persons_authenticator_which_ends_their_sessions(client, sign_in, admin_user, csprg):
    from django.test import Client

    victim = Client()
    from tests.conftest import signed_in

    signed_in(victim, csprg).get("/")
    StaticDevice.objects.create(user=csprg, name="Recovery codes", confirmed=True)
    sign_in(admin_user)
    response = client.post(
        reverse("admin:dcfp_user_changelist"),
        {"action": "reset_authenticator", "_selected_action": [csprg.pk]},
        follow=True,
    )
    assert "Reset the authenticator app of 1 people" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=csprg).exists()
    assert not StaticDevice.objects.filter(user=csprg).exists()
    assert victim.get("/").status_code == 302
    event = AuditEvent.objects.get(action="mfa.reset")
    assert event.actor == admin_user and event.target_id == str(csprg.pk)


def test_unticking_active_in_the_admin_deactivates_through_the_service(client, sign_in, admin_user, csprg):
    sign_in(admin_user)
    response = client.post(
        reverse("admin:dcfp_user_changelist"),
        {"action": "deactivate", "_selected_action": [csprg.pk]},
        follow=True,
    )
    assert response.status_code == 200
    csprg.refresh_from_db()
    assert not csprg.is_active
    assert AuditEvent.objects.filter(action="person.deactivated", actor=admin_user).count() == 1


def test_unticking_active_on_the_person_page_ends_their_sessions_through_the_service(
    client, sign_in, admin_user, csprg
):
    from django.test import Client

    from tests.conftest import signed_in

    their_browser = Client()
    signed_in(their_browser, csprg).get("/")
    sign_in(admin_user)
    response = client.post(
        reverse("admin:dcfp_user_change", args=[csprg.pk]),
        {
            "email": csprg.email,
            "full_name": "Casey Price-Jones",
            "job_title": "",
            "organisation": csprg.organisation_id,
            "groups": list(csprg.groups.values_list("pk", flat=True)),
            # "is_active" left unticked
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    csprg.refresh_from_db()
    assert not csprg.is_active
    assert csprg.full_name == "Casey Price-Jones"  # the other changes are saved too
    assert their_browser.get("/").status_code == 302
    assert AuditEvent.objects.get(action="person.deactivated").changes["detail"]["sessions_ended"] == 1


@pytest.mark.parametrize("page", ["config", "qrcode"])
@pytest.mark.parametrize("superuser", [False, True])
def test_authenticator_pages_in_the_admin_are_404_for_a_missing_device_and_never_show_a_key(
    page, superuser, client, sign_in, admin_user, csprg
):
    admin_user.is_superuser = superuser
    admin_user.save()
    sign_in(admin_user)
    client.raise_request_exception = False
    assert_not_found(client.get(f"/admin/otp_totp/totpdevice/999999/{page}/"))
    device = TOTPDevice.objects.create(user=csprg, name="Phone", confirmed=True)
    response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{page}/")
    assert response.status_code == 403
    assert device.key not in response.content.decode()

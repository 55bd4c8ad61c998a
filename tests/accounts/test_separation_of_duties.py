"""Separation of duties for administrators: nobody changes their own roles; roles, organisation and
activation change through audited services; nobody sets or sees another person's password, and a
one-time set-up link by email is the first password and everyone's reset."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from dcfp import permissions, services
from dcfp.alerts.models import OutboundEmail
from dcfp.audit.models import AuditEvent
from dcfp.models import User
from dcfp.roles import Role, roles_of
from tests.factories import UserFactory

NEW_PASSWORD = "a-long-new-passphrase-2026"


def _person_form(user, **changes) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "organisation": user.organisation_id,
        "is_active": "on" if user.is_active else "",
        "roles": sorted(roles_of(user)),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _events(action, user):
    return AuditEvent.objects.filter(action=action, target_type="dcfp.user", target_id=str(user.pk))


def test_an_administrator_cannot_give_themselves_a_role_in_the_admin_site(client, sign_in, admin_user):
    sign_in(admin_user)
    url = reverse("admin:dcfp_user_change", args=[admin_user.pk])
    page = client.get(url).content.decode()
    assert 'name="roles"' not in page and 'name="organisation"' not in page and 'name="is_active"' not in page
    client.post(url, _person_form(admin_user, roles=[Role.ADMIN, Role.CSPRG]))
    fresh = User.objects.get(pk=admin_user.pk)
    assert roles_of(fresh) == {Role.ADMIN}
    assert not _events("person.roles_changed", admin_user).exists()


def test_nobody_changes_their_own_roles_or_organisation_through_the_services(admin_user, school):
    with pytest.raises(PermissionDenied, match="your own roles"):
        services.person_set_roles(user=admin_user, roles=[Role.ADMIN, Role.CSPRG], actor=admin_user)
    with pytest.raises(PermissionDenied, match="your own organisation"):
        services.person_move(user=admin_user, organisation=school, actor=admin_user)
    assert roles_of(User.objects.get(pk=admin_user.pk)) == {Role.ADMIN}


def test_a_role_change_in_the_admin_site_is_in_the_hash_chained_audit_trail(client, sign_in, admin_user, practitioner):
    sign_in(admin_user)
    url = reverse("admin:dcfp_user_change", args=[practitioner.pk])
    client.post(url, _person_form(practitioner, roles=[Role.PRACTITIONER, Role.AGENCY_LEAD]))
    assert roles_of(User.objects.get(pk=practitioner.pk)) == {Role.PRACTITIONER, Role.AGENCY_LEAD}
    event = _events("person.roles_changed", practitioner).get()
    assert event.actor == admin_user
    assert event.changes["before"] == {"roles": [Role.PRACTITIONER]}
    assert event.changes["after"] == {"roles": [Role.AGENCY_LEAD, Role.PRACTITIONER]}
    call_command("verify_audit")


def test_an_organisation_move_in_the_admin_site_moves_the_group_and_is_audited(
    client, sign_in, admin_user, practitioner, school, charity, make_case
):
    case = make_case()
    permissions.grant("view", school, case)
    assert permissions.has_object_permission(practitioner, "view", case)
    sign_in(admin_user)
    client.post(
        reverse("admin:dcfp_user_change", args=[practitioner.pk]), _person_form(practitioner, organisation=charity.pk)
    )
    moved = User.objects.get(pk=practitioner.pk)
    assert moved.organisation == charity
    assert set(moved.groups.filter(organisation__isnull=False)) == {charity.group}
    assert not permissions.has_object_permission(moved, "view", case)
    event = _events("person.moved", practitioner).get()
    assert event.changes["before"]["organisation"] == school.pk and event.changes["after"]["organisation"] == charity.pk


def test_deactivating_and_reactivating_in_the_admin_site_are_audited(client, sign_in, admin_user, practitioner):
    sign_in(admin_user)
    url = reverse("admin:dcfp_user_change", args=[practitioner.pk])
    client.post(url, _person_form(practitioner, is_active=""))
    assert not User.objects.get(pk=practitioner.pk).is_active
    client.post(url, _person_form(User.objects.get(pk=practitioner.pk), is_active="on"))
    assert User.objects.get(pk=practitioner.pk).is_active
    assert _events("person.deactivated", practitioner).count() == 1
    assert _events("person.activated", practitioner).count() == 1


def test_the_admin_site_never_sets_a_password(client, sign_in, admin_user, practitioner):
    sign_in(admin_user)
    page = client.get(reverse("admin:dcfp_user_change", args=[practitioner.pk])).content.decode()
    assert 'type="password"' not in page and f"/admin/dcfp/user/{practitioner.pk}/password/" not in page
    add_page = client.get(reverse("admin:dcfp_user_add")).content.decode()
    assert 'type="password"' not in add_page
    client.raise_request_exception = False
    client.post(f"/admin/dcfp/user/{practitioner.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not User.objects.get(pk=practitioner.pk).check_password(NEW_PASSWORD)


def _link_in(email: OutboundEmail) -> str:
    found = re.search(r"https?://[^/\s]+(/set-up/\S+)", email.body)
    assert found is not None, email.body
    return found.group(1)


def test_a_new_person_gets_a_set_up_link_the_administrator_never_sees(client, sign_in, admin_user, school):
    sign_in(admin_user)
    response = client.post(
        reverse("admin:dcfp_user_add"),
        {
            "email": "New.Person@Example.org",
            "full_name": "New Person",
            "organisation": school.pk,
            "roles": "practitioner",
        },
        follow=True,
    )
    person = User.objects.get(email="new.person@example.org")
    assert roles_of(person) == {Role.PRACTITIONER}
    assert not person.has_usable_password()
    email = OutboundEmail.objects.get(recipient=person)
    link = _link_in(email)
    assert link not in response.content.decode()
    assert _events("person.created", person).get().actor == admin_user
    assert _events("person.setup_link_sent", person).get().actor == admin_user

    client.post("/admin/logout/")
    client.logout()
    set_page = client.get(link, follow=True)
    assert "Set your password" in set_page.content.decode()
    done = client.post(
        set_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your password is set" in done.content.decode()
    assert User.objects.get(pk=person.pk).check_password(NEW_PASSWORD)
    assert _events("person.password_set", person).get().actor == person
    # The link worked once.
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_anyone_resets_their_password_by_email_and_the_answer_never_says_whether_the_address_exists(
    client, practitioner
):
    known = client.post(reverse("setup-request"), {"email": " PRACTITIONER@example.org"})
    unknown = client.post(reverse("setup-request"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("setup-sent")
    assert OutboundEmail.objects.filter(to_address="practitioner@example.org").count() == 1
    assert OutboundEmail.objects.count() == 1
    assert _events("person.setup_link_sent", practitioner).get().actor_label == "system: set-up link request"


def test_set_up_links_are_throttled_like_lockout(client, practitioner, time_machine):
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    time_machine.move_to(start, tick=False)
    for _ in range(5):
        client.post(reverse("setup-request"), {"email": practitioner.email})
    assert OutboundEmail.objects.filter(recipient=practitioner).count() == 3
    time_machine.move_to(start + timedelta(minutes=16), tick=False)
    client.post(reverse("setup-request"), {"email": practitioner.email})
    assert OutboundEmail.objects.filter(recipient=practitioner).count() == 4


def test_a_deactivated_person_is_sent_no_link(client, practitioner, admin_user):
    services.person_deactivate(user=practitioner, actor=admin_user)
    client.post(reverse("setup-request"), {"email": practitioner.email})
    assert not OutboundEmail.objects.filter(recipient=practitioner).exists()


def test_setting_a_password_from_a_link_ends_every_session(client, sign_in, practitioner):
    from dcfp.accounts.models import SessionRecord
    from dcfp.accounts.services import password_set_by_link, session_track

    session_track(user=practitioner, session_key="k" * 32)
    password_set_by_link(user=practitioner, password=NEW_PASSWORD)
    assert not SessionRecord.objects.filter(user=practitioner).exists()


@pytest.fixture
def make_case(csprg):
    from datetime import date

    from notifications.models import Incident

    def make():
        return Incident.objects.create(
            reference=f"SOD-{Incident.objects.count() + 1}",
            occurred_on=date(2026, 11, 2),
            aware_on=date(2026, 11, 3),
            notification_due_on=date(2026, 11, 10),
            nature=Incident.Nature.SERIOUS_HARM,
            abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
            summary="A baby was admitted to hospital with unexplained fractures.",
            created_by=csprg,
        )

    return make


def test_a_person_made_by_the_system_has_no_usable_password_until_they_set_one(council):
    person = UserFactory(email="fresh@example.org", organisation=council, password=None)
    assert not person.has_usable_password()


def test_the_command_line_sends_the_first_administrator_a_set_up_link(admin_user):
    call_command("send_setup_link", " ADMIN@example.org")
    email = OutboundEmail.objects.get(recipient=admin_user)
    assert "/set-up/" in email.body

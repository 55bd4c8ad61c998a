"""Access ends when its reason ends: a role removed, a deactivation or a move to another organisation
takes effect on every object grant at once, on pages and the API."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from knox.models import AuthToken

from dcfp import permissions as perms
from dcfp import services
from dcfp.roles import Role
from notifications import services as notification_services
from notifications.models import Incident
from tests.factories import UserFactory
from tests.notifications.conftest import incident_input


@pytest.fixture
def copied(csprg, qa_chair, partner_rep, executive, devon):
    """An incident agreed, and so copied to the Executive member."""
    incident = notification_services.incident_create(actor=csprg, data=incident_input(devon))
    notification_services.incident_submit_for_agreement(incident=incident, actor=csprg)
    notification_services.incident_agree(incident=incident, actor=qa_chair)
    return notification_services.incident_agree(incident=incident, actor=partner_rep)


def _api(client, executive, incident):
    token = AuthToken.objects.create(executive)[1]
    return client.get(
        reverse("api:incident-detail", args=[incident.pk]), HTTP_AUTHORIZATION=f"Token {token}"
    ).status_code


def test_an_executive_member_whose_role_is_removed_no_longer_opens_their_copies(
    client, sign_in, admin_user, executive, copied
):
    sign_in(executive)
    assert client.get(reverse("notifications:detail", args=[copied.pk])).status_code == 200
    services.person_set_roles(user=executive, roles=[Role.PRACTITIONER], actor=admin_user)
    assert client.get(reverse("notifications:detail", args=[copied.pk])).status_code == 404
    assert copied.reference not in client.get(reverse("notifications:list")).content.decode()
    assert _api(client, executive, copied) == 404
    assert not perms.scope(executive, Incident.objects.all()).exists()


def test_a_grant_to_a_person_counts_only_while_they_hold_the_role_it_was_given_for(admin_user, executive, copied):
    other = Incident.objects.exclude(pk=copied.pk).first() or copied
    perms.grant("view", executive, other)
    assert perms.has_object_permission(executive, "view", other)
    services.person_set_roles(user=executive, roles=[], actor=admin_user)
    assert not perms.has_object_permission(executive, "view", other)
    services.person_set_roles(user=executive, roles=[Role.EXECUTIVE], actor=admin_user)
    assert perms.has_object_permission(executive, "view", other)


def test_a_grant_to_a_person_on_a_model_that_names_no_role_for_it_is_refused(csprg, practitioner, copied):
    from thresholds.models import ThresholdDecision

    decision = ThresholdDecision.objects.first()
    # Grants to a person need the role they are for; an organisation's grant needs none.
    with pytest.raises(ImproperlyConfigured, match="names no role for grants to a person"):
        perms.grant("view", practitioner, decision or ThresholdDecision(pk=1))


def test_deactivation_ends_every_grant_at_once(client, sign_in, admin_user, executive, copied):
    sign_in(executive)
    services.person_deactivate(user=executive, actor=admin_user)
    assert not perms.has_object_permission(executive, "view", copied)
    assert client.get(reverse("notifications:detail", args=[copied.pk])).status_code in (302, 404)
    assert _api(client, executive, copied) in (401, 404)


def test_an_organisation_group_counts_only_for_the_organisation_a_person_is_in_now(
    practitioner, school, charity, copied
):
    perms.grant("view", school, copied)
    assert perms.has_object_permission(practitioner, "view", copied)
    # Even if the old organisation's group membership were left behind, its grants no longer reach them.
    practitioner.organisation = charity
    practitioner.save(update_fields=["organisation"])
    assert school.group in practitioner.groups.all()
    assert not perms.has_object_permission(practitioner, "view", copied)


def test_an_organisation_move_moves_the_group_and_ends_the_old_organisations_grants(
    admin_user, practitioner, school, charity, copied
):
    perms.grant("view", school, copied)
    services.person_move(user=practitioner, organisation=charity, actor=admin_user)
    assert list(practitioner.groups.filter(organisation__isnull=False)) == [charity.group]
    assert not perms.has_object_permission(practitioner, "view", copied)
    perms.grant("view", charity, copied)
    assert perms.has_object_permission(practitioner, "view", copied)


def test_someone_else_with_the_role_is_not_affected(admin_user, police, executive, copied):
    colleague = UserFactory(organisation=police, roles=[Role.EXECUTIVE])
    perms.grant("view", colleague, copied)
    services.person_set_roles(user=executive, roles=[], actor=admin_user)
    assert perms.has_object_permission(colleague, "view", copied)

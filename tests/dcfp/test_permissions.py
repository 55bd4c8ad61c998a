"""dcfp.permissions against a real protected model (notifications.Incident, with guardian's
direct-foreign-key tables) and real role groups."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.urls import reverse

from dcfp import permissions as perms
from dcfp import services
from dcfp.models import LocalityPartnership
from dcfp.roles import Role
from notifications.models import Incident, IncidentGroupObjectPermission, IncidentUserObjectPermission
from tests.conftest import assert_not_found, signed_in
from tests.factories import UserFactory

_count = iter(range(1, 10_000))


@pytest.fixture
def make_case(csprg):
    """make_case() -> a stored incident (only the fields the permission rules never look at)."""

    def make() -> Incident:
        n = next(_count)
        return Incident.objects.create(
            reference=f"TEST-2026-{n:04d}",
            occurred_on=date(2026, 11, 2),
            aware_on=date(2026, 11, 3),
            notification_due_on=date(2026, 11, 10),
            nature=Incident.Nature.SERIOUS_HARM,
            abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
            summary="A baby was admitted to hospital with unexplained fractures.",
            created_by=csprg,
        )

    return make


@pytest.fixture
def case(make_case):
    return make_case()


def visible(user) -> set[int]:
    return set(perms.scope(user, Incident.objects.all()).values_list("pk", flat=True))


def test_nobody_signed_in_sees_nothing(case):
    anonymous = AnonymousUser()
    assert visible(anonymous) == set()
    assert not perms.has_object_permission(anonymous, "view", case)
    with pytest.raises(Http404):
        perms.get_object_or_404(anonymous, Incident.objects.all(), pk=case.pk)


def test_an_inactive_person_gets_nothing_even_with_a_role_and_a_grant(csprg, case):
    perms.grant("view", csprg, case)
    csprg.is_active = False
    csprg.save(update_fields=["is_active"])
    assert visible(csprg) == set()
    assert not perms.has_object_permission(csprg, "view", case)
    assert not perms.has_model_permission(csprg, "view", Incident)


def test_superuser_status_grants_nothing(other_agency, case):
    other_agency.is_superuser = True
    other_agency.save(update_fields=["is_superuser"])
    assert other_agency.has_perm("notifications.view_incident")  # Django itself would let them in
    assert visible(other_agency) == set()
    assert not perms.has_object_permission(other_agency, "view", case)
    assert not perms.has_model_permission(other_agency, "view", Incident)


def test_a_role_wide_permission_reaches_every_record(csprg, partner_rep, make_case):
    cases = {make_case().pk, make_case().pk}
    assert visible(csprg) == cases
    assert visible(partner_rep) == cases
    assert perms.scope(csprg, Incident.objects.all(), "change").count() == 2
    assert perms.scope(partner_rep, Incident.objects.all(), "change").count() == 0


def test_an_object_permission_given_to_a_person_reaches_that_record_only(executive, make_case):
    given, other = make_case(), make_case()
    perms.grant("view", executive, given)
    assert visible(executive) == {given.pk}
    assert IncidentUserObjectPermission.objects.filter(user=executive, content_object=given).exists()
    assert perms.get_object_or_404(executive, Incident.objects.all(), pk=given.pk) == given
    with pytest.raises(Http404):
        perms.get_object_or_404(executive, Incident.objects.all(), pk=other.pk)
    assert not perms.has_object_permission(executive, "change", given)


def test_a_grant_to_an_organisation_reaches_all_its_people_and_nobody_else(practitioner, other_agency, school, case):
    perms.grant("view", school, case)
    assert IncidentGroupObjectPermission.objects.filter(group=school.group, content_object=case).exists()
    colleague = UserFactory(organisation=school, roles=[Role.AGENCY_LEAD])  # joined after the grant
    assert perms.has_object_permission(practitioner, "view", case)
    assert perms.has_object_permission(colleague, "view", case)
    assert not perms.has_object_permission(other_agency, "view", case)


def test_a_grant_to_a_role_group_reaches_everyone_holding_the_role(agency_lead, other_agency, practitioner, case):
    perms.grant("view", Group.objects.get(name=Role.AGENCY_LEAD), case)
    assert perms.has_object_permission(agency_lead, "view", case)
    assert perms.has_object_permission(other_agency, "view", case)  # also an agency lead
    assert not perms.has_object_permission(practitioner, "view", case)


def test_grants_need_the_models_own_permission_tables(csprg):
    locality = LocalityPartnership.objects.create(name="Exeter")
    with pytest.raises(ImproperlyConfigured, match="no direct object permission tables"):
        perms.grant("view", csprg, locality)


def test_a_revocation_takes_effect_at_once_even_for_the_same_person_object(executive, school, practitioner, case):
    perms.grant("view", executive, case)
    assert perms.has_object_permission(executive, "view", case)
    perms.revoke("view", executive, case)
    assert not perms.has_object_permission(executive, "view", case)
    perms.grant("view", school, case)
    assert perms.has_object_permission(practitioner, "view", case)
    perms.revoke("view", school, case)
    assert not perms.has_object_permission(practitioner, "view", case)


def test_losing_a_role_takes_effect_at_once_for_role_wide_permissions(partner_rep, case):
    assert perms.has_object_permission(partner_rep, "view", case)
    services.person_set_roles(user=partner_rep, roles=[Role.PRACTITIONER])
    assert not perms.has_object_permission(partner_rep, "view", case)
    assert visible(partner_rep) == set()


def test_moving_to_another_organisation_takes_its_grants_away(practitioner, school, charity, case):
    perms.grant("view", school, case)
    practitioner.organisation = charity
    practitioner.save(update_fields=["organisation"])
    services.person_set_roles(user=practitioner, roles=[Role.PRACTITIONER])
    assert not perms.has_object_permission(practitioner, "view", case)


def test_grants_and_revocations_reach_the_next_request(client, executive, case):
    signed_in(client, executive)
    url = reverse("notifications:detail", kwargs={"pk": case.pk})
    assert_not_found(client.get(url))
    perms.grant("view", executive, case)
    assert client.get(url).status_code == 200
    perms.revoke("view", executive, case)
    assert_not_found(client.get(url))


def test_a_role_taken_away_reaches_the_next_request(client, council_rep, case):
    signed_in(client, council_rep)
    url = reverse("notifications:detail", kwargs={"pk": case.pk})
    assert client.get(url).status_code == 200
    services.person_set_roles(user=council_rep, roles=[])
    assert_not_found(client.get(url))


# --- Rules and their denial reasons -----------------------------------------------------------------


@perms.rule("Only people called Ada may do this.")
def _can_be_ada(user, greeting: str = "hello") -> bool:
    """Ada, and only Ada."""
    return user.full_name == "Ada"


def test_a_rule_answers_like_the_function_it_declares(csprg):
    assert _can_be_ada(csprg) is False
    assert _can_be_ada.__doc__ == "Ada, and only Ada."
    assert _can_be_ada.__name__ == "_can_be_ada"


def test_a_rule_that_says_no_is_refused_with_its_own_reason(csprg):
    with pytest.raises(PermissionDenied, match="^Only people called Ada may do this.$"):
        _can_be_ada.require(csprg, greeting="hi")
    csprg.full_name = "Ada"
    _can_be_ada.require(csprg)  # allowed: nothing raised

"""An administrator never deactivates themselves: not through the service, the person page or the
list's deactivate action. Another administrator does it, and the partnership never loses its last one
by a slip of the hand."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dcfp import permissions, services
from dcfp.audit.models import AuditEvent
from dcfp.models import User
from dcfp.roles import roles_of


def _deactivations(person):
    return AuditEvent.objects.filter(action="person.deactivated", target_type="dcfp.user", target_id=str(person.pk))


def test_the_service_refuses_to_deactivate_the_person_acting_with_the_rules_reason(admin_user):
    with pytest.raises(PermissionDenied) as refused:
        services.person_deactivate(user=admin_user, actor=admin_user)
    assert str(refused.value) == permissions.can_change_activation_of.denial
    assert User.objects.get(pk=admin_user.pk).is_active
    assert not _deactivations(admin_user).exists()


def test_the_deactivate_action_skips_the_administrator_themselves_and_says_why(
    client, sign_in, admin_user, practitioner
):
    sign_in(admin_user)
    response = client.post(
        reverse("admin:dcfp_user_changelist"),
        {"action": "deactivate", "_selected_action": [admin_user.pk, practitioner.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert permissions.can_change_activation_of.denial.replace(":", "") in page.replace(":", "")
    assert "Deactivated 1 of 2 people." in page
    assert User.objects.get(pk=admin_user.pk).is_active
    assert not User.objects.get(pk=practitioner.pk).is_active
    assert not _deactivations(admin_user).exists()
    assert _deactivations(practitioner).count() == 1


def test_unticking_active_on_their_own_person_page_leaves_the_administrator_active(client, sign_in, admin_user):
    sign_in(admin_user)
    url = reverse("admin:dcfp_user_change", args=[admin_user.pk])
    assert 'name="is_active"' not in client.get(url).content.decode()
    client.post(
        url,
        {
            "email": admin_user.email,
            "full_name": admin_user.full_name,
            "job_title": admin_user.job_title,
            "organisation": admin_user.organisation_id,
            "roles": sorted(roles_of(admin_user)),
        },
    )
    assert User.objects.get(pk=admin_user.pk).is_active
    assert not _deactivations(admin_user).exists()
    # Signed in still: the administrator's own session did not end.
    assert client.get(reverse("admin:index")).status_code == 200

"""Writes to the partnership core. Every change of people or organisations goes through here."""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from dcfp.models import Area, Organisation, User
from dcfp.roles import Role


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    is_safeguarding_partner: bool = False,
    lead_domain: str = "",
    areas: Iterable[Area] = (),
    assessment_group=None,
    is_demo: bool = False,
) -> Organisation:
    """Create an organisation with the group that holds the object permissions it is given."""
    group = Group.objects.create(name=f"organisation:{name}"[:150])
    org = Organisation.objects.create(
        name=name,
        kind=kind,
        is_safeguarding_partner=is_safeguarding_partner,
        lead_domain=lead_domain,
        assessment_group=assessment_group,
        group=group,
        is_demo=is_demo,
    )
    org.areas.set(areas)
    return org


@transaction.atomic
def person_create(
    *,
    email: str,
    full_name: str,
    organisation: Organisation,
    roles: Iterable[str] = (),
    password: str | None = None,
    job_title: str = "",
    is_demo: bool = False,
) -> User:
    """Create a person in exactly one organisation, with the given roles."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        organisation=organisation,
        job_title=job_title,
        is_demo=is_demo,
    )
    person_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def person_set_roles(*, user: User, roles: Iterable[str]) -> None:
    """Set a person's roles to exactly `roles`; keep them in their organisation's group.

    The admin role is the only one that reaches the Django admin site (is_staff).
    """
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    role_groups = list(Group.objects.filter(name__in=roles))
    # Other named groups stay; organisation groups are replaced by the person's one organisation.
    other = user.groups.exclude(name__in=Role.values).filter(organisation__isnull=True)
    user.groups.set([*role_groups, *other, user.organisation.group])
    is_staff = Role.ADMIN in roles
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_dcfp_roles"):
        del user._dcfp_roles


@transaction.atomic
def person_deactivate(*, user: User, actor) -> None:
    """Deactivate a person: from this moment they cannot sign in, and every session and API token they
    hold ends at once, and drafts kept for them are deleted. People are never deleted, so the audit
    trail keeps naming them."""
    from dcfp.accounts.services import api_tokens_revoke_all, sessions_end
    from dcfp.audit.services import record

    was_active = user.is_active
    if was_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    sessions = sessions_end(user=user)
    tokens = api_tokens_revoke_all(user=user)
    user.drafts.all().delete()
    record(
        actor=actor,
        action="person.deactivated",
        target=user,
        before={"is_active": was_active},
        after={"is_active": False},
        detail={"sessions_ended": sessions, "api_tokens_revoked": tokens},
    )

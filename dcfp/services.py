"""Writes to the partnership core. Every change of people or organisations goes through here.

A person's roles, organisation, activation and second factor change only through these services (and
dcfp.accounts.services), each recorded in the audit trail. Nobody changes their own roles or
organisation: an administrator cannot give themselves access to case content. Passwords are never set
by anyone but their owner, through a one-time set-up link (dcfp.accounts.services.setup_link_send).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from dcfp import permissions
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
    actor: User | None = None,
) -> User:
    """Create a person in exactly one organisation, with the given roles; recorded in the audit trail
    when an administrator (`actor`) does it.

    Without a password the account has an unusable one until its owner follows a set-up link. Only demo
    data and tests pass a password: an administrator never sets one.
    """
    from dcfp.audit.services import record

    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        organisation=organisation,
        job_title=job_title,
        is_demo=is_demo,
    )
    roles = sorted(set(roles))
    _end_other_holders(user, roles, actor)
    _set_roles(user, roles)
    if actor is not None:
        record(
            actor=actor,
            action="person.created",
            target=user,
            after={"email": user.email, "organisation": organisation.pk, "roles": roles},
        )
    return user


def _role_names(user: User) -> list[str]:
    return sorted(user.groups.filter(name__in=Role.values).values_list("name", flat=True))


# Roles one person holds at a time: giving one to somebody ends the previous holder's.
SINGLE_HOLDER_ROLES = (Role.QA_CHAIR,)


def _end_other_holders(user: User, roles: Iterable[str], actor: User | None) -> None:
    """Before `user` is given a single-holder role, end it for whoever holds it now, each change
    recorded in the audit trail as that person's change of roles."""
    from dcfp.audit.services import record

    for role in set(SINGLE_HOLDER_ROLES) & set(roles):
        # Locking the role's group makes two people given the role at once wait for each other.
        Group.objects.select_for_update().filter(name=role).first()
        for holder in User.objects.filter(groups__name=role).exclude(pk=user.pk).distinct():
            before = _role_names(holder)
            _set_roles(holder, set(before) - {role})
            record(
                actor=actor,
                actor_label="" if actor else "system",
                action="person.roles_changed",
                target=holder,
                before={"roles": before},
                after={"roles": _role_names(holder)},
                detail={"ended_because_given_to_another": role},
            )


def _set_roles(user: User, roles: Iterable[str]) -> None:
    roles = set(roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    joins_executive = Role.EXECUTIVE in roles and not user.groups.filter(name=Role.EXECUTIVE).exists()
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
    if joins_executive:
        from dcfp.copies.services import copies_give_to_new_member

        # Whoever joins the Executive receives what was copied to it before they joined, marked as such.
        copies_give_to_new_member(member=user)


@transaction.atomic
def person_set_roles(*, user: User, roles: Iterable[str], actor: User | None = None) -> None:
    """Set a person's roles to exactly `roles`; keep them in their organisation's group. Recorded in the
    audit trail when anything changed. Nobody changes their own roles (`actor` is None only for the
    system: demo data, tests and the command line).

    The admin role is the only one that reaches the Django admin site (is_staff). Access that came with a
    role ends with it at once, object grants included (see dcfp.permissions). The QA chair is one named
    person at a time: giving the role to someone ends the previous holder's, in the same transaction.
    Someone who gains the executive role gets a copy of every document copied to the Executive before
    (dcfp.copies); losing the role ends their access to those documents at once.
    """
    from dcfp.audit.services import record

    permissions.can_change_roles_of.require(user, actor)
    roles = set(roles)
    before = _role_names(user)
    _end_other_holders(user, roles, actor)
    _set_roles(user, roles)
    after = _role_names(user)
    if before != after:
        record(
            actor=actor,
            actor_label="" if actor else "system",
            action="person.roles_changed",
            target=user,
            before={"roles": before},
            after={"roles": after},
        )


@transaction.atomic
def person_move(*, user: User, organisation: Organisation, actor: User | None = None) -> None:
    """Move a person to another organisation: from this moment they are in its group and no longer in the
    old one's, so what was given to the old organisation is out of their reach. Recorded in the audit
    trail; nobody moves themselves."""
    from dcfp.audit.services import record

    permissions.can_move_person.require(user, actor)
    old = user.organisation
    if old.pk == organisation.pk:
        return
    user.organisation = organisation
    user.save(update_fields=["organisation"])
    _set_roles(user, _role_names(user))
    record(
        actor=actor,
        actor_label="" if actor else "system",
        action="person.moved",
        target=user,
        before={"organisation": old.pk, "organisation_name": old.name},
        after={"organisation": organisation.pk, "organisation_name": organisation.name},
    )


@transaction.atomic
def person_activate(*, user: User, actor: User | None = None) -> None:
    """Let a deactivated person sign in again (with the roles they still hold). Recorded in the audit
    trail; nobody reactivates themselves."""
    from dcfp.audit.services import record

    permissions.can_change_activation_of.require(user, actor)
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    record(
        actor=actor,
        actor_label="" if actor else "system",
        action="person.activated",
        target=user,
        before={"is_active": False},
        after={"is_active": True},
    )


@transaction.atomic
def person_deactivate(*, user: User, actor) -> None:
    """Deactivate a person: from this moment they cannot sign in, and every session and API token they
    hold ends at once, and drafts kept for them are deleted. People are never deleted, so the audit
    trail keeps naming them. Nobody deactivates themselves (an administrator would lock the partnership
    out of its last administrator, or hide their own tracks)."""
    from dcfp.accounts.services import api_tokens_revoke_all, sessions_end
    from dcfp.audit.services import record

    permissions.can_change_activation_of.require(user, actor)
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

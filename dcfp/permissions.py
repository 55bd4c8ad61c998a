"""Who may see and do what. The only module that talks to django-guardian.

Three ways reach a record:

- a **role-wide** permission: a model permission held by one of the person's groups (their roles, see
  `dcfp.roles.ROLE_PERMISSIONS`) or given to them directly, e.g. the CSPRG may view every incident;
- an **object permission** on that one record, given to the person, to a group they belong to, or to
  their whole organisation (held by `Organisation.group`, of which every member of the organisation is
  a member). Protected models use guardian's direct-foreign-key tables; `scope()` reads both tables in
  one subquery that unions them;
- a **rule** registered for the model with `add_reach()`: a condition written in SQL, read at each
  request. The Executive's copies (dcfp.copies) are one: a member holding the executive role sees the
  records copied to them, with no object permission stored.

Rules every caller can rely on:

- Nobody signed in, and anyone whose account is inactive, gets nothing.
- Superuser status grants nothing: no one reads case content by being an administrator.
- Lists start from `scope()`; details from `get_object_or_404()`. People who may not see a record get
  404, never 403, so they learn nothing about whether it exists.
- Every answer is read from the database when asked: nothing is cached between requests (or within
  one), so a grant or a revocation takes effect at once.
- A grant counts only while its reason holds: one given to a person while they hold the role it was
  given for (`dcfp.roles.PERSONAL_GRANT_ROLES`), one given to an organisation while the person is in it.
  Removing a role, deactivating a person or moving them ends such access at once.

Each app writes its rules in its own `<app>/permissions.py`, one function per verb and thing, on top
of this module. A rule that views and services enforce is declared with `rule()`, which keeps its
denial reason beside it (from notifications/permissions.py)::

    from dcfp.models import User
    from dcfp.permissions import has_model_permission, has_object_permission, is_active_person, rule, scope

    def visible_incidents(user: User, queryset: IncidentQuerySet | None = None) -> IncidentQuerySet:
        \"\"\"Every list of incidents starts here.\"\"\"
        return scope(user, queryset if queryset is not None else Incident.objects.all(), "view")

    @rule("Only the CSPRG changes a draft incident.")
    def can_edit_incident(user: User, incident: Incident) -> bool:
        \"\"\"The CSPRG edits an incident while it is a draft (including after it is returned).\"\"\"
        return incident.status == Incident.Status.DRAFT and has_object_permission(user, "change", incident)

    # in a view or a service (the reason is the rule's own):
    permissions.can_edit_incident.require(actor, incident)

A view fetches the record with `get_object_or_404()` first (404 for anyone who may not see it), then
asks the rule (403 with its reason for someone who may see it but not do this). Services call the
same rules before they change anything, so the API, the pages and tasks refuse in the same words.
"""

import functools
from collections.abc import Callable
from operator import or_
from typing import Any, Generic, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet, Subquery
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from dcfp.models import Organisation, User
from dcfp.roles import PERSONAL_GRANT_ROLES

# Whoever is asking: a person, or nobody signed in (who gets nothing).
Person: TypeAlias = User | AnonymousUser
_M = TypeVar("_M", bound=Model)
_Rows = TypeVar("_Rows", bound="QuerySet[Any]")


def _perm(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_active_person(user: Person) -> bool:
    """True for a signed-in person whose account is active."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def has_model_permission(user: Person, action: str, model: type[Model]) -> bool:
    """True when the person may `action` every record of `model`: a role-wide permission held by one of
    their groups, or a model permission given to them directly. Superuser status is ignored."""
    if not is_active_person(user):
        return False
    meta = model._meta
    return (
        Permission.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            codename=f"{action}_{meta.model_name}",
        )
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


# Rules that reach records of a model besides roles and object permissions, e.g. the Executive copy rule
# (dcfp.copies): each takes (user, model, action) and returns a condition on the model, or None.
Reach = Callable[[Any, type[Model], str], Q | None]
_REACHES: dict[type[Model], list[Reach]] = {}


def add_reach(model: type[Model], reach: Reach) -> None:
    """Let `reach` give access to records of `model` as well (once per model and rule)."""
    rules = _REACHES.setdefault(model, [])
    if reach not in rules:
        rules.append(reach)


def granted_ids(
    user: Person, model: type[Model], action: str = "view", *, resolve_groups: bool = False
) -> "QuerySet[Any, Any]":
    """The ids of the records of `model` whose object permission `action` reaches the person now, as one
    subquery over the two grant tables. A grant counts only while its reason holds:

    - given to the person: while they hold a role the model names in `PERSONAL_GRANT_ROLES` (the role
      it was given for), so removing the role ends every such grant at once;
    - given to a group: while they are in it, and for an organisation's group only while it is the
      organisation they are in now, so a move ends the old organisation's grants at once.

    `resolve_groups` reads those groups first (one small query) and names them by id in the subquery, with
    the permission as a scalar subquery: PostgreSQL then estimates the grants from the grant table's own
    statistics for those groups (an organisation holding 50,000 grants is estimated at 50,000), where the
    joins to groups, memberships, permissions and content types otherwise make it guess one row.
    """
    meta = model._meta
    on_permission = {
        "permission__codename": f"{action}_{meta.model_name}",
        "permission__content_type__app_label": meta.app_label,
        "permission__content_type__model": meta.model_name,
    }
    # guardian takes a model class as well as an instance; its stubs say instance only.
    people = get_user_obj_perms_model(model)._default_manager  # type: ignore[arg-type]
    groups = get_group_obj_perms_model(model)._default_manager  # type: ignore[arg-type]
    organisation_id = getattr(user, "organisation_id", None)
    if resolve_groups:
        holding = Q(organisation__isnull=True) | Q(organisation__pk=organisation_id)
        group_ids = list(Group.objects.filter(holding, user=user.pk).values_list("pk", flat=True))
        permission = Permission.objects.filter(
            codename=f"{action}_{meta.model_name}",
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
        ).values("pk")
        through_groups = groups.filter(group_id__in=group_ids, permission_id=Subquery(permission[:1]))
    else:
        holding = Q(group__organisation__isnull=True) | Q(group__organisation__pk=organisation_id)
        through_groups = groups.filter(holding, group__user=user.pk, **on_permission)
    through_groups = through_groups.values_list("content_object_id", flat=True)
    # The role is read in the same query, never from a cache, so a role removed counts at once.
    reasons = PERSONAL_GRANT_ROLES.get(meta.label_lower, ())
    to_the_person = people.filter(user_id=user.pk, user__groups__name__in=reasons, **on_permission)
    return to_the_person.values_list("content_object_id", flat=True).union(through_groups)


def scope(user: Person, queryset: _Rows, action: str = "view", *, resolve_groups: bool = False) -> _Rows:
    """Every list starts here: the records of `queryset` the person may `action`.

    A role-wide permission gives the whole queryset; otherwise the records whose object permission was
    given to the person, to one of their groups or to their organisation and still counts (one subquery
    that unions the two grant tables, see `granted_ids`), or that a registered rule reaches (such as an
    Executive member's copy). When a model has rules and no grant reaches the person, one query says so
    and the rules stand alone. Inactive and anonymous people get an empty queryset; superuser status
    adds nothing. `resolve_groups` (see `granted_ids`) costs one query more and gives the planner the
    grants' real number, for lists where one organisation may hold tens of thousands of records.
    """
    if not is_active_person(user):
        return queryset.none()
    model = queryset.model
    if has_model_permission(user, action, model):
        return queryset
    reaches = [q for q in (reach(user, model, action) for reach in _REACHES.get(model, ())) if q is not None]
    # grant() writes only to a model's direct tables, so a model without them has no object grants.
    grants = granted_ids(user, model, action, resolve_groups=resolve_groups) if _has_direct_tables(model) else None
    if reaches and grants is not None and not grants.exists():
        # No grant reaches the person now (an Executive member's usual case): the rules alone, without an
        # OR. PostgreSQL makes a lone EXISTS a semi-join (a page probes the index for its rows, a count
        # joins once), where under an OR it hashes every row the rule reaches before the first row.
        grants = None
    parts = [*([Q(pk__in=grants)] if grants is not None else []), *reaches]
    return queryset.filter(functools.reduce(or_, parts) if parts else Q(pk__in=[]))


def reached_only_by(user: Person, model: type[Model], reach: Reach, action: str = "view") -> bool:
    """True when `reach` is the only way the person may `action` records of `model` now: it reaches them,
    and no role-wide permission, no other rule and no object grant does (one query, for the grants). A
    list can then count what `reach` gives without reading the model's table."""
    if not is_active_person(user) or has_model_permission(user, action, model):
        return False
    if reach(user, model, action) is None:
        return False
    if any(other(user, model, action) is not None for other in _REACHES.get(model, ()) if other is not reach):
        return False
    return not (_has_direct_tables(model) and granted_ids(user, model, action).exists())


def get_object_or_404(user: Person, queryset: QuerySet[_M], action: str = "view", **lookup: Any) -> _M:
    """The one record of `queryset` matching `lookup` if the person may `action` it; Http404 otherwise,
    whether it does not exist or they may not see it (never 403)."""
    try:
        return scope(user, queryset, action).get(**lookup)
    except ObjectDoesNotExist as exc:  # `get` raises only the queryset's own model's
        raise Http404 from exc


def has_object_permission(user: Person, action: str, obj: Model) -> bool:
    """True when the person may `action` this record, through a role or an object permission."""
    if not is_active_person(user):
        return False
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()


def _holder(to: User | Group | Organisation) -> User | Group:
    return to.group if isinstance(to, Organisation) else to


def _has_direct_tables(model: type[Model]) -> bool:
    # guardian takes a model class as well as an instance; its stubs say instance only.
    tables = (get_user_obj_perms_model(model), get_group_obj_perms_model(model))  # type: ignore[arg-type]
    return not any(table._default_manager.is_generic() for table in tables)  # type: ignore[attr-defined]


def _require_direct_tables(model: type[Model]) -> None:
    """Object permissions live in the model's own direct-foreign-key tables, never guardian's generic
    ones (which cannot cascade on delete or be joined efficiently)."""
    # guardian takes a model class as well as an instance; its stubs say instance only.
    for table in (get_user_obj_perms_model(model), get_group_obj_perms_model(model)):  # type: ignore[arg-type]
        if table._default_manager.is_generic():  # type: ignore[attr-defined]
            raise ImproperlyConfigured(
                f"{model._meta.label} has no direct object permission tables: add subclasses of "
                "UserObjectPermissionBase and GroupObjectPermissionBase with a content_object foreign key."
            )


def grant(action: str, to: User | Group | Organisation, obj: Model) -> None:
    """Give a person, a group or a whole organisation `action` on one record. Takes effect at once.

    Call it from a service, inside its transaction, and record the grant in the audit trail there.
    """
    _require_direct_tables(type(obj))
    holder = _holder(to)
    if isinstance(holder, User) and not PERSONAL_GRANT_ROLES.get(type(obj)._meta.label_lower):
        raise ImproperlyConfigured(
            f"{type(obj)._meta.label} names no role for grants to a person in dcfp.roles.PERSONAL_GRANT_ROLES: "
            "give it to a group or an organisation, or name the role the grant is for."
        )
    assign_perm(_perm(type(obj), action), holder, obj)


def revoke(action: str, to: User | Group | Organisation, obj: Model) -> None:
    """Take `action` on one record away from a person, a group or an organisation. Takes effect at once:
    every check reads object permissions afresh, and none of them is remembered on the person.

    Only the permission given to that holder goes: the person may still reach the record through a
    role, another group or their organisation.
    """
    holder = _holder(to)
    remove_perm(_perm(type(obj), action), holder, obj)


# --- Rules and their denial reasons ---------------------------------------------------------------

P = ParamSpec("P")


class Rule(Generic[P]):
    """A `can_<verb>_<thing>` rule with its denial reason written beside it.

    Calling the rule answers True or False. `rule.require(...)` raises PermissionDenied with the
    rule's own reason when the answer is False, so views and services say why in the same words
    without writing them again.
    """

    def __init__(self, check: Callable[P, bool], denial: str) -> None:
        self.check = check
        self.denial = denial
        functools.update_wrapper(self, check)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> bool:
        return self.check(*args, **kwargs)

    def require(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Raise PermissionDenied(denial) unless the rule allows it."""
        if not self.check(*args, **kwargs):
            raise PermissionDenied(self.denial)


def rule(denial: str) -> Callable[[Callable[P, bool]], Rule[P]]:
    """Declare a rule and the reason given when it says no::

    @rule("Only the CSPRG changes a draft incident.")
    def can_edit_incident(user: User, incident: Incident) -> bool: ...
    """

    def declare(check: Callable[P, bool]) -> Rule[P]:
        return Rule(check, denial)

    return declare


# --- Rules of the people an administrator manages -------------------------------------------------


def _someone_else(person: Any, actor: Any) -> bool:
    return actor is None or actor.pk != person.pk


@rule("You cannot change your own roles: ask another administrator.")
def can_change_roles_of(person: Person, actor: Person | None) -> bool:
    """Nobody gives or takes their own roles (the system, with no actor, may)."""
    return _someone_else(person, actor)


@rule("You cannot change your own organisation: ask another administrator.")
def can_move_person(person: Person, actor: Person | None) -> bool:
    """Nobody moves themselves to another organisation."""
    return _someone_else(person, actor)


@rule("You cannot change your own activation: ask another administrator.")
def can_change_activation_of(person: Person, actor: Person | None) -> bool:
    """Nobody deactivates or reactivates themselves."""
    return _someone_else(person, actor)

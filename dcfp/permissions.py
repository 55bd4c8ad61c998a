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

Each app writes its rules in its own `<app>/permissions.py`, one function per verb and thing, on top
of this module, and its DRF permission class delegates to them::

    # notifications/permissions.py
    from dcfp import permissions as perms
    from dcfp.roles import Role, has_role

    def can_view_incident(user, incident) -> bool:
        \"\"\"The CSPRG and the QA chair see every incident; others only those given to them or to
        their organisation (Executive copies, involved agencies).\"\"\"
        return perms.has_object_permission(user, "view", incident)

    def can_agree_incident(user, incident) -> bool:
        \"\"\"The QA chair or a partner representative who can see it, while it awaits agreement,
        and never on their own draft.\"\"\"
        return (
            incident.status == incident.Status.AWAITING_AGREEMENT
            and incident.created_by_id != user.pk
            and has_role(user, Role.QA_CHAIR, Role.PARTNER_REP)
            and can_view_incident(user, incident)
        )

    class IncidentPermission(perms.ScopedObjectPermission):
        rules = {"view": can_view_incident, "agree": can_agree_incident}

    # notifications/api.py
    class IncidentAgreeApi(perms.ScopedObjectMixin, APIView):
        permission_classes = [IncidentPermission]
        verb = "agree"

        def post(self, request, pk):
            incident = self.get_scoped_object(Incident.objects.all(), pk=pk)  # 404 unless visible
            ...

Services call the same `can_*` functions before they change anything.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model
from rest_framework import permissions as drf_permissions
from rest_framework.exceptions import NotFound

from dcfp.models import Organisation, User

if TYPE_CHECKING:
    from rest_framework.generics import GenericAPIView

    _ViewBase = GenericAPIView
else:
    _ViewBase = object

# Attributes Django and dcfp.roles use to remember a person's permissions on the user object itself.
_USER_CACHES = ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_dcfp_roles")


def _perm(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_active_person(user) -> bool:
    """True for a signed-in person whose account is active."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def has_model_permission(user, action: str, model: type[Model]) -> bool:
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


def granted_ids(user, model: type[Model], action: str = "view") -> QuerySet:
    """The ids of the records of `model` whose object permission `action` was given to the person or to one
    of their groups (their organisation included): one subquery, the two grant tables unioned."""
    meta = model._meta
    on_permission = {
        "permission__codename": f"{action}_{meta.model_name}",
        "permission__content_type__app_label": meta.app_label,
        "permission__content_type__model": meta.model_name,
    }
    # guardian takes a model class as well as an instance; its stubs say instance only.
    users = get_user_obj_perms_model(model)._default_manager  # type: ignore[arg-type]
    groups = get_group_obj_perms_model(model)._default_manager  # type: ignore[arg-type]
    return (
        users.filter(user_id=user.pk, **on_permission)
        .values_list("content_object_id", flat=True)
        .union(groups.filter(group__user=user.pk, **on_permission).values_list("content_object_id", flat=True))
    )


def scope(user, queryset: QuerySet, action: str = "view") -> QuerySet:
    """Every list starts here: the records of `queryset` the person may `action`.

    A role-wide permission gives the whole queryset; otherwise the records whose object permission was
    given to the person, to one of their groups or to their organisation (one subquery that unions the
    two grant tables), or that a registered rule reaches (such as an Executive member's copy). Inactive
    and anonymous people get an empty queryset; superuser status adds nothing.
    """
    if not is_active_person(user):
        return queryset.none()
    model = queryset.model
    if has_model_permission(user, action, model):
        return queryset
    # grant() writes only to a model's direct tables, so a model without them has no object grants.
    condition = Q(pk__in=granted_ids(user, model, action)) if _has_direct_tables(model) else Q(pk__in=[])
    for reach in _REACHES.get(model, ()):
        extra = reach(user, model, action)
        if extra is not None:
            condition |= extra
    return queryset.filter(condition)


def get_object_or_404(user, queryset: QuerySet, action: str = "view", **lookup):
    """The one record of `queryset` matching `lookup` if the person may `action` it; Http404 otherwise,
    whether it does not exist or they may not see it (never 403)."""
    try:
        return scope(user, queryset, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def has_object_permission(user, action: str, obj: Model) -> bool:
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


def _forget_cached_permissions(holder: User | Group) -> None:
    if isinstance(holder, User):
        for attr in _USER_CACHES:
            holder.__dict__.pop(attr, None)


def grant(action: str, to: User | Group | Organisation, obj: Model) -> None:
    """Give a person, a group or a whole organisation `action` on one record. Takes effect at once.

    Call it from a service, inside its transaction, and record the grant in the audit trail there.
    """
    _require_direct_tables(type(obj))
    holder = _holder(to)
    assign_perm(_perm(type(obj), action), holder, obj)
    _forget_cached_permissions(holder)


def revoke(action: str, to: User | Group | Organisation, obj: Model) -> None:
    """Take `action` on one record away from a person, a group or an organisation. Takes effect at once.

    Only the permission given to that holder goes: the person may still reach the record through a
    role, another group or their organisation.
    """
    holder = _holder(to)
    remove_perm(_perm(type(obj), action), holder, obj)
    _forget_cached_permissions(holder)


# --- Django REST framework -------------------------------------------------------------------------

# The verb each HTTP method needs when a view names none.
METHOD_VERBS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}
# The verb each standard viewset action needs.
ACTION_VERBS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


def verb_for(request, view) -> str:
    """The verb a request needs: the view's `verb`, or its `action_verbs[action]` (viewset actions
    such as "agree"), or the standard action's or HTTP method's verb."""
    action = getattr(view, "action", None)
    action_verbs = {**ACTION_VERBS, **getattr(view, "action_verbs", {})}
    if getattr(view, "verb", None):
        return view.verb
    if action in action_verbs:
        return action_verbs[action]
    return METHOD_VERBS.get(request.method, "change")


class ScopedObjectPermission(drf_permissions.BasePermission):
    """DRF permission that asks this module (or the app's `can_<verb>_<thing>` rules) about each object.

    - Only active, signed-in people get past `has_permission`.
    - On an object, the verb for the request (see `verb_for`) is checked with `rules[verb]` when the
      subclass gives one, else with `has_object_permission(user, verb, obj)`.
    - Someone who may not even view the object gets 404; someone who may view it but not do this gets
      403 (they already know it exists).

    Lists must still start from `scope()` (see `ScopedObjectMixin`): DRF never calls
    `has_object_permission` for list views.
    """

    rules: dict[str, Callable[[object, Model], bool]] = {}

    def allows(self, user, verb: str, obj: Model) -> bool:
        rule = self.rules.get(verb)
        return rule(user, obj) if rule else has_object_permission(user, verb, obj)

    def has_permission(self, request, view) -> bool:
        return is_active_person(request.user)

    def has_object_permission(self, request, view, obj) -> bool:
        verb = verb_for(request, view)
        if self.allows(request.user, verb, obj):
            return True
        if verb != "view" and self.allows(request.user, "view", obj):
            return False
        raise NotFound


class ScopedObjectMixin(_ViewBase):
    """For DRF views: querysets scoped to the person, and single objects fetched as 404.

    On a GenericAPIView, `get_queryset()` is scoped with `scope_action` ("view" by default), so lists
    and `get_object()` never reach records the person may not see. On any APIView,
    `get_scoped_object(queryset, action=None, **lookup)` returns the record or raises 404, and checks
    the view's object permissions.
    """

    scope_action = "view"

    def get_queryset(self):
        return scope(self.request.user, super().get_queryset(), self.scope_action)

    def get_scoped_object(self, queryset: QuerySet, action: str | None = None, **lookup):
        obj = get_object_or_404(self.request.user, queryset, action or self.scope_action, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

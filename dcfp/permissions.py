"""Who may see and do what. The only module that talks to django-guardian.

Two ways reach a record: a role's model-wide permission (e.g. the CSPRG sees every incident), or an
object permission given to the person or to their organisation (guardian's direct-foreign-key tables).
Everything else answers 404: lists start from `scope()`, details from `get_object_or_404()`.
"""

from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from dcfp.models import Organisation, User


def _perm(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_active_person(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def scope(user, queryset: QuerySet, action: str = "view") -> QuerySet:
    """Every list starts here: the records of `queryset` the person may `action`.

    Model-wide role permissions give the whole queryset; otherwise only objects whose permission was
    given to the person or to a group they belong to (their organisation, their roles). Superuser
    status grants nothing here: no one reads case content by being an administrator.
    """
    if not is_active_person(user):
        return queryset.none()
    return get_objects_for_user(
        user,
        _perm(queryset.model, action),
        klass=queryset,
        accept_global_perms=True,
        with_superuser=False,
    )


def get_object_or_404(user, queryset: QuerySet, action: str = "view", **lookup):
    """The one object matching `lookup` if the person may `action` it; 404 otherwise, never 403."""
    try:
        return scope(user, queryset, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def has_object_permission(user, action: str, obj: Model) -> bool:
    """True when the person may `action` this object, through a role or an object permission."""
    if not is_active_person(user):
        return False
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk), action).exists()


def _holder(to: User | Group | Organisation) -> User | Group:
    return to.group if isinstance(to, Organisation) else to


def grant(action: str, to: User | Group | Organisation, obj: Model) -> None:
    """Give a person, a group or a whole organisation `action` on one object."""
    assign_perm(_perm(type(obj), action), _holder(to), obj)


def revoke(action: str, to: User | Group | Organisation, obj: Model) -> None:
    remove_perm(_perm(type(obj), action), _holder(to), obj)

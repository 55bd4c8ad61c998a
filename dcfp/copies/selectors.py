"""Reads of copies to the Executive. A member reads only their own copies, while they hold the role."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, QuerySet

from dcfp.copies import permissions
from dcfp.copies.models import Copy
from dcfp.permissions import reached_only_by
from dcfp.roles import Role, has_role

PANEL_LIMIT = 10
COUNT_CAP = 1000


def my_copies(user) -> QuerySet[Copy]:
    """The person's own copies, newest first; none unless they hold the executive role now."""
    if not permissions.can_list_copies(user):
        return Copy.objects.none()
    return Copy.objects.filter(member=user).select_related("document").order_by("-made_at", "-id")


def copies_not_opened(user, *, limit: int = PANEL_LIMIT) -> tuple[list[Copy], int]:
    """The person's copies not opened yet, oldest first, at most `limit` of them, and how many there are
    in all, counted up to COUNT_CAP + 1 (a page says "more than COUNT_CAP"). Two queries, each served by the
    partial index on unopened copies, whatever the number of copies."""
    if not permissions.can_list_copies(user):
        return [], 0
    unopened = Copy.objects.filter(member=user, first_opened_at__isnull=True)
    rows = list(unopened.select_related("document").order_by("made_at", "id")[:limit])
    total = unopened.order_by()[: COUNT_CAP + 1].count()
    return rows, total


def copies_of(obj: Model) -> QuerySet[Copy]:
    """Who a record was copied to and whether they opened it (for the pages of those who oversee it)."""
    return (
        Copy.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("member")
        .order_by("member__full_name", "id")
    )


def my_copy_of(user, obj: Model) -> Copy | None:
    """The person's own copy of a record, if they hold one and the executive role."""
    if not permissions.can_open_copy(user, obj):
        return None
    return (
        Copy.objects.filter(member=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("document")
        .first()
    )


def copied_count(user, model: type[Model]) -> int | None:
    """How many records of `model` the person may see, counted from their copies alone, when copies are
    the only thing that reaches them (an Executive member: `dcfp.permissions.reached_only_by`); None
    otherwise. A member has one copy per record (the unique index), and copied records are never deleted,
    so this is the number of rows of their unfiltered list, read from the copies' own index instead of
    joining every copy with the records. Two queries for a member; none for anyone without the role (read
    from the roles the request already knows; the count reads the role again)."""
    if not has_role(user, Role.EXECUTIVE) or not reached_only_by(user, model, permissions.copy_reach):
        return None
    return (
        Copy.objects.filter(member=user, content_type=ContentType.objects.get_for_model(model))
        .filter(Exists(permissions.holds_executive_role().filter(user_id=user.pk)))
        .count()
    )

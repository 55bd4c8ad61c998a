"""Writing the audit trail. Every service that changes data and every read of a child's record calls
`record()` in the same transaction as the change it describes."""

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Required, TypedDict, Unpack

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from dcfp.audit.context import client_address
from dcfp.audit.models import AuditEvent

GENESIS = "0" * 64
# Any constant works: it names the one lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK = 727_001


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def event_digest(event: AuditEvent, prev_hash: str) -> str:
    """The hash of one event chained to the previous one. Changing any stored field breaks it."""
    body = {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "category": event.category,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "changes": event.changes,
        "ip_address": event.ip_address,
    }
    # Added after the first events were written: hashed only when present, so those still verify.
    if event.actor_organisation:
        body["actor_organisation"] = event.actor_organisation
    return hashlib.sha256((prev_hash + _canonical(body)).encode()).hexdigest()


def _lock_chain() -> str:
    """Take the chain's append lock (PostgreSQL, until the transaction ends); return the last hash."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS


class EventFields(TypedDict, total=False):
    """What `record()` takes, keyword by keyword (and each entry of `record_many()`)."""

    actor: Required[Any]
    action: Required[str]
    target: Model | None
    category: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: dict[str, Any] | None
    actor_label: str
    target_type: str
    target_id: str | int
    target_label: str


def _new_event(fields: EventFields, at: datetime) -> AuditEvent:
    """An unsaved event, not yet chained (no prev_hash or hash)."""
    actor, target = fields["actor"], fields.get("target")
    changes: dict[str, Any] = {}
    if fields.get("before") is not None:
        changes["before"] = fields["before"]
    if fields.get("after") is not None:
        changes["after"] = fields["after"]
    if fields.get("detail"):
        changes["detail"] = fields["detail"]
    changes = json.loads(_canonical(changes))
    is_person = getattr(actor, "is_authenticated", False)
    return AuditEvent(
        at=at,
        actor=actor if is_person else None,
        actor_label=fields.get("actor_label") or (actor.email if is_person else ""),
        actor_organisation=actor.organisation.name if is_person and actor.organisation_id else "",
        category=fields.get("category", AuditEvent.Category.CHANGE),
        action=fields["action"],
        target_type=target._meta.label_lower if target is not None else fields.get("target_type", ""),
        target_id=str(target.pk) if target is not None else str(fields.get("target_id", "")),
        target_label=(str(target) if target is not None else fields.get("target_label", ""))[:300],
        changes=changes,
        ip_address=client_address(),
    )


def record(**fields: Unpack[EventFields]) -> AuditEvent:
    """Append one event to the chain and return it.

    `actor` (a person, or None for the system with an `actor_label`) and `action` are required; the
    rest are optional: `target`, `category` (a change unless said), `before`, `after`, `detail`,
    `actor_label`, and `target_type`/`target_id`/`target_label`. The client's address is the one of
    the request being served (dcfp.audit.context), none outside a request.

    Call it inside the transaction of the change it describes: the event is written if and only if
    the change is. `at` is the current time in UTC. On PostgreSQL a transaction-scoped advisory lock
    serialises appends until the caller's transaction ends, so each event's `prev_hash` is the hash of
    the event committed just before it and the chain stays one line. `target` names the record; when
    there is no model instance to hand (a record known only by type and id), pass `target_type`
    ("app_label.model") and `target_id` instead.
    """
    return record_many([fields])[0]


def record_many(entries: Iterable[EventFields]) -> list[AuditEvent]:
    """Append many events at once, in order: each entry takes `record()`'s keyword arguments.

    One lock, one read of the last hash and one insert per 1,000 events, whatever their number (the
    clock sweep uses it). Call it inside the transaction of the changes it describes, as `record()`.
    """
    pending = list(entries)
    if not pending:
        return []
    for fields in pending:
        unknown = set(fields) - set(EventFields.__annotations__)
        if unknown:
            # A keyword the trail does not store (a request object, say) would vanish without trace.
            raise TypeError(f"An audit event has no {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        prev = _lock_chain()
        now = timezone.now()  # aware, in UTC; taken under the lock so times follow the chain's order
        events = []
        for fields in pending:
            event = _new_event(fields, now)
            event.prev_hash = prev
            event.hash = prev = event_digest(event, prev)
            events.append(event)
        # One INSERT per batch under the lock: ids follow list order, so the chain reads back in order.
        return AuditEvent.objects.bulk_create(events, batch_size=1000)


def access(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    detail: dict[str, Any] | None = None,
    target_type: str = "",
    target_id: str | int = "",
    target_label: str = "",
) -> AuditEvent:
    """Record a read: opening a child's record, downloading a PDF, searching, exporting.

    `target` names the record read; a read with no instance to hand (a search, a report) names its
    kind with `target_type`, and `target_id`/`target_label` if it has them. The client's address is
    the request's, from dcfp.audit.context: this takes no request object, so anything else is refused.
    """
    return record(
        actor=actor,
        action=action,
        target=target,
        category=AuditEvent.Category.ACCESS,
        detail=detail,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
    )


def snapshot(obj: Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of an object's concrete fields, for before/after."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    picture: dict[str, Any] = json.loads(_canonical({name: getattr(obj, name) for name in names}))
    return picture

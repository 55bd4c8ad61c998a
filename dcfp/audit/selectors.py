"""Reading the audit trail: verifying the chain, and the trail of one record."""

from dataclasses import dataclass

from django.db.models import QuerySet

from dcfp.audit.models import AuditEvent
from dcfp.audit.services import GENESIS, event_digest


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int  # events verified (before the broken one, if any)
    head: str  # hash of the last verified event
    broken_id: int | None = None
    reason: str = ""


def verify_chain(*, batch_size: int = 1000) -> ChainReport:
    """Walk every event in id order, a batch at a time (memory stays constant however long the trail),
    and check that each event links to the one before it and that its hash matches its contents.

    Stops at the first broken link. An altered event fails its own hash; a removed or reinserted event
    fails the link of the event after it.
    """
    prev_hash, prev_id, count, last_id = GENESIS, None, 0, 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return ChainReport(ok=True, count=count, head=prev_hash)
        for event in batch:
            if event.prev_hash != prev_hash:
                before = f"event {prev_id}" if prev_id else "the start of the chain"
                return ChainReport(
                    ok=False,
                    count=count,
                    head=prev_hash,
                    broken_id=event.id,
                    reason=f"its previous hash does not match {before} (an event was removed, inserted or rewritten)",
                )
            if event_digest(event, event.prev_hash) != event.hash:
                return ChainReport(
                    ok=False,
                    count=count,
                    head=prev_hash,
                    broken_id=event.id,
                    reason="its contents do not match its hash (it was changed after it was written)",
                )
            prev_hash, prev_id, count = event.hash, event.id, count + 1
        last_id = batch[-1].id


def record_trail(*, target_type: str, target_id: str) -> QuerySet[AuditEvent]:
    """Every change and access event about one record, newest first, with who did it and their
    organisation. Callers must have checked that the person may see the trail."""
    return (
        AuditEvent.objects.filter(
            target_type=target_type,
            target_id=target_id,
            category__in=[AuditEvent.Category.ACCESS, AuditEvent.Category.CHANGE],
        )
        .select_related("actor__organisation")
        .order_by("-id")
    )

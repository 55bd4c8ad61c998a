"""Finding and removing uploads that nothing points to.

Two kinds are left behind: bytes under MEDIA_ROOT with no Upload record (the person's transaction
rolled back after the file was written, or a record was deleted by hand), and Upload records that no
document (an evidence file, a secure home report, or any later model with a relation to Upload) holds.
Only those older than a margin are touched, so an upload still being saved is never removed.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dcfp.audit.services import record
from dcfp.uploads.models import Upload


@dataclass
class OrphanReport:
    files: list[str] = field(default_factory=list)  # stored names of files with no record
    records: list[Upload] = field(default_factory=list)  # records that no document holds


def _held_upload_ids() -> set:
    """Ids of every Upload that some model's relation points to, whatever the model."""
    held: set = set()
    for relation in Upload._meta.get_fields(include_hidden=True):
        if relation.is_relation and relation.auto_created and not relation.concrete:
            model = relation.related_model
            attname = relation.field.attname  # type: ignore[union-attr]
            held.update(model._default_manager.values_list(attname, flat=True))  # type: ignore[union-attr]
    return held


def find_orphans(*, older_than: timedelta) -> OrphanReport:
    """What would be removed: files and records older than `older_than` that nothing points to."""
    root = Path(settings.MEDIA_ROOT)
    cutoff = timezone.now() - older_than
    report = OrphanReport()
    known = set(Upload.objects.values_list("stored_name", flat=True))
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if name not in known and datetime.fromtimestamp(path.stat().st_mtime, tz=UTC) < cutoff:
                report.files.append(name)
    held = _held_upload_ids()
    report.records = [
        upload
        for upload in Upload.objects.filter(uploaded_at__lt=cutoff).order_by("uploaded_at")
        if upload.pk not in held
    ]
    return report


def remove_orphans(*, older_than: timedelta) -> OrphanReport:
    """Remove the orphans `find_orphans` finds: each record and its bytes, and each file with no record.
    One audit event says how many went; the records go in one transaction, their files after it commits."""
    report = find_orphans(older_than=older_than)
    root = Path(settings.MEDIA_ROOT)
    with transaction.atomic():
        Upload.objects.filter(pk__in=[u.pk for u in report.records]).delete()
        record(
            actor=None,
            actor_label="remove_orphan_uploads",
            action="uploads.orphans.remove",
            target_type="uploads.upload",
            target_id="",
            detail={
                "files_without_record": len(report.files),
                "records_without_document": len(report.records),
                "sha256": [u.sha256 for u in report.records],
            },
        )
        names = report.files + [u.stored_name for u in report.records]

        def unlink() -> None:
            for name in names:
                (root / name).unlink(missing_ok=True)

        transaction.on_commit(unlink)
    return report

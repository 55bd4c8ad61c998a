from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dcfp.uploads.orphans import find_orphans, remove_orphans


class Command(BaseCommand):
    help = (
        "Remove uploaded files that no record points to: bytes under MEDIA_ROOT with no upload record, and "
        "upload records that no document holds. Only those older than --older-than-hours are touched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=int, default=24, help="Margin for uploads being saved.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")

    def handle(self, *args: Any, older_than_hours: int, dry_run: bool, **options: Any) -> None:
        margin = timedelta(hours=older_than_hours)
        report = find_orphans(older_than=margin) if dry_run else remove_orphans(older_than=margin)
        verb = "Would remove" if dry_run else "Removed"
        for name in report.files:
            self.stdout.write(f"{verb} file with no record: {name}")
        for upload in report.records:
            self.stdout.write(f"{verb} upload no document holds: {upload.stored_name} ({upload.original_name})")
        self.stdout.write(
            f"{verb} {len(report.files)} file(s) with no record and {len(report.records)} upload(s) no document holds."
        )

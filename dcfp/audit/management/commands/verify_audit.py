from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dcfp.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain. Exits non-zero at the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000, help="Events read per query.")

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        report = verify_chain(batch_size=batch_size)
        if not report.ok:
            raise CommandError(
                f"Audit trail BROKEN at event id {report.broken_id}: {report.reason}. "
                f"{report.count} events before it verified."
            )
        self.stdout.write(f"Audit trail OK: {report.count} events verified; head hash {report.head}.")

"""Measure one clock sweep over many open clocks: time and query count.

    manage.py benchmark_sweep --open 100000 --due 1000

Builds the open notification clocks (most on track, `--due` of them in alert range), runs one sweep
and prints its time and query count, then rolls everything back: nothing is kept and no email is
queued. The query count depends on how many clocks are due (batches of 1,000), not on how many are open.
"""

import time
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dcfp import deadlines, services
from dcfp.alerts.models import Alert, Message, OutboundEmail
from dcfp.alerts.sweep import sweep
from dcfp.models import Organisation
from dcfp.roles import Role


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time one clock sweep and count its queries over many open clocks (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--open", type=int, default=100_000, help="open clocks to build (default 100000)")
        parser.add_argument("--due", type=int, default=1_000, help="of which in alert range (default 1000)")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self._run(options["open"], options["due"])
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: nothing was kept.")

    def _run(self, open_count: int, due_count: int) -> None:
        from notifications.models import Incident

        tag = uuid.uuid4().hex[:8]
        org = services.organisation_create(name=f"Benchmark {tag}", kind=Organisation.Kind.OTHER)
        people = [
            services.person_create(
                email=f"bench-{role}-{tag}@example.org", full_name=role, organisation=org, roles=[role]
            )
            for role in (Role.CSPRG, Role.QA_CHAIR, Role.EXECUTIVE)
        ]
        today = timezone.localdate()
        overdue = deadlines.subtract_working_days(today, 3)
        soon = deadlines.add_working_days(today, 1)
        later = deadlines.add_working_days(today, 20)
        due_dates = [(overdue, today, soon)[n % 3] for n in range(due_count)] + [later] * (open_count - due_count)
        started = time.perf_counter()
        Incident.objects.bulk_create(
            [
                Incident(
                    reference=f"B{tag}-{n:07d}",
                    occurred_on=due_on - timedelta(days=10),
                    aware_on=due_on - timedelta(days=7),
                    nature=Incident.Nature.SERIOUS_HARM,
                    abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
                    summary="Benchmark",
                    notification_due_on=due_on,
                    created_by=people[0],
                )
                for n, due_on in enumerate(due_dates)
            ],
            batch_size=5000,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE notifications_incident")
        open_total = Incident.objects.open().count()
        self.stdout.write(f"Built {open_count} open clocks ({due_count} due) in {time.perf_counter() - started:.1f}s")
        self.stdout.write(f"Open notification clocks in the database: {open_total}")
        self._explain()

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = sweep()
            elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Sweep: {elapsed:.2f}s, {len(queries)} queries, alerts {report.alerts}, messages {report.messages}"
        )
        self.stdout.write(
            f"Rows written: {Alert.objects.count()} alerts, {Message.objects.count()} messages, "
            f"{OutboundEmail.objects.count()} emails"
        )
        with CaptureQueriesContext(connection) as again:
            started = time.perf_counter()
            sweep()
            elapsed = time.perf_counter() - started
        self.stdout.write(f"Repeat sweep (nothing new to tell): {elapsed:.2f}s, {len(again)} queries")

    def _explain(self) -> None:
        from notifications.models import Incident

        horizon = deadlines.due_soon_before(timezone.localdate())
        qs = (
            Incident.objects.open()
            .filter(notification_due_on__lt=horizon)
            .order_by("pk")
            .values_list("pk", "notification_due_on")
        )
        plan = qs.explain()
        self.stdout.write("Range query plan: " + " | ".join(line.strip() for line in plan.splitlines()[:3]))

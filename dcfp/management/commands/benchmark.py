"""Measure the pages, the API lists and the clock sweep on a national-scale data set.

    manage.py benchmark                      # 1,000 incidents, then 100,000
    manage.py benchmark --incidents 20000 --repeat 10 --sweep-open 20000
    manage.py benchmark --keep               # keep the data set afterwards (it is rolled back otherwise)

Builds the data set by bulk inserts that mirror what the services write (dcfp/benchmark/dataset.py),
first at `--baseline` incidents, measuring every page for a CSPRG officer, the QA chair, a partner
representative, an Executive member and an agency lead; then grows it to `--incidents` and measures
again. For each page it prints p50 and p95 in milliseconds, the queries per request at both sizes, the
size of the answer and the ratio of its p95 to the baseline's. Then it times the clock sweep over
`--sweep-open` open clocks with each of `--sweep-due` of them due. Everything happens in one
transaction, rolled back at the end unless `--keep` is given: nothing is kept and no email is queued.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp import deadlines
from dcfp.benchmark.dataset import Dataset, open_clocks
from dcfp.benchmark.timing import Page, Timing, time_pages


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time every list, detail page, dashboard and the sweep at national scale (nothing is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--incidents", type=int, default=100_000, help="incidents at full size (100000)")
        parser.add_argument("--baseline", type=int, default=1_000, help="incidents to compare with (1000)")
        parser.add_argument("--repeat", type=int, default=15, help="requests per page and size (15)")
        parser.add_argument("--sweep-open", type=int, default=100_000, help="open clocks for the sweep (100000)")
        parser.add_argument(
            "--sweep-due", type=int, nargs="*", default=[1_000, 10_000], help="clocks due in each sweep (1000 10000)"
        )
        parser.add_argument("--keep", action="store_true", help="commit the data set instead of rolling it back")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                self._run(options)
                if not options["keep"]:
                    raise Rollback
            self.say("Kept the data set (--keep).")
        except Rollback:
            self.say("Rolled back: nothing was kept.")
        self.say(f"Took {time.perf_counter() - started:.0f}s in all.")

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def _run(self, options: dict[str, Any]) -> None:
        self.say(f"Database: {connection.vendor}")
        dataset = Dataset(tag=uuid.uuid4().hex[:6], say=self.say)
        sizes = [options["baseline"], options["incidents"]]
        results: list[dict[tuple[str, str], Timing]] = []
        for size in sizes:
            self.say(f"Building {size:,} incidents")
            began = time.perf_counter()
            dataset.grow(size)
            self.say(f"Built in {time.perf_counter() - began:.0f}s; timing every page {options['repeat']} times")
            results.append(time_pages(self._pages(dataset), repeat=options["repeat"], say=self.say))
        self._report(sizes, results)
        self._explain(dataset)
        if options["sweep_due"]:
            self._sweep(dataset, options["sweep_open"], options["sweep_due"])

    def _pages(self, dataset: Dataset) -> list[Page]:
        incident = dataset.latest_copied_incident()
        lists = reverse("notifications:list")
        api = reverse("api:incident-list")
        pages = []
        for role, person in dataset.personas.by_role().items():
            if role != "agency lead":
                pages += [
                    Page(role, "notifications list", lists, person),
                    Page(role, "notifications list, by status", f"{lists}?status=notified", person),
                    Page(role, "notifications list, page 200", f"{lists}?page=200", person),
                    Page(role, "notifications API", api, person),
                    Page(role, "notifications API, by status", f"{api}?status=notified", person),
                    Page(role, "notifications API, page 200", f"{api}?page=200", person),
                    Page(role, "notification detail", reverse("notifications:detail", args=[incident.pk]), person),
                ]
            if role in ("CSPRG", "agency lead"):
                pages += [
                    Page(role, "referrals list", reverse("notifications:referral_list"), person),
                    Page(role, "referrals API", reverse("api:referral-list"), person),
                ]
            if role == "agency lead":
                referral = dataset.referral_by_lead()
                pages.append(
                    Page(role, "referral detail", reverse("notifications:referral_detail", args=[referral.pk]), person)
                )
            if role == "Executive member":
                pages.append(Page(role, "copies list", reverse("copies:list"), person))
            pages += [
                Page(role, "dashboard", reverse("dashboard"), person),
                Page(role, "message centre", reverse("alerts:message_list"), person),
            ]
        return pages

    def _report(self, sizes: list[int], results: list[dict[tuple[str, str], Timing]]) -> None:
        small, large = results
        self.say("")
        self.say(
            f"{'role':<24} {'page':<32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>9} {'KB':>6} "
            f"{'p95 at ' + format(sizes[0], ','):>12} {'ratio':>6}"
        )
        for key, timing in large.items():
            base = small[key]
            ratio = timing.p95 / base.p95 if base.p95 else 0
            queries = f"{base.queries}/{timing.queries}"
            status = "" if timing.status == 200 else f"  (answered {timing.status})"
            self.say(
                f"{key[0]:<24} {key[1]:<32} {timing.p50:>8.1f} {timing.p95:>8.1f} {queries:>9} "
                f"{timing.size / 1024:>6.0f} {base.p95:>12.1f} {ratio:>6.2f}{status}"
            )
        self.say(f"(queries: at {sizes[0]:,} / at {sizes[1]:,} incidents)")
        unscoped = large["CSPRG", "notifications list"].p95
        scoped = large["Executive member", "notifications list"].p95
        self.say(f"Executive member's list p95 / CSPRG's (unscoped) list p95: {scoped / unscoped:.2f}")

    def _explain(self, dataset: Dataset) -> None:
        """The plan of the Executive member's first page: the list query the scope rule shapes most."""
        from notifications.selectors import incident_list

        if connection.vendor != "postgresql":
            return
        rows = incident_list(dataset.personas.executive)[:25]
        self.say("")
        self.say("EXPLAIN ANALYZE of the Executive member's first page of notifications:")
        self.say(rows.explain(analyze=True))

    def _sweep(self, dataset: Dataset, open_count: int, due_counts: list[int]) -> None:
        from dcfp.alerts.models import Alert, Message, OutboundEmail
        from dcfp.alerts.sweep import sweep
        from notifications.models import Incident

        today = dataset.today
        later = deadlines.add_working_days(today, 30)
        self.say("")
        # The data set's own open incidents are moved out of range, so only the clocks set below are due.
        Incident.objects.open().update(notification_due_on=later)
        existing = Incident.objects.open().count()
        self.say(f"Sweep: {existing:,} open clocks in the data set; adding {max(open_count - existing, 0):,}")
        pks = open_clocks(dataset, max(open_count - existing, 0), later)
        pks = (pks + list(Incident.objects.open().exclude(pk__in=pks).values_list("pk", flat=True)))[:open_count]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE notifications_incident")
        dates = (deadlines.subtract_working_days(today, 2), today, deadlines.add_working_days(today, 1))
        for due in due_counts:
            sid = transaction.savepoint()
            chosen = pks[:due]
            for n, due_on in enumerate(dates):
                Incident.objects.filter(pk__in=chosen[n :: len(dates)]).update(notification_due_on=due_on)
            before = (Alert.objects.count(), Message.objects.count(), OutboundEmail.objects.count())
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                report = sweep()
                elapsed = time.perf_counter() - began
            written = (
                Alert.objects.count() - before[0],
                Message.objects.count() - before[1],
                OutboundEmail.objects.count() - before[2],
            )
            self.say(
                f"Sweep over {Incident.objects.open().count():,} open clocks with {due:,} due: {elapsed:.2f}s, "
                f"{len(queries)} queries; wrote {written[0]:,} alerts, {written[1]:,} messages, {written[2]:,} emails "
                f"(report {report.alerts})"
            )
            transaction.savepoint_rollback(sid)

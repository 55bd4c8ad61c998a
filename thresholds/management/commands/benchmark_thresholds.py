"""Measure the decision log and its breakdown at national scale: p50 and p95 and queries per request.

    manage.py benchmark_thresholds --decisions 1000000 --organisations 2000 --requests 30

Loads the decisions across the organisations in bulk (showing progress), each given to its
organisation as the service would, then requests the decision log (a search with filters, as the page
runs it: scoping, paging, counting up to 10,000, audit) and its breakdown through the real views, as one agency's
practitioner and as a QA Group member. Prints the timings and the query plan of the agency user's log
query, then rolls everything back: nothing is kept. Needs PostgreSQL.
"""

import statistics
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from dcfp import services as dcfp_services
from dcfp.lists import PAGE_SIZE, CappedPaginator
from dcfp.models import LocalityPartnership, Organisation, User
from dcfp.roles import Role
from thresholds import selectors, tallies
from thresholds.filters import DecisionFilter
from thresholds.models import Level, ToolVersion

CHUNK = 100_000
STATIC_WITHOUT_MANIFEST = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Searches the log is asked, in turn: everything, by level, by locality, by protected characteristics.
SEARCHES = [{}, {"level": "2"}, {"level": "4", "sex": "female"}, {"ethnicity": "black", "disability": "yes"}]


def _described(search: dict[str, str]) -> str:
    return ", ".join(f"{name} {value}" for name, value in search.items()) or "no filter"


class Rollback(Exception):
    pass


@dataclass
class Loaded:
    """What the benchmark added, so that it removes exactly that."""

    tag: str
    org_ids: list[int]
    tool_id: int | None
    locality_ids: list[int]
    recorder_id: int


class Command(BaseCommand):
    help = "Time the scoped decision log and its breakdown over many decisions (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--decisions", type=int, default=1_000_000)
        parser.add_argument("--organisations", type=int, default=2_000)
        parser.add_argument("--requests", type=int, default=30, help="requests per page and person (default 30)")
        parser.add_argument("--keep", action="store_true", help="keep the decisions loaded (removed otherwise)")
        parser.add_argument(
            "--agency-decisions",
            type=int,
            default=0,
            help="give the agency user's organisation this many decisions besides its share (a large agency)",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (set DATABASE_URL).")
        tag = uuid.uuid4().hex[:6]
        loaded: Loaded | None = None
        try:
            with transaction.atomic():
                loaded = self._load(tag, options["decisions"], options["organisations"], options["agency_decisions"])
            self._vacuum()
            try:
                # People, sessions and the audit events of the searches are rolled back with this block.
                with transaction.atomic():
                    self._run(loaded, options["requests"])
                    raise Rollback
            except Rollback:
                pass
        finally:
            if loaded is not None and not options["keep"]:
                self._remove(loaded)
        if options["keep"]:
            self.stdout.write(f"Kept the decisions (--keep): their references start B{tag}-.")
        else:
            self.stdout.write("Removed everything it loaded: nothing was kept.")

    def _load(self, tag: str, decisions: int, organisations: int, agency_decisions: int) -> "Loaded":
        started = time.perf_counter()
        org_ids = self._organisations(tag, organisations)
        tool, created_tool, localities, created_localities = self._tool_and_localities(tag)
        # The decisions' recorder: an account with no role, which signs in nowhere.
        recorder = User.objects.create_user(
            email=f"bench-recorder-{tag}@example.org",
            password=None,
            full_name="Bench Recorder",
            organisation_id=org_ids[0],
        )
        loaded = Loaded(tag, org_ids, created_tool, created_localities, recorder.pk)
        self._decisions(tag, decisions, org_ids, tool, localities, recorder.pk, agency_decisions)
        self.stdout.write(f"Loaded in {time.perf_counter() - started:.0f}s.")
        return loaded

    def _vacuum(self) -> None:
        # Committed and vacuumed, as autovacuum keeps a live table: the visibility map lets PostgreSQL
        # answer counts from the indexes alone. (Inside a test's transaction only ANALYZE can run.)
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"{command} thresholds_thresholddecision")
            cursor.execute(f"{command} thresholds_thresholddecisiongroupobjectpermission")
            cursor.execute(f"{command} thresholds_decisiontally")
        self.stdout.write(f"{command} in {time.perf_counter() - started:.0f}s.")

    def _remove(self, loaded: "Loaded") -> None:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            orgs = {"orgs": loaded.org_ids}
            cursor.execute(
                "DELETE FROM thresholds_thresholddecisiongroupobjectpermission p USING thresholds_thresholddecision d"
                " WHERE p.content_object_id = d.id AND d.organisation_id = ANY(%(orgs)s)",
                orgs,
            )
            tallies.uncount_decisions(organisation_ids=loaded.org_ids)
            cursor.execute("DELETE FROM thresholds_thresholddecision WHERE organisation_id = ANY(%(orgs)s)", orgs)
            User.objects.filter(pk=loaded.recorder_id).delete()
            groups = list(Organisation.objects.filter(pk__in=loaded.org_ids).values_list("group_id", flat=True))
            Organisation.objects.filter(pk__in=loaded.org_ids).delete()
            Group.objects.filter(pk__in=groups).delete()
            if loaded.tool_id is not None:
                ToolVersion.objects.filter(pk=loaded.tool_id).delete()
            LocalityPartnership.objects.filter(pk__in=loaded.locality_ids).delete()
        self.stdout.write(f"Removed in {time.perf_counter() - started:.0f}s.")

    def _run(self, loaded: "Loaded", requests: int) -> None:
        agency = Organisation.objects.get(pk=loaded.org_ids[0])
        practitioner = dcfp_services.person_create(
            email=f"bench-practitioner-{loaded.tag}@example.org",
            full_name="Bench Practitioner",
            organisation=agency,
            roles=[Role.PRACTITIONER],
        )
        qa_member = dcfp_services.person_create(
            email=f"bench-qa-{loaded.tag}@example.org",
            full_name="Bench QA",
            organisation=Organisation.objects.get(pk=loaded.org_ids[1]),
            roles=[Role.QA_GROUP],
        )
        self.stdout.write(
            f"The agency user's organisation holds {selectors.decision_list(practitioner).count()} decisions; "
            f"the QA Group sees {selectors.decision_list(qa_member).count()}."
        )
        self._explain(practitioner)
        self.stdout.write("The queries alone (search: page of 25 and count; breakdown: its grouped counts):")
        for label, person in (("agency user", practitioner), ("QA Group", qa_member)):
            self._measure_queries(person, label, requests)
        self.stdout.write("Whole pages through the views (middleware, scoping, audit, template, charts):")
        for label, person in (("agency user", practitioner), ("QA Group", qa_member)):
            client = self._client(person)
            for name, route in (
                ("decision log search", "thresholds:decision_log"),
                ("breakdown", "thresholds:breakdown"),
            ):
                # Pages name static files; the benchmark needs no collected manifest to render them.
                with override_settings(STORAGES=STATIC_WITHOUT_MANIFEST):
                    self._measure(client, route, f"{label}, {name}", requests)

    def _organisations(self, tag: str, count: int) -> list[int]:
        groups = Group.objects.bulk_create([Group(name=f"bench-{tag}-{n}") for n in range(count)], batch_size=5000)
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Benchmark agency {tag} {n:04d}", kind=Organisation.Kind.OTHER, group=group)
                for n, group in enumerate(groups)
            ],
            batch_size=5000,
        )
        self.stdout.write(f"{count} organisations.")
        return [o.pk for o in orgs]

    def _tool_and_localities(self, tag: str):
        tool = ToolVersion.objects.filter(status=ToolVersion.Status.CURRENT).first()
        created_tool = None
        if tool is None:
            tool = ToolVersion.objects.create(
                name="Benchmark tool",
                version=f"bench-{tag}",
                status=ToolVersion.Status.CURRENT,
                effective_from="2024-01-01",
            )
            created_tool = tool.pk
        localities = list(LocalityPartnership.objects.values_list("pk", flat=True)[:4])
        created = []
        while len(localities) < 4:
            locality = LocalityPartnership.objects.create(name=f"Benchmark locality {tag} {len(localities)}")
            localities.append(locality.pk)
            created.append(locality.pk)
        return tool, created_tool, localities, created

    def _decisions(self, tag, total, org_ids, tool, localities, recorded_by, agency_decisions) -> None:
        # Generated in the database: levels 50/25/15/10 per cent, dates over two years, characteristics spread.
        insert = """
            INSERT INTO thresholds_thresholddecision (
                reference, tool_version_id, organisation_id, recorded_by_id, decided_on, local_identifier,
                age_band, sex, ethnicity, disability, locality_id, suggested_level, level, rationale, response,
                lead_practitioner, created_at, is_demo)
            SELECT %(prefix)s || lpad(g::text, 7, '0'), %(tool)s,
                (%(orgs)s::int[])[CASE WHEN g <= %(agency)s THEN 1 ELSE 1 + g %% %(n_orgs)s END], %(by)s,
                current_date - (pg_temp.h(g, 1) %% 730)::int, 'B-' || g,
                (ARRAY['unborn','0','1-4','5-9','10-15','16+','family'])[1 + pg_temp.h(g, 2) %% 7],
                (ARRAY['female','male','not_known'])[1 + pg_temp.h(g, 3) %% 3],
                (ARRAY['asian','black','mixed','white','white','white','white','other','not_known'])
                    [1 + pg_temp.h(g, 4) %% 9],
                (ARRAY['yes','no','no','no','not_known'])[1 + pg_temp.h(g, 5) %% 5],
                (%(localities)s::int[])[1 + pg_temp.h(g, 6) %% 4], lvl, lvl, '',
                CASE lvl WHEN 1 THEN 'universal_services' WHEN 4 THEN 'social_care_referral'
                    ELSE 'early_help_assessment' END,
                CASE WHEN lvl IN (2, 3) THEN 'Lead practitioner' ELSE '' END, now(), false
            FROM (SELECT g, CASE WHEN pg_temp.h(g, 7) %% 100 < 50 THEN 1 WHEN pg_temp.h(g, 7) %% 100 < 75 THEN 2
                                 WHEN pg_temp.h(g, 7) %% 100 < 90 THEN 3 ELSE 4 END AS lvl
                  FROM generate_series(%(start)s::bigint, %(stop)s::bigint) g) AS numbered
        """
        permission = Permission.objects.get(content_type__app_label="thresholds", codename="view_thresholddecision")
        grant = """
            INSERT INTO thresholds_thresholddecisiongroupobjectpermission (permission_id, group_id, content_object_id)
            SELECT %(permission)s, o.group_id, d.id FROM thresholds_thresholddecision d
            JOIN dcfp_organisation o ON o.id = d.organisation_id
            WHERE d.id > %(after)s
        """
        prefix = f"B{tag}-"
        with connection.cursor() as cursor:
            # h(g, k): numbers spread independently of the organisation (g mod n) and of each other.
            cursor.execute(
                "CREATE FUNCTION pg_temp.h(g bigint, k int) RETURNS bigint LANGUAGE sql IMMUTABLE AS "
                "'SELECT abs(hashint8(g * 31 + k)::bigint)'"
            )
            for start in range(1, total + 1, CHUNK):
                stop = min(total, start + CHUNK - 1)
                cursor.execute("SELECT coalesce(max(id), 0) FROM thresholds_thresholddecision")
                after = cursor.fetchone()[0]
                cursor.execute(
                    insert,
                    {
                        "prefix": prefix,
                        "tool": tool.pk,
                        "orgs": org_ids,
                        "n_orgs": len(org_ids),
                        "agency": agency_decisions,
                        "by": recorded_by,
                        "localities": localities,
                        "start": start,
                        "stop": stop,
                    },
                )
                # Each decision is given to its organisation, as decision_record does.
                cursor.execute(grant, {"permission": permission.pk, "after": after})
                # And counted in the monthly tallies, as decision_record does.
                cursor.execute("SELECT max(id) FROM thresholds_thresholddecision")
                tallies.count_decisions(first=after + 1, last=cursor.fetchone()[0])
                self.stdout.write(f"  {stop:,} of {total:,} decisions loaded")

    def _client(self, person) -> Client:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=person, name="Benchmark", confirmed=True)
        client = Client()
        client.force_login(person)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    def _measure(self, client: Client, route: str, label: str, requests: int) -> None:
        url = reverse(route)
        client.get(url)  # warm caches (content types, permissions, templates)
        timings, counts = [], []
        for n in range(requests):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, SEARCHES[n % len(SEARCHES)])
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            counts.append(len(queries))
        self._report(label, timings, counts)

    def _measure_queries(self, person, label: str, requests: int) -> None:
        def search(n):
            qs = DecisionFilter(SEARCHES[n % len(SEARCHES)], queryset=selectors.decision_list(person)).qs
            return CappedPaginator(qs, PAGE_SIZE).count, list(qs[:PAGE_SIZE])

        def breakdown(n):
            filters = DecisionFilter(SEARCHES[n % len(SEARCHES)], queryset=selectors.decision_list(person))
            return selectors.searched_breakdown(person, filters)

        for name, work in (("decision log search", search), ("breakdown", breakdown)):
            work(0)
            timings, counts = [], []
            for n in range(requests):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    work(n)
                    timings.append((time.perf_counter() - started) * 1000)
                counts.append(len(queries))
            self._report(f"{label}, {name}", timings, counts)

    def _report(self, label: str, timings: list[float], counts: list[int]) -> None:
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        self.stdout.write(
            f"  {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, queries {min(counts)}-{max(counts)} ({len(timings)} runs)"
        )
        # Each search's own median (request n asks SEARCHES[n % 4]): the breakdown across the partnership
        # reads the tallies for the first (no filter) and counts decisions for the others.
        medians = [
            f"{_described(search)} {statistics.median(timings[n :: len(SEARCHES)]):.0f} ms"
            for n, search in enumerate(SEARCHES)
            if timings[n :: len(SEARCHES)]
        ]
        self.stdout.write(f"    median by search: {'; '.join(medians)}")

    def _explain(self, person) -> None:
        """EXPLAIN (ANALYZE, BUFFERS) of each query the agency user's search sends to the decision table,
        exactly as sent (the count, then the first page)."""
        search = DecisionFilter({"level": str(Level.EARLY_HELP)}, queryset=selectors.decision_list(person)).qs
        with CaptureQueriesContext(connection) as queries:
            page = CappedPaginator(search, PAGE_SIZE).get_page(1)
            list(page.object_list)
        self.stdout.write("Query plans of the agency user's log search (level 2, first page), as sent:")
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                if "thresholds_thresholddecision" not in query["sql"]:
                    continue
                self.stdout.write("  " + query["sql"])
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                for (line,) in cursor.fetchall():
                    self.stdout.write("    " + line)

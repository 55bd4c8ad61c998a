"""Timing pages in process for `manage.py benchmark`: each person signed in with both factors, every page
requested in turn (interleaved, so a slow moment of the machine falls on all pages alike), and for each
page the p50 and p95 time, the queries per request and the size of the answer."""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dcfp.models import User


@dataclass(frozen=True)
class Page:
    role: str
    name: str
    url: str
    person: User


@dataclass
class Timing:
    page: Page
    seconds: list[float] = field(default_factory=list)
    queries: int = 0
    size: int = 0
    status: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def signed_in_client(person: User) -> Client:
    """A client signed in as after a full sign-in: password and a confirmed second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=person, name="Authenticator app", defaults={"confirmed": True})
    client = Client()
    client.force_login(person)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def time_pages(pages: Sequence[Page], *, repeat: int, say: Callable[[str], None]) -> dict[tuple[str, str], Timing]:
    """Request every page `repeat` times, round robin, after one warming request each."""
    # A page past the end (page 200 of a small list) answers 404; say so in the table, not in the log.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    clients = {page.person.pk: signed_in_client(page.person) for page in pages}
    timings = {(page.role, page.name): Timing(page=page) for page in pages}
    for page in pages:  # warm the per-process caches (content types, permissions, templates)
        clients[page.person.pk].get(page.url)
    for round_ in range(repeat):
        for page in pages:
            timing = timings[page.role, page.name]
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = clients[page.person.pk].get(page.url)
                timing.seconds.append(time.perf_counter() - started)
            timing.queries = len(queries)
            timing.size = len(response.content)
            timing.status = response.status_code
        say(f"  round {round_ + 1} of {repeat}")
    return timings

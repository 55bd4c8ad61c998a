"""The authorisation matrix: every URL of the project, asked by every kind of person.

It walks every URL pattern (pages, API, admin, third-party) and fails when a route has no entry,
when an entry names a route that no longer exists, or when a route answers anyone other than expected.

How to add an entry
-------------------
Put it in your app's own file, tests/authz/routes_<app>.py (create it if needed; it must export a
list named ROUTES; every routes_*.py file is collected). For example:

    from tests.authz.matrix import Entry, expect, signed_in_only

    def _incident(ctx):
        return ctx.once("incident", lambda: IncidentFactory(created_by=ctx.csprg))

    ROUTES = [
        Entry(
            "notifications:incident_detail",
            kwargs=lambda ctx: {"pk": _incident(ctx).pk},
            # anonymous -> sign in; CSPRG and QA chair see it; everyone else 404 (never 403)
            expect=expect(404, anonymous=302, csprg=200, qa_chair=200),
        ),
        Entry("notifications:incident_agree", methods=("POST",), data=lambda ctx: {...}, ...),
    ]

- `route` is the full route name ("namespace:name"); unnamed routes use their full pattern and a
  `url=` callable; `regex=True` covers a family of routes (see routes_admin.py).
- `expect` must name "anonymous" and every persona of tests/conftest.py (`expect()` and
  `signed_in_only()` fill in the rest from a default).
- Objects are created once per route through `ctx.once(...)`; personas are `ctx.<persona>`.
- Each request runs in a savepoint that is rolled back (and the client's cookies are restored), so a
  POST or a sign-out by one persona never changes what the next request sees. The cache is cleared
  per route so throttles start afresh.
"""

import copy
import json
from datetime import datetime
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tests.authz.matrix import ANONYMOUS, NOT_SIGNED_IN, WHO, Context, collect_entries, entries_for, route_keys
from tests.conftest import (
    API_NOT_FOUND,
    PERSONAS,
    joins_the_executive,
    normalised_page,
    signed_in,
    standard_not_found_page,
)

ROUTE_KEYS = route_keys()
ENTRIES = collect_entries()
CASES = [(key, entry) for key in ROUTE_KEYS for entry in entries_for(key, ENTRIES)]
# Every method a route may be sent; those no entry of a route names must answer 405.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def test_every_route_has_an_entry():
    missing = [key for key in ROUTE_KEYS if not entries_for(key, ENTRIES)]
    assert not missing, "Routes with no entry in tests/authz/routes_*.py:\n" + "\n".join(missing)


def test_every_entry_names_a_route_that_exists():
    stale = [f"{e.module}: {e.route}" for e in ENTRIES if not any(e.matches(key) for key in ROUTE_KEYS)]
    assert not stale, "Entries for routes that no longer exist:\n" + "\n".join(stale)


def test_every_entry_states_what_everyone_gets():
    incomplete = [
        f"{e.module}: {e.route} lacks {sorted(set(WHO) - set(e.expect))}" for e in ENTRIES if set(e.expect) != set(WHO)
    ]
    assert not incomplete, "\n".join(incomplete)


def test_no_route_has_two_entries_for_one_method():
    clashes = []
    for key in ROUTE_KEYS:
        seen: dict[tuple[str, str], str] = {}
        for entry in entries_for(key, ENTRIES):
            for method in entry.methods:
                if (method, entry.state) in seen:
                    clashes.append(f"{key} {method} {entry.state}: {seen[method, entry.state]} and {entry.module}")
                seen[method, entry.state] = f"{entry.module}: {entry.route}"
    assert not clashes, "\n".join(clashes)


def _send(client: Client, method: str, url: str, data: dict | None, as_json: bool):
    call = getattr(client, method.lower())
    if method in ("GET", "HEAD", "OPTIONS"):
        return call(url, data or {})
    if as_json:
        return call(url, data=json.dumps(data or {}), content_type="application/json")
    if method == "POST":
        return call(url, data or {})
    return call(url, data=urlencode(data or {}, doseq=True), content_type="application/x-www-form-urlencoded")


@pytest.fixture
def matrix_day(time_machine):
    """The records the matrix makes carry fixed dates; the clock is held after them."""
    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)


def _clients(personas, only=PERSONAS) -> dict[str, Client]:
    clients = {ANONYMOUS: Client()}
    for who in only:
        if who != ANONYMOUS:
            clients[who] = signed_in(Client(), personas[who])
    return clients


def _is_api(response, url: str) -> bool:
    return url.startswith("/api/") or response.get("Content-Type", "").startswith("application/json")


def _sign_in_paths() -> set[str]:
    return {resolve_url(settings.LOGIN_URL), reverse("admin:login")}


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _read(response, url: str, who: str, expected: int, not_found: dict[str, str]) -> str | None:
    """What is wrong with a response whose status is as expected, or None."""
    if response.request["REQUEST_METHOD"] == "HEAD":
        # A HEAD answer has no body to carry case data: it must stay empty.
        body = _body(response)
        return f"a HEAD answer with a body: {body[:300]!r}" if body else None
    if expected == 404 and _is_api(response, url):
        if response.json() != API_NOT_FOUND:
            return f"an API 404 that is not the standard body: {response.content[:300]!r}"
    elif expected == 404:
        if who not in not_found:
            not_found[who] = standard_not_found_page(response.client)
        if normalised_page(response.content) != not_found[who]:
            return "a 404 page that differs from the standard one (it may carry case data)"
    if expected in (301, 302) and who in NOT_SIGNED_IN and response.request["REQUEST_METHOD"] == "GET":
        location = urlsplit(response["Location"])
        if location.netloc or location.path not in _sign_in_paths():
            return f"a redirect that is not to sign-in: {response['Location']}"
    return None


def _ask_everyone(entry, key, method, url, data, clients, expected, not_found) -> list[str]:
    wrong = []
    for who in WHO:
        client = clients[who]
        cookies = copy.deepcopy(client.cookies)
        with transaction.atomic():
            response = _send(client, method, url, data, entry.json)
            problem = None
            if response.status_code != expected[who]:
                problem = f"expected {expected[who]}, got {response.status_code}"
            else:
                problem = _read(response, url, who, expected[who], not_found)
            transaction.set_rollback(True)
        client.cookies = cookies
        if problem:
            wrong.append(f"{method} {url} as {who}: {problem}")
    return wrong


def _case_id(key, entry) -> str:
    return f"{key} {'/'.join(entry.methods)}" + (f" [{entry.state}]" if entry.state else "")


@pytest.mark.parametrize(("key", "entry"), CASES, ids=[_case_id(key, entry) for key, entry in CASES])
def test_route_answers_everyone_as_the_matrix_says(key, entry, db, personas, matrix_day):
    cache.clear()  # throttles and any cached page start afresh for each route
    ctx = Context(personas, key)
    url = entry.build_url(ctx)
    data = entry.data(ctx) if entry.data else None
    joins_the_executive(personas["executive_uncopied"])  # after the records were made and copied
    # Each persona signs in once per route; each request then runs in a savepoint that is rolled back,
    # and the client's cookies are put back, so a sign-out or a POST leaves nothing behind.
    clients = _clients(personas)
    not_found: dict[str, str] = {}
    wrong = []
    for method in entry.methods:
        wrong += _ask_everyone(entry, key, method, url, data, clients, entry.expect, not_found)
    assert not wrong, f"{entry.module}: {key}\n" + "\n".join(wrong)


def _unlisted_methods(key: str) -> list[str]:
    named = {m for e in entries_for(key, ENTRIES) for m in e.methods}
    return [m for m in METHODS if m not in named]


METHOD_CASES = [(key, entries_for(key, ENTRIES)[0]) for key in ROUTE_KEYS if entries_for(key, ENTRIES)]
METHOD_CASES = [(key, entry) for key, entry in METHOD_CASES if _unlisted_methods(key)]


@pytest.mark.parametrize(("key", "entry"), METHOD_CASES, ids=[key for key, _ in METHOD_CASES])
def test_methods_a_route_does_not_take_answer_405(key, entry, db, personas, matrix_day):
    """Every method no entry names is refused with 405 to anyone signed in; nobody signed in is sent
    to sign in (pages) or told to authenticate (API) first, as the route's own entry says."""
    cache.clear()
    ctx = Context(personas, key)
    url = entry.build_url(ctx)
    joins_the_executive(personas["executive_uncopied"])
    expected = dict.fromkeys(WHO, 405)
    for who in NOT_SIGNED_IN:
        if entry.expect[who] in (302, 401):  # sent to sign in before the method is looked at
            expected[who] = entry.expect[who]
    clients = _clients(personas)
    wrong = []
    for method in _unlisted_methods(key):
        wrong += _ask_everyone(entry, key, method, url, None, clients, expected, {})
    assert not wrong, f"{entry.module}: {key}\n" + "\n".join(wrong)


def _head_askers(entry) -> list[str]:
    """Nobody signed in, and the first persona of each status the route answers with to GET."""
    askers = {ANONYMOUS: entry.expect[ANONYMOUS]}
    for who in PERSONAS:
        if entry.expect[who] not in askers.values():
            askers[who] = entry.expect[who]
    return list(askers)


# Every route read by GET, whose HEAD no entry of its own describes.
HEAD_CASES = [
    (key, entry)
    for key in ROUTE_KEYS
    for entry in entries_for(key, ENTRIES)[:1]
    if "GET" in entry.methods and not any("HEAD" in e.methods for e in entries_for(key, ENTRIES))
]


@pytest.mark.parametrize(("key", "entry"), HEAD_CASES, ids=[_case_id(key, entry) for key, entry in HEAD_CASES])
def test_a_route_read_by_get_answers_head_alike(key, entry, db, personas, matrix_day):
    """HEAD is GET without the body: the same status for the same person, and never a body."""
    cache.clear()
    ctx = Context(personas, key)
    url = entry.build_url(ctx)
    joins_the_executive(personas["executive_uncopied"])
    askers = _head_askers(entry)
    clients = _clients(personas, askers)
    wrong = []
    for who in askers:
        client = clients[who]
        with transaction.atomic():
            response = client.head(url)
            transaction.set_rollback(True)
        if response.status_code != entry.expect[who]:
            wrong.append(f"HEAD {url} as {who}: expected {entry.expect[who]} as for GET, got {response.status_code}")
        elif body := _body(response):
            wrong.append(f"HEAD {url} as {who}: a body of {len(body)} bytes")
    assert not wrong, f"{entry.module}: {key}\n" + "\n".join(wrong)

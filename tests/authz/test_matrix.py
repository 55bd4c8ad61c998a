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

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.authz.matrix import ANONYMOUS, WHO, Context, collect_entries, entries_for, route_keys
from tests.conftest import PERSONAS, signed_in

ROUTE_KEYS = route_keys()
ENTRIES = collect_entries()
CASES = [(key, entry) for key in ROUTE_KEYS for entry in entries_for(key, ENTRIES)]


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
        seen: dict[str, str] = {}
        for entry in entries_for(key, ENTRIES):
            for method in entry.methods:
                if method in seen:
                    clashes.append(f"{key} {method}: {seen[method]} and {entry.module}: {entry.route}")
                seen[method] = f"{entry.module}: {entry.route}"
    assert not clashes, "\n".join(clashes)


def _send(client: Client, method: str, url: str, data: dict | None, as_json: bool):
    call = getattr(client, method.lower())
    if method in ("GET", "HEAD", "OPTIONS"):
        return call(url, data or {})
    if as_json:
        return call(url, data=json.dumps(data or {}), content_type="application/json")
    if method == "POST":
        return call(url, data or {})
    from urllib.parse import urlencode

    return call(url, data=urlencode(data or {}), content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(("key", "entry"), CASES, ids=[f"{key} {'/'.join(entry.methods)}" for key, entry in CASES])
def test_route_answers_everyone_as_the_matrix_says(key, entry, db, personas):
    cache.clear()  # throttles and any cached page start afresh for each route
    ctx = Context(personas, key)
    url = entry.build_url(ctx)
    data = entry.data(ctx) if entry.data else None
    # Each persona signs in once per route; each request then runs in a savepoint that is rolled back,
    # and the client's cookies are put back, so a sign-out or a POST leaves nothing behind.
    clients = {ANONYMOUS: Client()}
    for who in PERSONAS:
        clients[who] = signed_in(Client(), personas[who])
    wrong = []
    for method in entry.methods:
        for who in WHO:
            client = clients[who]
            cookies = copy.deepcopy(client.cookies)
            with transaction.atomic():
                status = _send(client, method, url, data, entry.json).status_code
                transaction.set_rollback(True)
            client.cookies = cookies
            if status != entry.expect[who]:
                wrong.append(f"{method} {url} as {who}: expected {entry.expect[who]}, got {status}")
    assert not wrong, f"{entry.module}: {key}\n" + "\n".join(wrong)

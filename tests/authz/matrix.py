"""The authorisation matrix: what every route answers to every kind of person.

See tests/authz/test_matrix.py for how to add an entry. This module holds the entry type, the
helpers that build expectations, and the walk over the project's URL patterns.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS

ANONYMOUS = "anonymous"
# Everyone the matrix asks: nobody signed in, then each persona of tests/conftest.py.
WHO: tuple[str, ...] = (ANONYMOUS, *PERSONAS)


# Personas who answer like another unless an entry says otherwise: a partner representative of the QA
# chair's own organisation like any partner representative, someone who joined the Executive after the
# records were copied like any Executive member (the copy is given to members as they join), a superuser
# like the admin role (superuser status adds no case access), and a switched-off account like nobody
# signed in.
LIKE = {
    "council_rep": "partner_rep",
    "executive_uncopied": "executive",
    "superuser": "admin_user",
    "inactive": ANONYMOUS,
}
# Those for whom a redirect must go to sign-in.
NOT_SIGNED_IN = (ANONYMOUS, "inactive")


def expect(default: int, *, anonymous: int | None = None, **personas: int) -> dict[str, int]:
    """Expected statuses: `default` for everyone signed in, `anonymous` for nobody signed in (defaults
    to `default`), and a per-persona override for each keyword, e.g.
    `expect(404, anonymous=302, qa_chair=200)`. A persona of LIKE that is not named answers as the one
    it is like."""
    unknown = set(personas) - set(PERSONAS)
    if unknown:
        raise ValueError(f"Unknown personas: {sorted(unknown)}")
    statuses = dict.fromkeys(PERSONAS, default)
    statuses[ANONYMOUS] = default if anonymous is None else anonymous
    statuses.update(personas)
    for persona, like in LIKE.items():
        if persona not in personas:
            statuses[persona] = statuses[like]
    return statuses


def signed_in_only(status: int = 200, **personas: int) -> dict[str, int]:
    """A page for everyone signed in; anonymous people are sent to sign in (302)."""
    return expect(status, anonymous=302, **personas)


class Context:
    """What an entry's `kwargs`, `url` and `data` callables receive.

    `ctx.personas` holds every persona by name (already created), `ctx.route` the route being
    checked (useful for regex entries), and `ctx.once(key, make)` creates an object once per route
    and returns the same one on every later call.
    """

    def __init__(self, personas: Mapping[str, Any], route: str):
        self.personas = personas
        self.route = route
        self._objects: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["personas"][name]
        except KeyError:
            raise AttributeError(name) from None

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._objects:
            self._objects[key] = make()
        return self._objects[key]


@dataclass(frozen=True)
class Entry:
    """One row of the matrix.

    route:    the route's full name ("namespace:name"); for an unnamed route its full pattern as
              `route_key()` spells it; with `regex=True`, a regular expression that fully matches the
              names or patterns of several routes (admin, third-party).
    expect:   status for "anonymous" and every persona (build it with `expect()`).
    methods:  the HTTP methods to send, each expected to answer `expect`.
    kwargs:   ctx -> URL kwargs for `reverse()` (default: none).
    url:      ctx -> the path itself, for unnamed routes (instead of `kwargs`).
    data:     ctx -> request body for POST/PUT/PATCH (form-encoded unless `json=True`).
    state:    the state of the record the entry tries (e.g. "draft"), when a route has an entry per state.
    """

    route: str
    expect: Mapping[str, int]
    methods: tuple[str, ...] = ("GET",)
    kwargs: Callable[[Context], dict] | None = None
    url: Callable[[Context], str] | None = None
    data: Callable[[Context], dict] | None = None
    json: bool = False
    regex: bool = False
    why: str = ""
    state: str = ""
    module: str = field(default="", compare=False)

    def matches(self, key: str) -> bool:
        return bool(re.fullmatch(self.route, key)) if self.regex else self.route == key

    def build_url(self, ctx: Context) -> str:
        if self.url is not None:
            return self.url(ctx)
        return reverse(ctx.route, kwargs=self.kwargs(ctx) if self.kwargs else None)


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            full = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else full), full


def route_keys() -> dict[str, list[str]]:
    """Every route of the project: its key (full name, or full pattern when unnamed) -> patterns."""
    keys: dict[str, list[str]] = {}
    for key, full in _walk(get_resolver().url_patterns):
        keys.setdefault(key, []).append(full)
    return keys


def collect_entries() -> list[Entry]:
    """Every entry of every tests/authz/routes_*.py module (each exports `ROUTES`)."""
    import tests.authz as package

    entries: list[Entry] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("routes_"):
            continue
        module = importlib.import_module(f"tests.authz.{info.name}")
        for entry in module.ROUTES:
            entries.append(Entry(**{**entry.__dict__, "module": info.name}))
    return entries


def entries_for(key: str, entries: list[Entry]) -> list[Entry]:
    """The entries that cover a route: exact ones win over regex ones."""
    exact = [e for e in entries if not e.regex and e.matches(key)]
    return exact or [e for e in entries if e.regex and e.matches(key)]

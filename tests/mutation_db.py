"""A database of its own for each test session of a mutation run (scripts/mutation).

mutmut runs several mutants at once, each in its own pytest session. Left to pytest-django, every session
would create (and clobber) the same test database while another one is using it. Instead the first session
builds a migrated template once, and each session copies it under a name of its own (a copy takes about a
second, a migration run much longer) and drops its copy when it ends. Cache keys are prefixed per session
too, so sessions sharing the Redis do not read each other's counters.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg2
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection

# pg_advisory_lock key: only one session at a time builds the template or copies it (a template must have
# no other connection while it is copied).
_LOCK = 4_242_017


# The configured database's name, before a session points the connection at its copy.
_configured: dict[str, str] = {}


def _names() -> tuple[str, str]:
    """The template's name and the prefix of the copies, from the configured database's name."""
    base = _configured.setdefault("name", connection.settings_dict["NAME"])
    return f"test_{base}_mutation_template", f"test_{base}_mutant_"


def _server() -> Any:
    params = connection.settings_dict
    server = psycopg2.connect(
        dbname="postgres",
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
    )
    server.autocommit = True
    return server


def _point_at(name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    # mutmut may run several sessions in one process: content type ids cached by an earlier session
    # (whose transactional tests flushed and re-created them) are not this copy's.
    ContentType.objects.clear_cache()


@contextmanager
def isolated_database() -> Iterator[None]:
    template, prefix = _names()
    copy = f"{prefix}{os.getpid()}"
    server = _server()
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK])
            try:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                if cursor.fetchone() is None:
                    connection.settings_dict.setdefault("TEST", {})["NAME"] = template
                    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
                    connection.close()
                cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
                cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK])
        _point_at(copy)
        caches["default"].key_prefix = f"mutant{os.getpid()}"
        yield
    finally:
        _point_at(_configured["name"])
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        server.close()


def reset() -> None:
    """Drop the template and any copy left by an interrupted run, so a new run migrates afresh."""
    template, prefix = _names()
    server = _server()
    with server.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s", [template, f"{prefix}%"]
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()

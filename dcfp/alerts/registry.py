"""The clock registry: every app declares its clocks in `<app>/clocks.py` with `register(Clock(...))`.

The alerts app imports each installed app's `clocks` module when Django is ready, so the sweep sees
every clock without knowing the apps. A clock says which records are open, which column holds the due
date, who must act, and who is told when it is overdue. A clock may also ask for one early reminder,
a number of days before it is due, to those who must act (`remind_days_before`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Model, QuerySet

# who(records) -> {record pk: [people]}: resolved for a whole batch of records in a few queries.
People = Callable[[Sequence[Model]], Mapping[int, Sequence]]


class ClockKind(StrEnum):
    STATUTORY = "statutory"  # overdue: the QA chair and the Executive are told
    AGENCY = "agency"  # overdue: the agency's leads and the CSPRG are told


@dataclass(frozen=True)
class Clock:
    name: str
    label: str
    model: type[Model]
    due_field: str
    open_records: Callable[[], QuerySet]
    must_act: People
    kind: ClockKind = ClockKind.STATUTORY
    # Who else is told when the clock is overdue; by default from the kind (see escalation_for).
    escalate_to: People | None = None
    # From this many days before the due date, those who must act get one reminder, before "due soon"
    # (0: no early reminder). Only they are told: nothing is late yet.
    remind_days_before: int = 0
    describe: Callable[[Any], str] = str
    link: Callable[[Any], str] = field(default=lambda obj: getattr(obj, "get_absolute_url", lambda: "")())


_CLOCKS: dict[str, Clock] = {}


def register(clock: Clock) -> Clock:
    """Add a clock; registering the same name again replaces it (module reloads in development)."""
    _CLOCKS[clock.name] = clock
    return clock


def clocks() -> list[Clock]:
    return [_CLOCKS[name] for name in sorted(_CLOCKS)]


def get_clock(name: str) -> Clock:
    return _CLOCKS[name]


def alertable_people() -> QuerySet:
    """The people a clock alert may go to: active, and set up. Someone added but not yet set up (their
    set-up link unused, so no usable password) cannot sign in to act on it, and is not told."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from dcfp.models import User

    return User.objects.filter(is_active=True).exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)


def people_with_roles(*roles: str) -> People:
    """Everyone active and set up holding any of `roles`, the same people for every record (one query
    per batch)."""

    def resolve(records: Sequence[Model]) -> Mapping[int, Sequence]:
        people = list(alertable_people().filter(groups__name__in=roles).distinct().order_by("pk"))
        return {record.pk: people for record in records}

    return resolve


def union(*resolvers: People) -> People:
    """People from several resolvers, each person once per record."""

    def resolve(records: Sequence[Model]) -> Mapping[int, Sequence]:
        merged: dict[int, dict[int, object]] = {record.pk: {} for record in records}
        for resolver in resolvers:
            for pk, people in resolver(records).items():
                for person in people:
                    merged.setdefault(pk, {})[person.pk] = person
        return {pk: list(people.values()) for pk, people in merged.items()}

    return resolve


def escalation_for(clock: Clock) -> People:
    """Who is told when `clock` is overdue, on top of those who must act.

    Statutory clocks go to the QA chair and the Executive. Agency tasks go to the agency's leads (the
    clock's own `escalate_to`) and the CSPRG.
    """
    from dcfp.roles import Role

    if clock.kind == ClockKind.STATUTORY:
        base = people_with_roles(Role.QA_CHAIR, Role.EXECUTIVE)
        return union(base, clock.escalate_to) if clock.escalate_to else base
    csprg = people_with_roles(Role.CSPRG)
    return union(clock.escalate_to, csprg) if clock.escalate_to else csprg


def discover() -> None:
    """Import `clocks` from every installed app (called once from AlertsConfig.ready)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("clocks")

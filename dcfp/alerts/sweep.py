"""The clock sweep: find clocks in alert range, fire each alert once, tell the right people.

The database is the truth. Each registered clock's due date is a column; the sweep reads open records
whose due date is before the due-soon horizon (an indexed range filter, never `== today`), and those
within a clock's early-reminder window (Clock.remind_days_before) beyond it, inserts one
Alert per (record, clock, kind) with INSERT ... ON CONFLICT DO NOTHING under the unique constraint, and
acts only on the rows its own insert wrote (they carry its token). The alerts, the messages and the
outbox rows commit together, with one audit event per alert (actor: the system); email goes after
commit. So sweeps may overlap, repeat, die half-way or
run late: each alert fires exactly once, and a missed sweep is caught up by the next.

"Today" is the calendar day in England (dcfp.deadlines.england_date) at the moment of the sweep,
whatever the UTC time beat runs at: at 23:30 UTC on 24 October 2026 it is already 25 October in Devon.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from dcfp import deadlines, permissions
from dcfp.alerts import registry
from dcfp.alerts.models import Alert, Heartbeat
from dcfp.alerts.services import Notice, notify_many, unique_active
from dcfp.audit.services import record_many

HEARTBEAT = "clock_sweep"
AUDIT_ACTOR = "system: clock sweep"
BATCH_SIZE = 1000


@dataclass
class SweepReport:
    today: date
    alerts: dict[str, int] = field(default_factory=dict)
    messages: int = 0


def _batches(rows: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def alert_kind(due_on: date, today: date) -> str:
    """The alert a running clock in alert range calls for: its state, as dcfp.deadlines classifies it."""
    state = deadlines.clock_state(due_on, today)
    if state not in deadlines.ALERT_STATES:
        raise ValueError(f"A clock due on {due_on} is not in alert range on {today}")
    return Alert.Kind(state.value)


def sweep(*, now: datetime | None = None) -> SweepReport:
    """Run every registered clock once and record the heartbeat. Safe to run concurrently and repeatedly."""
    now = now or timezone.now()
    today = deadlines.england_date(now)
    report = SweepReport(today=today)
    for clock in registry.clocks():
        fired, told = sweep_clock(clock, today=today, now=now)
        report.alerts[clock.name] = fired
        report.messages += told
    Heartbeat.objects.update_or_create(name=HEARTBEAT, defaults={"last_beat_at": now})
    return report


def _alert_rows(clock: registry.Clock, today: date) -> list[tuple[int, date, str]]:
    """(pk, due date, alert kind) of every open record of `clock` that calls for an alert on `today`:
    those in alert range (due soon, due today, overdue), and, for a clock with an early reminder, those
    due within its reminder window but not yet due soon. Each is one indexed range on the due column."""
    due = clock.due_field
    records = clock.open_records()
    rows = [
        (pk, due_on, alert_kind(due_on, today))
        for pk, due_on in records.filter(deadlines.in_alert_range(due, today)).order_by("pk").values_list("pk", due)
    ]
    if clock.remind_days_before:
        window = {
            f"{due}__gte": deadlines.due_soon_before(today),
            f"{due}__lte": today + timedelta(days=clock.remind_days_before),
        }
        rows += [
            (pk, due_on, Alert.Kind.REMINDER)
            for pk, due_on in records.filter(**window).order_by("pk").values_list("pk", due)
        ]
    return rows


def sweep_clock(clock: registry.Clock, *, today: date, now: datetime) -> tuple[int, int]:
    """Fire the alerts of one clock. Returns (alerts written by this sweep, messages written)."""
    rows = _alert_rows(clock, today)
    content_type = ContentType.objects.get_for_model(clock.model)
    fired = told = 0
    for batch in _batches(rows, BATCH_SIZE):
        with transaction.atomic():
            token = uuid.uuid4()
            Alert.objects.bulk_create(
                [
                    Alert(
                        content_type=content_type,
                        object_id=pk,
                        clock=clock.name,
                        kind=kind,
                        due_on=due_on,
                        created_at=now,
                        sweep_token=token,
                    )
                    for pk, due_on, kind in batch
                ],
                ignore_conflicts=True,
            )
            mine = list(Alert.objects.filter(sweep_token=token).values_list("object_id", "kind", "due_on"))
            if mine:
                fired += len(mine)
                messages, told_whom, labels = _tell(clock, mine, today)
                told += messages
                _audit(clock, mine, told_whom, labels)
    return fired, told


def _audit(
    clock: registry.Clock,
    alerts: list[tuple[int, str, date]],
    told_whom: dict[int, list[int]],
    labels: dict[int, str],
) -> None:
    """One audit event per alert this sweep wrote, naming the record its clock belongs to and who was told
    (nobody when the record closed in the meantime). Written in the alerts' transaction, in one insert."""
    target_type = clock.model._meta.label_lower
    record_many(
        {
            "actor": None,
            "actor_label": AUDIT_ACTOR,
            "action": "alerts.alert.created",
            "target_type": target_type,
            "target_id": str(pk),
            "target_label": labels.get(pk, ""),
            "detail": {"clock": clock.name, "kind": kind, "due_on": due_on, "recipients": told_whom.get(pk, [])},
        }
        for pk, kind, due_on in alerts
    )


def _tell(
    clock: registry.Clock, alerts: list[tuple[int, str, date]], today: date
) -> tuple[int, dict[int, list[int]], dict[int, str]]:
    """Write the messages and emails for these alerts.

    Returns the number of messages written, the ids of the people told about each record and each
    record's name, by record pk (records closed since the range query are left out of both)."""
    # Re-read inside the transaction: a record closed since the range query is not chased.
    records = {r.pk: r for r in clock.open_records().filter(pk__in=[pk for pk, _, _ in alerts])}
    if not records:
        return 0, {}, {}
    must_act = clock.must_act(list(records.values()))
    overdue = [records[pk] for pk, kind, _ in alerts if kind == Alert.Kind.OVERDUE and pk in records]
    escalate = registry.escalation_for(clock)(overdue) if overdue else {}
    told: dict[tuple[int, str], list] = {}
    for pk, kind, _ in alerts:
        if pk in records:
            people = list(must_act.get(pk, ()))
            if kind == Alert.Kind.OVERDUE:
                people += list(escalate.get(pk, ()))
            told[pk, kind] = unique_active(people)
    may_open = _may_open(clock, told, list(records))
    notices = []
    told_whom: dict[int, list[int]] = {}
    for pk, kind, due_on in alerts:
        record = records.get(pk)
        if record is None:
            continue
        people = told[pk, kind]
        told_whom[pk] = [person.pk for person in people]
        subject, body = wording(clock, record, kind, due_on, today)
        # Only people who may open the record get its link; the others are told without one, so an
        # escalation never sends anyone to a page they may not see.
        openers = [person for person in people if pk in may_open[person.pk]]
        others = [person for person in people if pk not in may_open[person.pk]]
        if openers:
            notices.append(Notice(recipients=openers, subject=subject, body=body, link=clock.link(record)))
        if others:
            notices.append(Notice(recipients=others, subject=subject, body=body))
    return len(notify_many(notices)), told_whom, {pk: str(record) for pk, record in records.items()}


def _may_open(clock: registry.Clock, told: dict, pks: list[int]) -> dict[int, set[int]]:
    """Which of these records each person told may open: one scoped read per person, however many
    records there are (the people told are a handful of role holders, not one per record)."""
    people = {person.pk: person for group in told.values() for person in group}
    records = clock.model._default_manager.filter(pk__in=pks)
    return {pk: set(permissions.scope(person, records).values_list("pk", flat=True)) for pk, person in people.items()}


def wording(clock: registry.Clock, record, kind: str, due_on: date, today: date) -> tuple[str, str]:
    what = f"{clock.label} for {clock.describe(record)}"
    when = date_format(due_on, "l j F Y")
    if kind == Alert.Kind.OVERDUE:
        late = deadlines.working_days_between(due_on, today)
        body = f"The {what} was due on {when} and is overdue ({late} working day{'s' if late != 1 else ''} late)."
        if clock.kind == registry.ClockKind.STATUTORY:
            body += " This is a statutory deadline, so the QA Group chair and the Executive are told."
        else:
            body += " The agency's safeguarding leads and the CSPRG are told."
        return f"Overdue: {what}", body
    if kind == Alert.Kind.DUE_TODAY:
        return f"Due today: {what}", f"The {what} is due today, {when}."
    left = deadlines.working_days_between(today, due_on)
    if kind == Alert.Kind.REMINDER:
        return (
            f"Reminder: {what}",
            f"The {what} is due on {when} ({left} working days away). This is an early reminder.",
        )
    return f"Due soon: {what}", f"The {what} is due on {when} ({left} working day{'s' if left != 1 else ''} away)."


def last_sweep_at() -> datetime | None:
    return Heartbeat.objects.filter(name=HEARTBEAT).values_list("last_beat_at", flat=True).first()

"""Working days and statutory clocks: pure functions, no database.

A working day is a weekday that is neither an England and Wales bank holiday (from the `holidays`
package, including substitute days such as 28 December 2026 for Boxing Day on a Saturday) nor a local
closure day. Local closure days come from ``settings.DCFP_LOCAL_CLOSURE_DAYS`` (ISO dates) unless a
caller passes ``closures`` explicitly.

A working-day count never starts on the start day itself: 5 working days after Wednesday 23 December
2026 is Monday 4 January 2027. Nothing here reads the clock: callers pass ``today``.

A clock's state (on track, due soon, due today, overdue, met on time, met late, stopped) is defined
once, at the end of this module, both for one record (`clock_state`) and as a database condition
(`clock_condition`, which builds a query condition and runs nothing).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import Combinable, Expression
from django.db.models.functions import TruncDate
from django.db.models.lookups import GreaterThan, LessThanOrEqual

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
AGENCY_SUMMARY_WORKING_DAY = 10
LOCAL_REVIEW_MONTHS = 6
PUBLICATION_NOTICE_WORKING_DAYS = 7
DUE_SOON_WORKING_DAYS = 2
DISAGREEMENT_STAGE_WORKING_DAYS: Mapping[int, int] = {1: 2, 2: 5, 3: 5, 4: 10}

Closures = Collection[date]
# England's clock: "today", and the day a clock was met, are calendar dates here whatever UTC says.
ENGLAND = ZoneInfo("Europe/London")


@lru_cache(maxsize=1)
def _bank_holidays() -> holidays.HolidayBase:
    # England and Wales share one bank-holiday calendar; "ENG" is the package's England subdivision.
    return holidays.country_holidays("GB", subdiv="ENG")


@lru_cache(maxsize=8)
def _parse_closures(values: tuple[str | date, ...]) -> frozenset[date]:
    return frozenset(v if isinstance(v, date) else date.fromisoformat(str(v).strip()) for v in values)


def local_closure_days() -> frozenset[date]:
    """The configured local closure days (settings.DCFP_LOCAL_CLOSURE_DAYS, ISO dates), parsed once."""
    return _parse_closures(tuple(getattr(settings, "DCFP_LOCAL_CLOSURE_DAYS", ()) or ()))


def _closures(closures: Closures | None) -> Closures:
    return local_closure_days() if closures is None else closures


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays()


def is_working_day(day: date, closures: Closures | None = None) -> bool:
    """A weekday that is not an England and Wales bank holiday or a local closure day."""
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in _closures(closures)


def add_working_days(start: date, days: int, closures: Closures | None = None) -> date:
    """The day that is the `days`-th working day after `start` (start itself never counts).

    Zero returns `start` unchanged; a negative count goes backwards like `subtract_working_days`.
    """
    return _step_working_days(start, days, closures)


def subtract_working_days(start: date, days: int, closures: Closures | None = None) -> date:
    """The `days`-th working day before `start` (start itself never counts)."""
    return _step_working_days(start, -days, closures)


def _step_working_days(start: date, days: int, closures: Closures | None) -> date:
    """Walk one calendar day at a time (forwards for a positive count, backwards for a negative one)
    until `abs(days)` working days have passed."""
    closed = _closures(closures)
    step = timedelta(days=1 if days > 0 else -1)
    day = start
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day, closed):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, closures: Closures | None = None) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    So `working_days_between(d, add_working_days(d, n)) == n` for every n >= 0.
    """
    if end < start:
        return -working_days_between(end, start, closures)
    closed = _closures(closures)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, closed):
            count += 1
    return count


def next_working_day(day: date, closures: Closures | None = None) -> date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    closed = _closures(closures)
    while not is_working_day(day, closed):
        day += timedelta(days=1)
    return day


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, or that month's last day if it is shorter.

    31 January + 1 month is 28 February (29 in a leap year); 31 August + 6 months is 28/29 February.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


# --- Statutory and agency clocks -----------------------------------------------------------------


def notification_due(aware_on: date, closures: Closures | None = None) -> date:
    """Serious incident notification: 5 working days after the authority became aware."""
    return add_working_days(aware_on, NOTIFICATION_WORKING_DAYS, closures)


def rapid_review_due(notified_on: date, notification_due_on: date, closures: Closures | None = None) -> date:
    """Rapid review: 15 working days after notification, counted from the notification's due date
    when the notification was late, so that lateness never extends the review."""
    counted_from = min(notified_on, notification_due_on)
    return add_working_days(counted_from, RAPID_REVIEW_WORKING_DAYS, closures)


def agency_summary_due(review_started_on: date, closures: Closures | None = None) -> date:
    """Individual agency summary: working day 10 of the rapid review."""
    return add_working_days(review_started_on, AGENCY_SUMMARY_WORKING_DAY, closures)


def local_review_due(decided_on: date) -> date:
    """Local child safeguarding practice review: completed and published 6 calendar months after the decision."""
    return add_months(decided_on, LOCAL_REVIEW_MONTHS)


def publication_notice_latest(publication_on: date, closures: Closures | None = None) -> date:
    """The last day the report may reach the Panel, the Secretary of State and Ofsted:
    7 working days before publication."""
    return subtract_working_days(publication_on, PUBLICATION_NOTICE_WORKING_DAYS, closures)


def disagreement_stage_due(
    stage_started_on: date,
    stage: int,
    closures: Closures | None = None,
    stage_working_days: Mapping[int, int] | None = None,
) -> date:
    """Case resolution protocol: each escalation stage has its own working-day clock
    (defaults: stage 1, 2 days; stage 2, 5; stage 3, 5; stage 4, 10)."""
    table = DISAGREEMENT_STAGE_WORKING_DAYS if stage_working_days is None else stage_working_days
    if stage not in table:
        raise ValueError(f"Unknown disagreement stage {stage!r}; expected one of {sorted(table)}")
    return add_working_days(stage_started_on, table[stage], closures)


# --- Clock state ---------------------------------------------------------------------------------
#
# A clock's state is classified here and nowhere else: `clock_state` for one record in Python, and
# `clock_condition` for the same states as a database condition (lists, filters, the sweep). Both
# judge a met clock by England's calendar date of the moment it stopped, never by the UTC date.


class ClockState(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    DUE_SOON = "due_soon", "Due soon"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"
    STOPPED = "stopped", "Stopped"


RUNNING_STATES = frozenset({ClockState.ON_TRACK, ClockState.DUE_SOON, ClockState.DUE_TODAY, ClockState.OVERDUE})
# The states that call for an alert: the clock sweep fires one alert per record and state.
ALERT_STATES = frozenset({ClockState.DUE_SOON, ClockState.DUE_TODAY, ClockState.OVERDUE})
# Not one state but the three alert states together: what a dashboard panel shows and a list filters on.
ATTENTION = "attention"
ATTENTION_LABEL = "Due soon, due today or overdue"


def england_date(moment: datetime | date) -> date:
    """The calendar date in England at `moment` (an aware datetime; a date is returned as it is).

    00:30 BST on 9 June 2026 is 23:30 UTC on 8 June, and its date in England is 9 June.
    """
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is None:
        raise ValueError("england_date needs an aware datetime, not a naive one")
    return moment.astimezone(ENGLAND).date()


def due_soon_before(today: date, closures: Closures | None = None) -> date:
    """Exclusive upper bound for "due soon": a clock is in alert range when `due_on < due_soon_before(today)`.

    Due soon means at most 2 working days away, so a due date on a weekend just before the third
    working day still counts; hence an exclusive bound at the third working day.
    """
    return add_working_days(today, DUE_SOON_WORKING_DAYS + 1, closures)


def clock_state(
    due_on: date,
    today: date,
    met: datetime | date | None = None,
    stopped: bool = False,
    closures: Closures | None = None,
) -> ClockState:
    """Where a clock stands on `today` (England's calendar date).

    A met clock is on time when England's calendar date of the moment it was met (`met`: an aware
    datetime, or a date) is on or before `due_on`, and late otherwise; a stopped clock (withdrawn,
    not needed) is neither. A running clock is overdue after its due date, due today on it, due soon
    when it is at most 2 working days away, and on track before that. `clock_condition` gives the
    same states as a database condition.
    """
    if met is not None:
        return ClockState.MET_ON_TIME if england_date(met) <= due_on else ClockState.MET_LATE
    if stopped:
        return ClockState.STOPPED
    if today > due_on:
        return ClockState.OVERDUE
    if today == due_on:
        return ClockState.DUE_TODAY
    if due_on < due_soon_before(today, closures):
        return ClockState.DUE_SOON
    return ClockState.ON_TRACK


@dataclass(frozen=True)
class ClockColumns:
    """How a model stores one clock, so that `clock_condition` can classify its rows in the database.

    - `due_field`: the column holding the due date;
    - `running`: the condition for a record whose clock is running;
    - `met_at`: an expression for the moment the clock was met (an aware datetime column, or a
      Case over several), NULL while it is not met;
    - `stopped`: the condition for a clock stopped without being met (withdrawn).
    """

    due_field: str
    running: Q
    met_at: Expression | Combinable
    stopped: Q


def running_condition(due_field: str, state: ClockState, today: date, closures: Closures | None = None) -> Q:
    """The due-date condition for a running clock in `state` on `today`, on the column `due_field`.

    One of ALERT_STATES or ON_TRACK; the clock sweep reads records in alert range with it."""
    soon = due_soon_before(today, closures)
    conditions = {
        ClockState.OVERDUE: Q(**{f"{due_field}__lt": today}),
        ClockState.DUE_TODAY: Q(**{due_field: today}),
        ClockState.DUE_SOON: Q(**{f"{due_field}__gt": today, f"{due_field}__lt": soon}),
        ClockState.ON_TRACK: Q(**{f"{due_field}__gt": today, f"{due_field}__gte": soon}),
    }
    if state not in conditions:
        raise ValueError(f"{state!r} is not the state of a running clock")
    return conditions[state]


def in_alert_range(due_field: str, today: date, closures: Closures | None = None) -> Q:
    """Running clocks due soon, due today or overdue on `today` (one indexed range on `due_field`)."""
    return Q(**{f"{due_field}__lt": due_soon_before(today, closures)})


def clock_condition(clock: ClockColumns, state: ClockState | str, today: date, closures: Closures | None = None) -> Q:
    """The database condition for records of `clock` in `state` on `today`: the rows for which
    `clock_state` gives `state`, or any of ALERT_STATES for ATTENTION. A met clock's day is taken in
    England (Europe/London)."""
    if state == ATTENTION:
        return clock.running & in_alert_range(clock.due_field, today, closures)
    state = ClockState(state)
    if state in RUNNING_STATES:
        return clock.running & running_condition(clock.due_field, state, today, closures)
    if state is ClockState.STOPPED:
        return clock.stopped
    # NULL while the clock is not met, so neither comparison holds for a running or stopped clock.
    met_on = TruncDate(clock.met_at, tzinfo=ENGLAND, output_field=models.DateField())
    if state is ClockState.MET_ON_TIME:
        return Q(LessThanOrEqual(met_on, F(clock.due_field)))
    return Q(GreaterThan(met_on, F(clock.due_field)))

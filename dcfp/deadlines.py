"""Working days and statutory clocks: pure functions, no database.

A working day is a weekday that is neither an England and Wales bank holiday (from the `holidays`
package, including substitute days such as 28 December 2026 for Boxing Day on a Saturday) nor a local
closure day. Local closure days come from ``settings.DCFP_LOCAL_CLOSURE_DAYS`` (ISO dates) unless a
caller passes ``closures`` explicitly.

A working-day count never starts on the start day itself: 5 working days after Wednesday 23 December
2026 is Monday 4 January 2027. Nothing here reads the clock: callers pass ``today``.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Mapping
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.db import models

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
AGENCY_SUMMARY_WORKING_DAY = 10
LOCAL_REVIEW_MONTHS = 6
PUBLICATION_NOTICE_WORKING_DAYS = 7
DUE_SOON_WORKING_DAYS = 2
DISAGREEMENT_STAGE_WORKING_DAYS: Mapping[int, int] = {1: 2, 2: 5, 3: 5, 4: 10}

Closures = Collection[date]


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


class ClockState(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    DUE_SOON = "due_soon", "Due soon"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"
    STOPPED = "stopped", "Stopped"


def due_soon_before(today: date, closures: Closures | None = None) -> date:
    """Exclusive upper bound for "due soon": a clock is in alert range when `due_on < due_soon_before(today)`.

    Due soon means at most 2 working days away, so a due date on a weekend just before the third
    working day still counts; hence an exclusive bound at the third working day.
    """
    return add_working_days(today, DUE_SOON_WORKING_DAYS + 1, closures)


def clock_state(
    due_on: date,
    today: date,
    met_on: date | None = None,
    stopped: bool = False,
    closures: Closures | None = None,
) -> ClockState:
    """Where a clock stands on `today`. A met clock is judged by when it was met; a stopped clock
    (withdrawn, not needed) is neither on time nor late."""
    if met_on is not None:
        return ClockState.MET_ON_TIME if met_on <= due_on else ClockState.MET_LATE
    if stopped:
        return ClockState.STOPPED
    if today > due_on:
        return ClockState.OVERDUE
    if today == due_on:
        return ClockState.DUE_TODAY
    if due_on < due_soon_before(today, closures):
        return ClockState.DUE_SOON
    return ClockState.ON_TRACK

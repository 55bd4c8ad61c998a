from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.db.models import DateField, DateTimeField, Q, Value
from hypothesis import given
from hypothesis import strategies as st

from dcfp import deadlines
from dcfp.deadlines import (
    ClockState,
    add_months,
    add_working_days,
    agency_summary_due,
    clock_state,
    disagreement_stage_due,
    england_date,
    is_working_day,
    local_review_due,
    notification_due,
    publication_notice_latest,
    rapid_review_due,
    subtract_working_days,
    working_days_between,
)

NONE: frozenset[date] = frozenset()
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=1, max_value=40)


# --- Working days -------------------------------------------------------------------------------


def test_five_working_days_after_23_december_2026_is_4_january_2027():
    # 24 Dec (1), 25 Christmas, 26-27 weekend, 28 Boxing Day substitute, 29 (2), 30 (3), 31 (4),
    # 1 Jan New Year's Day, 2-3 weekend, 4 Jan (5).
    assert add_working_days(date(2026, 12, 23), 5, NONE) == date(2027, 1, 4)


def test_28_december_2026_is_the_substitute_bank_holiday_for_boxing_day_on_a_saturday():
    assert date(2026, 12, 26).weekday() == 5
    assert deadlines.is_bank_holiday(date(2026, 12, 28))
    assert not is_working_day(date(2026, 12, 28), NONE)
    assert is_working_day(date(2026, 12, 29), NONE)


def test_christmas_2027_on_a_saturday_moves_both_bank_holidays_to_monday_and_tuesday():
    assert not is_working_day(date(2027, 12, 27), NONE)
    assert not is_working_day(date(2027, 12, 28), NONE)
    assert add_working_days(date(2027, 12, 24), 1, NONE) == date(2027, 12, 29)


def test_easter_2027_skips_good_friday_and_easter_monday():
    assert not is_working_day(date(2027, 3, 26), NONE)  # Good Friday
    assert not is_working_day(date(2027, 3, 29), NONE)  # Easter Monday
    # Thursday 25 March + 1 working day jumps the four-day weekend to Tuesday 30 March.
    assert add_working_days(date(2027, 3, 25), 1, NONE) == date(2027, 3, 30)
    assert subtract_working_days(date(2027, 3, 30), 1, NONE) == date(2027, 3, 25)


def test_the_start_day_is_never_counted():
    monday = date(2026, 11, 23)
    assert add_working_days(monday, 1, NONE) == date(2026, 11, 24)
    # A count from a Saturday starts on Monday as day 1.
    assert add_working_days(date(2026, 11, 28), 1, NONE) == date(2026, 11, 30)


def test_zero_working_days_is_the_start_day():
    assert add_working_days(date(2026, 11, 28), 0, NONE) == date(2026, 11, 28)


def test_a_local_closure_day_is_not_a_working_day():
    closure = date(2026, 11, 25)  # a Wednesday
    assert is_working_day(closure, NONE)
    assert not is_working_day(closure, {closure})
    assert add_working_days(date(2026, 11, 24), 1, {closure}) == date(2026, 11, 26)


def test_local_closure_days_come_from_settings_when_not_passed(settings):
    settings.DCFP_LOCAL_CLOSURE_DAYS = ["2026-11-25"]
    assert not is_working_day(date(2026, 11, 25))
    assert add_working_days(date(2026, 11, 24), 1) == date(2026, 11, 26)
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    assert is_working_day(date(2026, 11, 25))


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4), NONE) == 5
    assert working_days_between(date(2027, 1, 4), date(2026, 12, 23), NONE) == -5
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 23), NONE) == 0


# --- Calendar months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 7, 15), 6, date(2027, 1, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


# --- Named clocks -------------------------------------------------------------------------------


def test_notification_is_due_five_working_days_after_the_authority_became_aware():
    assert notification_due(date(2026, 12, 23), NONE) == date(2027, 1, 4)
    assert notification_due(date(2026, 11, 23), NONE) == date(2026, 11, 30)


def test_rapid_review_is_due_fifteen_working_days_after_an_on_time_notification():
    # Notified Friday 27 Nov 2026 (due Monday 30 Nov): 15 working days is Friday 18 Dec.
    assert rapid_review_due(date(2026, 11, 27), date(2026, 11, 30), NONE) == date(2026, 12, 18)


def test_a_late_notification_never_extends_the_rapid_review():
    due = date(2026, 11, 30)
    late = date(2026, 12, 7)
    assert rapid_review_due(late, due, NONE) == add_working_days(due, 15, NONE) == date(2026, 12, 21)


def test_rapid_review_over_christmas_skips_the_bank_holidays():
    # 16 Dec 2026 + 15 working days: 17,18,21,22,23,24,29,30,31 Dec, 4,5,6,7,8,11 Jan.
    assert rapid_review_due(date(2026, 12, 16), date(2026, 12, 18), NONE) == date(2027, 1, 11)


def test_agency_summary_is_due_on_working_day_ten_of_the_review():
    # Review starts Thursday 18 March 2027: 19, 22, 23, 24, 25, (Good Friday, Easter Monday) 30, 31,
    # 1 and 2 April, then Monday 5 April is day 10.
    assert agency_summary_due(date(2027, 3, 18), NONE) == date(2027, 4, 5)


def test_local_review_is_due_six_calendar_months_after_the_decision():
    assert local_review_due(date(2026, 8, 31)) == date(2027, 2, 28)
    assert local_review_due(date(2026, 11, 26)) == date(2027, 5, 26)


def test_publication_notice_is_seven_working_days_before_publication():
    # Publication Wednesday 31 March 2027: back 30, (Easter Monday, Good Friday) 25, 24, 23, 22, 19, 18.
    assert publication_notice_latest(date(2027, 3, 31), NONE) == date(2027, 3, 18)


def test_a_local_closure_day_moves_the_publication_notice_a_working_day_earlier(settings):
    closed = frozenset({date(2027, 3, 24)})
    assert publication_notice_latest(date(2027, 3, 31), closed) == date(2027, 3, 17)
    # Without closures passed, the partnership's configured closure days count.
    settings.DCFP_LOCAL_CLOSURE_DAYS = ["2027-03-24"]
    assert publication_notice_latest(date(2027, 3, 31)) == date(2027, 3, 17)


def test_the_next_working_day_of_a_working_day_is_that_day():
    assert deadlines.next_working_day(date(2026, 12, 24), NONE) == date(2026, 12, 24)


def test_the_next_working_day_after_christmas_2026_skips_the_weekend_and_boxing_days_substitute():
    # Friday 25 December (Christmas), 26-27 the weekend, Monday 28 the Boxing Day substitute.
    assert deadlines.next_working_day(date(2026, 12, 25), NONE) == date(2026, 12, 29)
    assert deadlines.next_working_day(date(2026, 12, 26), NONE) == date(2026, 12, 29)


def test_the_next_working_day_skips_a_local_closure_day_too(settings):
    closed = frozenset({date(2026, 12, 29)})
    assert deadlines.next_working_day(date(2026, 12, 25), closed) == date(2026, 12, 30)
    settings.DCFP_LOCAL_CLOSURE_DAYS = ["2026-12-29"]
    assert deadlines.next_working_day(date(2026, 12, 25)) == date(2026, 12, 30)


@pytest.mark.parametrize(
    ("stage", "expected"),
    [(1, date(2026, 11, 25)), (2, date(2026, 11, 30)), (3, date(2026, 11, 30)), (4, date(2026, 12, 7))],
)
def test_each_disagreement_stage_has_its_own_working_day_clock(stage, expected):
    assert disagreement_stage_due(date(2026, 11, 23), stage, NONE) == expected


def test_disagreement_stage_days_can_be_configured():
    assert disagreement_stage_due(date(2026, 11, 23), 1, NONE, {1: 3}) == date(2026, 11, 26)


def test_an_unknown_disagreement_stage_is_refused():
    with pytest.raises(ValueError, match="stage"):
        disagreement_stage_due(date(2026, 11, 23), 5, NONE)


# --- Clock state --------------------------------------------------------------------------------

DUE = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("today", "met_on", "stopped", "expected"),
    [
        (date(2026, 11, 26), None, False, ClockState.ON_TRACK),  # Thu: 4 working days away
        (date(2026, 11, 27), None, False, ClockState.ON_TRACK),  # Fri: 3 working days away
        (date(2026, 11, 30), None, False, ClockState.DUE_SOON),  # Mon: 2 working days away
        (date(2026, 12, 1), None, False, ClockState.DUE_SOON),
        (date(2026, 12, 2), None, False, ClockState.DUE_TODAY),
        (date(2026, 12, 3), None, False, ClockState.OVERDUE),
        (date(2026, 12, 9), date(2026, 12, 2), False, ClockState.MET_ON_TIME),
        (date(2026, 12, 9), date(2026, 12, 3), False, ClockState.MET_LATE),
        (date(2026, 12, 9), None, True, ClockState.STOPPED),
    ],
)
def test_clock_state(today, met_on, stopped, expected):
    assert clock_state(DUE, today, met=met_on, stopped=stopped, closures=NONE) is expected


def test_a_clock_met_at_a_moment_is_judged_by_the_date_in_england_not_in_utc():
    london = ZoneInfo("Europe/London")
    # Due Monday 8 June 2026, met at 00:30 BST on the 9th: still the 8th in UTC, the 9th in England.
    due = date(2026, 6, 8)
    just_after_midnight_bst = datetime(2026, 6, 9, 0, 30, tzinfo=london)  # 23:30 UTC on 8 June
    assert just_after_midnight_bst.astimezone(UTC).date() == due
    assert england_date(just_after_midnight_bst) == date(2026, 6, 9)
    assert clock_state(due, date(2026, 6, 10), met=just_after_midnight_bst, closures=NONE) is ClockState.MET_LATE
    assert clock_state(due, date(2026, 6, 10), met=datetime(2026, 6, 8, 22, 59, tzinfo=UTC), closures=NONE) is (
        ClockState.MET_ON_TIME
    )


def test_a_naive_moment_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="aware"):
        england_date(datetime(2026, 6, 9, 0, 30))


def test_due_soon_counts_working_days_so_a_bank_holiday_weekend_does_not_hide_it():
    # Due Tuesday 29 Dec 2026 seen on Thursday 24 Dec: only one working day (29th) away.
    assert clock_state(date(2026, 12, 29), date(2026, 12, 24), closures=NONE) is ClockState.DUE_SOON
    # Due Wednesday 30 Dec seen on Wednesday 23 Dec: 24, 29, 30 is three working days.
    assert clock_state(date(2026, 12, 30), date(2026, 12, 23), closures=NONE) is ClockState.ON_TRACK


def test_a_due_date_on_a_weekend_before_the_third_working_day_is_due_soon():
    # Seen on Wednesday: Thursday and Friday are the two working days; Saturday is still before Monday.
    assert clock_state(date(2026, 11, 28), date(2026, 11, 25), closures=NONE) is ClockState.DUE_SOON
    assert clock_state(date(2026, 11, 30), date(2026, 11, 25), closures=NONE) is ClockState.ON_TRACK


# --- Properties ---------------------------------------------------------------------------------


@given(dates, counts)
def test_adding_working_days_lands_on_a_working_day_strictly_after_the_start(start, days):
    result = add_working_days(start, days, NONE)
    assert result > start
    assert is_working_day(result, NONE)
    assert working_days_between(start, result, NONE) == days


@given(dates, counts)
def test_subtracting_working_days_lands_on_a_working_day_strictly_before_the_start(start, days):
    result = subtract_working_days(start, days, NONE)
    assert result < start
    assert is_working_day(result, NONE)


@given(dates, st.integers(min_value=1, max_value=30), counts)
def test_a_later_start_never_gives_an_earlier_due_date(start, gap, days):
    assert add_working_days(start + timedelta(days=gap), days, NONE) >= add_working_days(start, days, NONE)


@given(dates, counts)
def test_subtract_undoes_add_from_a_working_day(start, days):
    start = deadlines.next_working_day(start, NONE)
    assert subtract_working_days(add_working_days(start, days, NONE), days, NONE) == start
    assert add_working_days(subtract_working_days(start, days, NONE), days, NONE) == start


@given(dates, st.integers(min_value=-24, max_value=24))
def test_add_months_stays_within_the_target_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day


@given(dates, dates)
def test_clock_state_before_the_due_date_is_never_overdue(due_on, today):
    state = clock_state(due_on, today, closures=NONE)
    assert (state is ClockState.OVERDUE) == (today > due_on)


@pytest.mark.django_db
def test_the_database_condition_of_each_running_state_agrees_with_clock_state_around_a_closure_day():
    today = date(2026, 11, 23)  # a Monday
    closures = frozenset({date(2026, 11, 24)})  # a local closure day on the Tuesday
    # The closure moves the edge of "due soon": due on Thursday is due soon with it, on track without.
    assert clock_state(date(2026, 11, 26), today, closures=closures) is ClockState.DUE_SOON
    assert clock_state(date(2026, 11, 26), today, closures=NONE) is ClockState.ON_TRACK
    Group.objects.create(name="A row to test conditions on")
    rows = Group.objects.all()[:1]
    for offset in range(-3, 12):
        due = today + timedelta(days=offset)
        with_due = Group.objects.filter(pk__in=rows).annotate(due=Value(due, output_field=DateField()))
        state = clock_state(due, today, closures=closures)
        for candidate in deadlines.RUNNING_STATES:
            found = with_due.filter(deadlines.running_condition("due", candidate, today, closures)).exists()
            assert found == (state is candidate), (
                f"due {due}: the condition for {candidate} gives {found}, Python {state}"
            )
        in_range = with_due.filter(deadlines.in_alert_range("due", today, closures)).exists()
        assert in_range == (state in deadlines.ALERT_STATES), f"due {due}: alert range {in_range}, {state}"


# --- Closure days passed by the caller ----------------------------------------------------------
#
# Every clock takes the partnership's closure days from its caller when given (the settings' list
# otherwise): each one must pass them on, not fall back to the settings' list.

MONDAY = date(2027, 3, 1)
CLOSED = frozenset({date(2027, 3, 3)})  # a Wednesday inside every window below


@pytest.mark.parametrize(
    ("name", "clock"),
    [
        ("notification", lambda closures: notification_due(MONDAY, closures)),
        ("rapid review", lambda closures: rapid_review_due(MONDAY, MONDAY + timedelta(days=7), closures)),
        ("agency summary", lambda closures: agency_summary_due(MONDAY, closures)),
        ("disagreement stage 2", lambda closures: disagreement_stage_due(MONDAY, 2, closures)),
        ("due soon bound", lambda closures: deadlines.due_soon_before(MONDAY, closures)),
    ],
)
def test_a_closure_day_passed_by_the_caller_moves_each_clock_a_working_day_later(settings, name, clock):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    assert clock(CLOSED) == next_working_after(clock(NONE)), name


def next_working_after(day: date) -> date:
    return add_working_days(day, 1, NONE)


def test_a_closure_day_passed_by_the_caller_moves_the_publication_notice_a_working_day_earlier(settings):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    publication = date(2027, 3, 8)
    assert publication_notice_latest(publication, NONE) == date(2027, 2, 25)
    assert publication_notice_latest(publication, CLOSED) == date(2027, 2, 24)


def test_working_days_between_leaves_out_a_closure_day_passed_by_the_caller_in_either_direction(settings):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    friday = date(2027, 3, 5)
    assert working_days_between(MONDAY, friday, NONE) == 4
    assert working_days_between(MONDAY, friday, CLOSED) == 3
    assert working_days_between(friday, MONDAY, CLOSED) == -3


def test_the_next_working_day_skips_a_closure_day_passed_by_the_caller(settings):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    assert deadlines.next_working_day(date(2027, 3, 3), CLOSED) == date(2027, 3, 4)


def test_clock_state_uses_the_closure_days_passed_by_the_caller(settings):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    # Due on the Thursday: two working days from Monday with the Wednesday closed, three without.
    assert clock_state(date(2027, 3, 4), MONDAY, closures=CLOSED) is ClockState.DUE_SOON
    assert clock_state(date(2027, 3, 4), MONDAY, closures=NONE) is ClockState.ON_TRACK


def test_asking_for_a_running_condition_of_a_stopped_state_is_refused_by_name():
    with pytest.raises(ValueError, match="MET_ON_TIME.* is not the state of a running clock"):
        deadlines.running_condition("due", ClockState.MET_ON_TIME, MONDAY)


def _one_row_clock(met_at: datetime | None = None) -> deadlines.ClockColumns:
    return deadlines.ClockColumns(
        due_field="due",
        running=Q(pk__isnull=False) if met_at is None else Q(pk__isnull=True),
        met_at=Value(met_at, output_field=DateTimeField()),
        stopped=Q(pk__isnull=True),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("state", [deadlines.ATTENTION, ClockState.DUE_SOON, ClockState.ON_TRACK])
def test_the_database_condition_uses_the_closure_days_passed_by_the_caller(settings, state):
    settings.DCFP_LOCAL_CLOSURE_DAYS = []
    Group.objects.create(name="A row to test conditions on")
    due_thursday = Group.objects.annotate(due=Value(date(2027, 3, 4), output_field=DateField()))
    clock = _one_row_clock()
    found = {
        closures: due_thursday.filter(deadlines.clock_condition(clock, state, MONDAY, closures)).exists()
        for closures in (CLOSED, NONE)
    }
    # Two working days away with the Wednesday closed (due soon), three without (on track).
    soon = state != ClockState.ON_TRACK
    assert found == {CLOSED: soon, NONE: not soon}


@pytest.mark.django_db
def test_the_database_condition_judges_a_met_clock_by_the_date_in_england_whatever_the_server_zone(settings):
    settings.TIME_ZONE = "UTC"
    Group.objects.create(name="A row to test conditions on")
    met = datetime(2026, 6, 8, 23, 30, tzinfo=UTC)  # 00:30 on 9 June in England (BST)
    due_8_june = Group.objects.annotate(due=Value(date(2026, 6, 8), output_field=DateField()))
    clock = _one_row_clock(met_at=met)
    assert clock_state(date(2026, 6, 8), date(2026, 6, 9), met=met) is ClockState.MET_LATE
    assert due_8_june.filter(deadlines.clock_condition(clock, ClockState.MET_LATE, date(2026, 6, 9))).exists()
    assert not due_8_june.filter(deadlines.clock_condition(clock, ClockState.MET_ON_TIME, date(2026, 6, 9))).exists()

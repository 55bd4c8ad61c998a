"""One definition of the rapid review and agency summary clock states: each record's own clock_state
and the database condition of its queryset agree, state by state."""

from datetime import date, datetime, timedelta

import pytest

from dcfp.deadlines import ClockState
from rapid_reviews import services
from rapid_reviews.models import AgencySummary, RapidReview
from tests.rapid_reviews.conftest import LONDON

pytestmark = pytest.mark.django_db


def test_every_review_clock_state_selects_exactly_the_reviews_in_it(review, make_review_at, make_notified, csprg):
    sent = make_review_at("sent")  # sent on 12 November, due 26 November: met on time
    late = services.review_start(
        incident=make_notified(submitted_at=datetime(2026, 11, 12, 9, tzinfo=LONDON)), actor=csprg
    )
    for today in [date(2026, 11, 12), date(2026, 11, 24), date(2026, 11, 26), date(2026, 12, 2)]:
        for state in ClockState:
            expected = {r.pk for r in RapidReview.objects.all() if r.clock_state(today) == state}
            assert set(RapidReview.objects.in_clock_state(state, today).values_list("pk", flat=True)) == expected, (
                today,
                state,
            )
    assert sent.clock_state(date(2026, 12, 2)) is ClockState.MET_ON_TIME
    assert late.clock_state(date(2026, 12, 2)) is ClockState.OVERDUE


def test_a_summary_submitted_after_midnight_in_england_on_the_day_after_it_was_due_is_late(
    time_machine, review, agency_lead
):
    # Due Thursday 19 November (GMT); 00:30 on the 20th in London.
    time_machine.move_to(datetime(2026, 11, 20, 0, 30, tzinfo=LONDON), tick=False)
    summary = review.summaries.get(organisation=agency_lead.organisation)
    sections = dict.fromkeys(AgencySummary.SECTIONS, "Written.")
    summary = services.summary_submit(summary=summary, actor=agency_lead, version=1, sections=sections)
    today = date(2026, 11, 20)
    assert summary.clock_state(today) is ClockState.MET_LATE
    for state in ClockState:
        expected = {s.pk for s in AgencySummary.objects.all() if s.clock_state(today) == state}
        assert set(AgencySummary.objects.in_clock_state(state, today).values_list("pk", flat=True)) == expected, state
    assert summary.due_on + timedelta(days=1) == today


def test_every_action_clock_state_selects_exactly_the_actions_in_it(time_machine, review, csprg, agency_lead):
    from rapid_reviews.models import Action

    recommendation = services.recommendation_add(review=review, actor=csprg, text="Share concerns.")
    # Due Friday 13, Monday 16 (due soon), Thursday 26 November and after Christmas (the bank holidays
    # of 25 and 28 December 2026 keep 29 December more than 2 working days from 24 December).
    for due_on in [date(2026, 11, 13), date(2026, 11, 16), date(2026, 11, 26), date(2026, 12, 29)]:
        services.action_add(
            recommendation=recommendation,
            actor=csprg,
            organisation=agency_lead.organisation,
            description="Act.",
            due_on=due_on,
        )
    on_time, late = Action.objects.order_by("due_on")[:2]
    services.action_update(action=on_time, actor=agency_lead, text="Done.", complete=True)
    time_machine.move_to(datetime(2026, 11, 17, 0, 30, tzinfo=LONDON), tick=False)  # 16 November in UTC
    services.action_update(action=late, actor=agency_lead, text="Done.", complete=True)
    late.refresh_from_db()
    assert late.clock_state(date(2026, 11, 17)) is ClockState.MET_LATE
    for today in [date(2026, 11, 17), date(2026, 11, 26), date(2026, 12, 2), date(2026, 12, 24)]:
        for state in ClockState:
            expected = {a.pk for a in Action.objects.all() if a.clock_state(today) == state}
            assert set(Action.objects.in_clock_state(state, today).values_list("pk", flat=True)) == expected, (
                today,
                state,
            )

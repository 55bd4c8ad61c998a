"""One definition of a notification clock's state: the record, the list, its filter and the API agree,
and a met clock is on time or late by England's calendar date of the moment it was met."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from dcfp.deadlines import ClockState
from notifications import selectors, services
from notifications.models import Incident
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _agreed(csprg, qa_chair, partner_rep, devon, *, agreed_at: datetime, **fields) -> Incident:
    """An incident agreed at `agreed_at` (a submission to the national system comes after it)."""
    incident = services.incident_create(actor=csprg, data=incident_input(devon, **fields))
    with time_machine.travel(agreed_at, tick=False):
        services.incident_submit_for_agreement(incident=incident, actor=csprg)
        services.incident_agree(incident=incident, actor=qa_chair)
        return services.incident_agree(incident=incident, actor=partner_rep)


def _row(html: str, reference: str) -> str:
    """The list table's row for one incident."""
    start = html.index(reference)
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


@time_machine.travel(datetime(2026, 6, 9, 12, 0, tzinfo=LONDON), tick=False)
def test_submitted_half_an_hour_after_midnight_bst_the_day_after_the_due_date_is_met_late_everywhere(
    sign_in, csprg, qa_chair, partner_rep, devon
):
    # Aware Monday 1 June 2026: due Monday 8 June. Submitted at 00:30 BST on 9 June, which is 23:30 UTC
    # on 8 June: in England it was already the 9th, so the notification was late.
    incident = _agreed(
        csprg,
        qa_chair,
        partner_rep,
        devon,
        agreed_at=datetime(2026, 6, 8, 10, 0, tzinfo=LONDON),
        occurred_on=date(2026, 5, 31),
        aware_on=date(2026, 6, 1),
    )
    assert incident.notification_due_on == date(2026, 6, 8)
    notified = services.incident_record_notified(
        incident=incident,
        actor=csprg,
        national_reference="NP-1",
        submitted_at=datetime(2026, 6, 9, 0, 30, tzinfo=LONDON),
    )
    today = date(2026, 6, 9)
    reloaded = Incident.objects.get(pk=incident.pk)
    assert selectors.incident_clock(notified, today) is ClockState.MET_LATE
    assert selectors.incident_clock(reloaded, today) is ClockState.MET_LATE
    assert reloaded.clock_met_on == date(2026, 6, 9)

    late = selectors.incident_list(csprg, today=today, filters={"clock": ClockState.MET_LATE})
    assert list(late) == [reloaded]
    assert not selectors.incident_list(csprg, today=today, filters={"clock": ClockState.MET_ON_TIME}).exists()

    client = sign_in(csprg)
    page = client.get(reverse("notifications:list")).content.decode()
    assert '<span class="govuk-visually-hidden">Clock: </span>Met late' in _row(page, incident.reference)
    filtered = client.get(reverse("notifications:list"), {"clock": "met_late"}).content.decode()
    assert incident.reference in filtered
    on_time = client.get(reverse("notifications:list"), {"clock": "met_on_time"}).content.decode()
    assert incident.reference not in on_time
    detail = client.get(reverse("notifications:detail", args=[incident.pk])).content.decode()
    assert '<span class="govuk-visually-hidden">Clock: </span>Met late' in detail

    api_list = client.get(reverse("api:incident-list")).json()["results"]
    assert [(row["reference"], row["clock"]["state"]) for row in api_list] == [(incident.reference, "met_late")]
    api_filtered = client.get(reverse("api:incident-list"), {"clock": "met_late"}).json()["results"]
    assert [row["reference"] for row in api_filtered] == [incident.reference]
    assert client.get(reverse("api:incident-list"), {"clock": "met_on_time"}).json()["results"] == []
    api_detail = client.get(reverse("api:incident-detail", args=[incident.pk])).json()
    assert api_detail["clock"] == {"due_on": "2026-06-08", "state": "met_late", "label": "Met late"}


@time_machine.travel(datetime(2026, 6, 9, 12, 0, tzinfo=LONDON), tick=False)
def test_submitted_just_before_midnight_bst_on_the_due_date_is_met_on_time(csprg, qa_chair, partner_rep, devon):
    # 23:59 BST on 8 June is 22:59 UTC on 8 June: on time in England as in UTC.
    incident = _agreed(
        csprg,
        qa_chair,
        partner_rep,
        devon,
        agreed_at=datetime(2026, 6, 8, 10, 0, tzinfo=LONDON),
        occurred_on=date(2026, 5, 31),
        aware_on=date(2026, 6, 1),
    )
    services.incident_record_notified(
        incident=incident,
        actor=csprg,
        national_reference="NP-2",
        submitted_at=datetime(2026, 6, 8, 23, 59, tzinfo=LONDON),
    )
    today = date(2026, 6, 9)
    assert Incident.objects.get(pk=incident.pk).clock_state(today) is ClockState.MET_ON_TIME
    assert list(Incident.objects.in_clock_state(ClockState.MET_ON_TIME, today)) == [incident]


@time_machine.travel(datetime(2026, 11, 12, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
def test_every_clock_state_filters_exactly_the_records_in_that_state(csprg, qa_chair, partner_rep, devon):
    # Thursday 12 November 2026. One incident per state; the database condition for each state picks
    # exactly the incidents whose own clock_state is that state.
    def draft(aware_on: date) -> Incident:
        return services.incident_create(
            actor=csprg, data=incident_input(devon, occurred_on=aware_on, aware_on=aware_on)
        )

    overdue = draft(date(2026, 11, 3))  # due Tuesday 10 November
    due_today = draft(date(2026, 11, 5))  # due Thursday 12 November
    due_soon = draft(date(2026, 11, 9))  # due Monday 16 November: 2 working days away
    on_track = draft(date(2026, 11, 12))  # due Thursday 19 November
    withdrawn = services.incident_withdraw(incident=draft(date(2026, 11, 10)), actor=csprg, reason="Logged twice.")
    met_on_time = services.incident_record_notified(
        incident=_agreed(
            csprg,
            qa_chair,
            partner_rep,
            devon,
            agreed_at=datetime(2026, 11, 10, 9, 0, tzinfo=LONDON),
            occurred_on=date(2026, 11, 9),
            aware_on=date(2026, 11, 9),
        ),
        actor=csprg,
        national_reference="NP-3",
        submitted_at=datetime(2026, 11, 11, 9, 0, tzinfo=LONDON),
    )
    met_late = services.incident_record_notified(
        incident=_agreed(
            csprg,
            qa_chair,
            partner_rep,
            devon,
            agreed_at=datetime(2026, 11, 10, 9, 0, tzinfo=LONDON),
            occurred_on=date(2026, 11, 2),
            aware_on=date(2026, 11, 2),
        ),
        actor=csprg,
        national_reference="NP-4",
        submitted_at=datetime(2026, 11, 11, 9, 0, tzinfo=LONDON),  # due Monday 9 November
    )
    expected = {
        ClockState.OVERDUE: overdue,
        ClockState.DUE_TODAY: due_today,
        ClockState.DUE_SOON: due_soon,
        ClockState.ON_TRACK: on_track,
        ClockState.STOPPED: withdrawn,
        ClockState.MET_ON_TIME: met_on_time,
        ClockState.MET_LATE: met_late,
    }
    today = date(2026, 11, 12)
    everything = list(Incident.objects.all())
    assert {state: [i for i in everything if i.clock_state(today) is state] for state in ClockState} == {
        state: [expected[state]] for state in ClockState
    }
    for state in ClockState:
        assert list(Incident.objects.in_clock_state(state, today)) == [expected[state]], state

"""The clock sweep, run in-process: who is told what, once, on which day (England's calendar)."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from dcfp.alerts.models import Alert, Heartbeat, Message, OutboundEmail
from dcfp.alerts.registry import get_clock
from dcfp.alerts.sweep import HEARTBEAT, sweep
from notifications.models import Incident

THU = date(2026, 11, 26)  # the sweeps below run at noon on this Thursday


def at(day: date, hour: int = 12, minute: int = 0):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC), tick=False)


def fired(report) -> dict[str, int]:
    """The alerts a sweep wrote, by clock, leaving out the clocks (of every app) that had none to write."""
    return {clock: count for clock, count in report.alerts.items() if count}


def inbox(person) -> list[str]:
    return list(Message.objects.filter(recipient=person).order_by("subject").values_list("subject", flat=True))


@pytest.fixture
def people(csprg, qa_chair, executive, partner_rep, other_agency):
    return {"csprg": csprg, "qa_chair": qa_chair, "executive": executive, "partner_rep": partner_rep}


def test_the_notification_clock_is_registered_from_its_app():
    clock = get_clock("notification")
    assert clock.model is Incident
    assert clock.due_field == "notification_due_on"


def test_due_soon_and_due_today_go_to_the_csprg_only(people, incidents):
    incidents([date(2026, 11, 30), THU])  # Monday (2 working days away) and today
    with at(THU):
        sweep()
    assert inbox(people["csprg"]) == [
        "Due soon: serious incident notification for DCFP-T-000000",
        "Due today: serious incident notification for DCFP-T-000001",
    ]
    assert inbox(people["qa_chair"]) == inbox(people["executive"]) == inbox(people["partner_rep"]) == []


def test_an_overdue_statutory_clock_escalates_to_the_qa_chair_and_the_executive(people, incidents, other_agency):
    (late,) = incidents([date(2026, 11, 24)])
    with at(THU):
        sweep()
    subject = "Overdue: serious incident notification for DCFP-T-000000"
    for name in ("csprg", "qa_chair", "executive"):
        assert inbox(people[name]) == [subject], name
    assert inbox(people["partner_rep"]) == inbox(other_agency) == []
    message = Message.objects.filter(recipient=people["qa_chair"]).get()
    assert "was due on Tuesday 24 November 2026" in message.body
    assert "2 working days late" in message.body
    assert message.link == f"/notifications/{late.pk}/"
    assert OutboundEmail.objects.filter(subject=subject).count() == 3


def test_a_clock_three_working_days_away_is_left_alone(people, incidents):
    incidents([date(2026, 12, 1)])  # Friday, Monday, Tuesday: three working days
    with at(THU):
        report = sweep()
    assert report.alerts["notification"] == 0
    assert fired(report) == {}
    assert not Message.objects.exists()


def test_closed_notifications_are_never_chased(people, incidents):
    incidents([date(2026, 11, 20)], status="withdrawn")
    incidents([date(2026, 11, 20)], status="not_notifiable", start=1)
    incidents([date(2026, 11, 20)], status="notified", start=2)
    with at(THU):
        sweep()
    assert not Alert.objects.exists()
    assert not Message.objects.exists()


def test_the_same_sweep_twice_tells_nobody_twice(people, incidents):
    incidents([date(2026, 11, 24), THU, date(2026, 11, 27)])
    with at(THU):
        first = sweep()
        second = sweep()
    assert fired(first) == {"notification": 3}
    assert fired(second) == {}
    per_person = Counter(Message.objects.values_list("recipient_id", "subject"))
    assert set(per_person.values()) == {1}


def test_one_clock_moves_from_due_soon_to_due_today_to_overdue_one_alert_each(people, incidents):
    incidents([date(2026, 12, 1)])  # Tuesday
    for day in (date(2026, 11, 27), date(2026, 11, 28), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)):
        with at(day):
            sweep()
    assert list(Alert.objects.order_by("created_at").values_list("kind", flat=True)) == [
        "due_soon",
        "due_today",
        "overdue",
    ]
    assert len(inbox(people["csprg"])) == 3
    assert len(inbox(people["qa_chair"])) == 1


def test_a_clock_first_seen_overdue_sends_only_the_overdue_alert(people, incidents):
    incidents([date(2026, 11, 2)])
    with at(THU):
        sweep()
    assert list(Alert.objects.values_list("kind", flat=True)) == ["overdue"]


def test_the_due_soon_window_counts_working_days_over_a_bank_holiday(people, incidents):
    # Seen on Christmas Eve 2026, 29 December is one working day away (25, 26-27, 28 are not working days).
    incidents([date(2026, 12, 29), date(2026, 12, 31)])
    with at(date(2026, 12, 24)):
        sweep()
    assert list(Alert.objects.values_list("object_id", "kind")) == [
        (Incident.objects.get(reference="DCFP-T-000000").pk, "due_soon")
    ]


def test_each_sweep_records_its_heartbeat(db):
    with at(THU, 9, 5):
        sweep()
    with at(THU, 9, 10):
        sweep()
    assert Heartbeat.objects.get(name=HEARTBEAT).last_beat_at == datetime(2026, 11, 26, 9, 10, tzinfo=UTC)


# --- Clock changes: beat runs in UTC, the deadline day is England's -------------------------------


@pytest.mark.parametrize(
    ("saturday", "bst_before"),
    [
        (date(2026, 3, 28), False),  # clocks go forward 01:00 UTC Sunday 29 March 2026
        (date(2026, 10, 24), True),  # clocks go back 01:00 UTC Sunday 25 October 2026
        (date(2027, 3, 27), False),
        (date(2027, 10, 30), True),
    ],
)
def test_sweeps_every_five_minutes_across_a_clock_change_alert_once_on_englands_date(
    people, incidents, saturday, bst_before
):
    """A clock due on the Saturday becomes overdue at midnight in England: 23:00 UTC while on summer time."""
    sunday = saturday + timedelta(days=1)
    monday = saturday + timedelta(days=2)
    due_saturday, due_monday = incidents([saturday, monday])
    local_midnight_utc = datetime(sunday.year, sunday.month, sunday.day, tzinfo=UTC) - timedelta(
        hours=1 if bst_before else 0
    )
    start = local_midnight_utc - timedelta(minutes=30)
    kinds_seen = []
    for step in range(0, 5 * 60, 5):  # 22:30 to 03:25 local: through midnight and the changed hour
        now = start + timedelta(minutes=step)
        with time_machine.travel(now, tick=False):
            sweep()
        kinds_seen.append(Alert.objects.filter(object_id=due_saturday.pk, kind="overdue").exists())
    # Overdue from the first sweep after midnight in England, not midnight UTC.
    assert kinds_seen.index(True) == 6
    alerts = Counter(Alert.objects.values_list("object_id", "kind"))
    assert alerts == {
        (due_saturday.pk, "due_today"): 1,
        (due_saturday.pk, "overdue"): 1,
        (due_monday.pk, "due_soon"): 1,
    }
    assert set(Counter(Message.objects.values_list("recipient_id", "subject")).values()) == {1}


def test_benchmark_sweep_reports_time_and_queries_and_keeps_nothing(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("benchmark_sweep", "--open", "60", "--due", "30", stdout=out)
    text = out.getvalue()
    assert "'notification': 30" in text
    assert " queries" in text
    assert "Rolled back" in text
    assert not Incident.objects.exists()
    assert not Alert.objects.exists()


@pytest.fixture
def agency_task_clock(agency_lead):
    """An agency-task clock over incidents (standing in for the agency summaries of rapid reviews), whose
    agency is the lead's organisation."""
    from dcfp.alerts import registry
    from dcfp.roles import Role

    clock = registry.register(
        registry.Clock(
            name="agency_task_example",
            label="agency task",
            model=Incident,
            due_field="notification_due_on",
            open_records=Incident.objects.open,
            must_act=registry.people_with_roles(Role.AGENCY_LEAD),
            kind=registry.ClockKind.AGENCY,
            escalate_to=lambda records: {r.pk: [agency_lead] for r in records},
        )
    )
    yield clock
    registry._CLOCKS.pop(clock.name)


def test_an_overdue_agency_task_escalates_to_the_agency_leads_and_the_csprg_not_the_executive(
    people, incidents, agency_lead, agency_task_clock
):
    incidents([date(2026, 11, 24)])
    with at(THU):
        sweep()
    subject = "Overdue: agency task for DCFP-T-000000"
    assert inbox(agency_lead) == [subject]
    assert subject in inbox(people["csprg"])
    assert subject not in inbox(people["qa_chair"]) + inbox(people["executive"])
    body = Message.objects.filter(subject=subject).first().body
    assert "The agency's safeguarding leads and the CSPRG are told." in body


def test_beat_starting_queues_a_sweep_at_once(settings):
    import json

    import redis
    from celery.signals import beat_init

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete("celery")
    beat_init.send(sender=None)
    queued = [json.loads(raw)["headers"]["task"] for raw in broker.lrange("celery", 0, -1)]
    broker.delete("celery")
    assert queued == ["dcfp.alerts.tasks.sweep"]


def test_each_alert_the_sweep_writes_is_in_the_audit_trail_with_the_people_told(people, incidents):
    from dcfp.audit.models import AuditEvent
    from dcfp.audit.selectors import verify_chain

    late, today = incidents([date(2026, 11, 24), THU])
    with at(THU):
        sweep()
        sweep()  # nothing new: nothing more in the trail

    events = {e.target_id: e for e in AuditEvent.objects.filter(action="alerts.alert.created")}
    assert set(events) == {str(late.pk), str(today.pk)}
    for incident, kind in ((late, "overdue"), (today, "due_today")):
        event = events[str(incident.pk)]
        assert event.actor is None
        assert event.actor_label == "system: clock sweep"
        assert event.target_type == "notifications.incident"
        assert event.target_label == incident.reference
        told = set(
            Message.objects.filter(subject__endswith=f" {incident.reference}").values_list("recipient_id", flat=True)
        )
        detail = event.changes["detail"]
        assert detail["clock"] == "notification"
        assert detail["kind"] == kind
        assert detail["due_on"] == incident.notification_due_on.isoformat()
        assert set(detail["recipients"]) == told
    assert set(events[str(late.pk)].changes["detail"]["recipients"]) == {
        people[name].pk for name in ("csprg", "qa_chair", "executive")
    }
    assert verify_chain().ok


def test_the_sweep_costs_the_same_queries_for_3_or_30_alerts_among_6_or_336_open_clocks(people, incidents):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with at(THU):
        sweep()  # the heartbeat row and the content type cache exist from now on
    incidents([date(2026, 11, 24), THU, date(2026, 11, 27)] + [date(2027, 1, 29)] * 3)
    with at(THU), CaptureQueriesContext(connection) as few:
        assert fired(sweep()) == {"notification": 3}
    incidents([date(2026, 11, 24), THU, date(2026, 11, 27)] * 10 + [date(2027, 1, 29)] * 300, start=100)
    with at(THU), CaptureQueriesContext(connection) as many:
        assert fired(sweep()) == {"notification": 30}
    assert len(many) == len(few)


def test_people_told_of_an_overdue_record_they_may_not_open_get_no_link_to_it(people, incidents):
    """The Executive hears of every overdue notification, but sees one only once it is copied to them."""
    (late,) = incidents([date(2026, 11, 24)])
    with at(THU):
        sweep()
    executive_message = Message.objects.get(recipient=people["executive"])
    assert executive_message.link == ""
    assert "DCFP-T-000000" in executive_message.subject
    executive_email = OutboundEmail.objects.get(recipient=people["executive"])
    assert "/notifications/" not in executive_email.body
    assert Message.objects.get(recipient=people["qa_chair"]).link == f"/notifications/{late.pk}/"
    assert Message.objects.get(recipient=people["csprg"]).link == f"/notifications/{late.pk}/"


def test_a_copied_executive_member_gets_the_link_to_the_overdue_record(people, incidents):
    from dcfp.permissions import grant

    (late,) = incidents([date(2026, 11, 24)])
    grant("view", people["executive"], late)
    with at(THU):
        sweep()
    assert Message.objects.get(recipient=people["executive"]).link == f"/notifications/{late.pk}/"

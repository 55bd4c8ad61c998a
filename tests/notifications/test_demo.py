"""Demo incidents: one in each state, one overdue awaiting agreement, and loading twice changes nothing."""

from datetime import date

import pytest

from dcfp.copies.models import Copy
from dcfp.demo import load_demo
from notifications import selectors
from notifications.demo import load_notification_demo
from notifications.models import Incident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_26_november_2026")]


def test_demo_incidents_cover_each_state_and_load_only_once():
    load_demo()
    assert load_notification_demo(today=date(2026, 11, 26)) == 7
    assert load_notification_demo(today=date(2026, 11, 26)) == 0
    assert set(Incident.objects.values_list("status", flat=True)) == {
        "draft",
        "awaiting_agreement",
        "agreed",
        "notified",
        "not_notifiable",
        "withdrawn",
        "referred",
    }
    assert all(Incident.objects.values_list("is_demo", flat=True))


def test_the_demo_case_awaiting_agreement_is_overdue_for_the_sweep():
    load_demo()
    load_notification_demo(today=date(2026, 11, 26))
    awaiting = Incident.objects.get(status="awaiting_agreement")
    assert selectors.incident_clock(awaiting, date(2026, 11, 26)).value == "overdue"
    assert awaiting in Incident.objects.due(on=date(2026, 11, 26))
    assert not Copy.objects.filter(object_id=awaiting.pk).exists()
    assert Copy.objects.filter(object_id=Incident.objects.get(status="agreed").pk).count() == 1

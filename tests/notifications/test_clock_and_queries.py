"""The notification clock over a bank holiday, its states on the pages, and query counts that stay flat."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import selectors, services
from notifications.models import Incident
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-30 10:00:00Z", tick=False)
def test_the_clock_runs_over_christmas_bank_holidays(csprg, devon):
    # Aware Wednesday 23 December 2026: 24th is a working day, 25th, 28th (substitute Boxing Day) are not.
    incident = services.incident_create(
        actor=csprg, data=incident_input(devon, occurred_on=date(2026, 12, 22), aware_on=date(2026, 12, 23))
    )
    assert incident.notification_due_on == date(2027, 1, 4)
    # On 29 December three working days remain (30th, 31st, 4th): on track. On the 30th, two: due soon.
    assert selectors.incident_clock(incident, date(2026, 12, 29)).value == "on_track"
    assert selectors.incident_clock(incident, date(2026, 12, 30)).value == "due_soon"
    assert selectors.incident_clock(incident, date(2027, 1, 4)).value == "due_today"
    assert selectors.incident_clock(incident, date(2027, 1, 5)).value == "overdue"


@time_machine.travel("2026-11-12 10:00:00Z", tick=False)
def test_an_overdue_incident_shows_its_clock_in_words_on_the_list_and_filter(sign_in, csprg, make_incident):
    overdue = make_incident()  # due 10 November
    on_track = make_incident(occurred_on=date(2026, 11, 12), aware_on=date(2026, 11, 12))  # due 19 November
    client = sign_in(csprg)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Overdue" in html and "On track" in html
    filtered = client.get(reverse("notifications:list"), {"clock": "overdue"}).content.decode()
    assert overdue.reference in filtered and on_track.reference not in filtered
    detail = client.get(reverse("notifications:detail", args=[overdue.pk])).content.decode()
    assert '<span class="govuk-visually-hidden">Clock: </span>Overdue' in detail


@pytest.fixture
def on_20_november_2026(time_machine):
    time_machine.move_to("2026-11-20 10:00:00Z", tick=False)


def test_met_on_time_and_late_are_told_apart(on_20_november_2026, csprg, agreed):
    from django.utils import timezone

    agreed = services.incident_record_notified(
        incident=agreed, actor=csprg, national_reference="R", submitted_at=timezone.now()
    )  # 20 November, after the 10 November due date
    assert selectors.incident_clock(agreed, date(2026, 11, 20)).value == "met_late"
    assert list(selectors.incident_list(csprg, today=date(2026, 11, 20), filters={"clock": "met_late"})) == [agreed]
    assert not selectors.incident_list(csprg, today=date(2026, 11, 20), filters={"clock": "met_on_time"}).exists()


def _make(csprg, devon, n):
    for i in range(n):
        services.incident_create(actor=csprg, data=incident_input(devon, summary=f"Incident {i}."))


def _count(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, permissions) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_list_page_queries_stay_flat_from_5_to_50_rows(sign_in, csprg, devon):
    client = sign_in(csprg)
    _make(csprg, devon, 5)
    few = _count(client, reverse("notifications:list"))
    _make(csprg, devon, 45)
    assert Incident.objects.count() == 50
    many = _count(client, reverse("notifications:list") + "?page=1")
    assert many == few


def test_api_list_queries_stay_flat_from_5_to_50_rows(sign_in, csprg, devon):
    client = sign_in(csprg)
    _make(csprg, devon, 5)
    few = _count(client, reverse("api:incident-list"))
    _make(csprg, devon, 45)
    many = _count(client, reverse("api:incident-list") + "?page_size=50")
    assert many == few


def test_awaiting_my_agreement_queries_stay_flat_from_5_to_50_rows(sign_in, csprg, partner_rep, qa_chair, devon):
    def submit(n):
        for i in range(n):
            incident = services.incident_create(actor=csprg, data=incident_input(devon, summary=f"Incident {i}."))
            services.incident_submit_for_agreement(incident=incident, actor=csprg)

    client = sign_in(partner_rep)
    submit(5)
    few = _count(client, reverse("notifications:awaiting"))
    submit(45)
    many = _count(client, reverse("notifications:awaiting"))
    assert many == few
    assert len(selectors.incidents_awaiting_my_agreement(partner_rep)) == 50

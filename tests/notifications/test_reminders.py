"""Notification reminders go to whoever the incident's state waits for: the deciders while it awaits
agreement, the CSPRG in draft and once agreed; overdue also escalates to the QA chair and the Executive."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dcfp.alerts.models import Message
from dcfp.alerts.sweep import sweep
from dcfp.roles import Role
from notifications import services
from notifications.clocks import must_act
from notifications.models import Incident
from tests.factories import UserFactory
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.django_db

# The fixtures' incidents become aware on Tuesday 3 November 2026 and are due Tuesday 10 November.
MONDAY_9 = datetime(2026, 11, 9, 12, 0, tzinfo=UTC)  # due soon
TUESDAY_10 = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)  # due today
THURSDAY_12 = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)  # overdue


@pytest.fixture
def health_rep(health):
    return UserFactory(email="health-rep@example.org", organisation=health, roles=[Role.PARTNER_REP])


def subjects(person) -> list[str]:
    return sorted(Message.objects.filter(recipient=person).values_list("subject", flat=True))


def reminders(person) -> list[str]:
    return [s for s in subjects(person) if s.startswith(("Due soon", "Due today", "Overdue"))]


def sweep_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        sweep()


def test_while_awaiting_agreement_the_qa_chair_and_each_partner_rep_are_reminded_not_the_csprg(
    awaiting, csprg, qa_chair, partner_rep, health_rep, council_rep, executive
):
    sweep_at(MONDAY_9)
    subject = f"Due soon: serious incident notification for {awaiting.reference}"
    assert reminders(qa_chair) == [subject]
    assert reminders(partner_rep) == [subject]
    assert reminders(health_rep) == [subject]
    # The council's representative cannot be the second agreement (the chair is in the council).
    assert reminders(council_rep) == []
    assert reminders(csprg) == reminders(executive) == []


def test_only_those_who_have_not_decided_are_reminded_on_the_due_day(
    awaiting, csprg, qa_chair, partner_rep, health_rep
):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    sweep_at(TUESDAY_10)
    subject = f"Due today: serious incident notification for {awaiting.reference}"
    assert reminders(qa_chair) == []
    assert reminders(partner_rep) == reminders(health_rep) == [subject]
    assert reminders(csprg) == []


def test_once_agreed_the_csprg_is_reminded_to_record_it_as_notified(agreed, csprg, qa_chair, partner_rep):
    sweep_at(TUESDAY_10)
    subject = f"Due today: serious incident notification for {agreed.reference}"
    assert reminders(csprg) == [subject]
    assert reminders(qa_chair) == reminders(partner_rep) == []


def test_overdue_awaiting_agreement_tells_the_deciders_and_escalates_to_the_chair_and_the_executive(
    awaiting, csprg, qa_chair, partner_rep, executive
):
    sweep_at(THURSDAY_12)
    subject = f"Overdue: serious incident notification for {awaiting.reference}"
    assert reminders(qa_chair) == reminders(partner_rep) == reminders(executive) == [subject]
    assert reminders(csprg) == []


def test_a_draft_still_reminds_the_csprg(make_incident, csprg, qa_chair, partner_rep):
    draft = make_incident()
    sweep_at(MONDAY_9)
    assert reminders(csprg) == [f"Due soon: serious incident notification for {draft.reference}"]
    assert reminders(qa_chair) == reminders(partner_rep) == []


def _awaiting_many(csprg, devon, n: int) -> list[Incident]:
    made = []
    for i in range(n):
        incident = services.incident_create(actor=csprg, data=incident_input(devon, summary=f"Incident {i}."))
        made.append(services.incident_submit_for_agreement(incident=incident, actor=csprg))
    return made


def _count(incidents) -> int:
    records = list(Incident.objects.filter(pk__in=[i.pk for i in incidents]))
    with CaptureQueriesContext(connection) as queries:
        must_act(records)
    return len(queries)


def test_who_must_act_costs_the_same_queries_for_5_and_50_incidents(csprg, devon, qa_chair, partner_rep, health_rep):
    few = _count(_awaiting_many(csprg, devon, 5))
    many = _count(_awaiting_many(csprg, devon, 50))
    assert few == many

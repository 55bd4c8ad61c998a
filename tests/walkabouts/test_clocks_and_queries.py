"""Walkabout clocks on the registry, action clock states over a bank holiday, the scrutiny programme's
March reminder, and query counts that stay flat as rows grow."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.alerts.models import Alert, Message, OutboundEmail
from dcfp.alerts.registry import escalation_for, get_clock
from dcfp.alerts.sweep import sweep
from dcfp.roles import Role
from tests.factories import OrganisationFactory, UserFactory
from tests.walkabouts.conftest import record_all_findings
from walkabouts import selectors, services
from walkabouts.models import Rating

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-21 10:00:00Z", tick=False)
def test_an_actions_clock_counts_working_days_over_christmas(agreed, agency_lead):
    action = services.action_add(
        assessment=agreed, actor=agency_lead, description="Train", owner="Lead", due_on=date(2026, 12, 29)
    )
    # 22, 23, 24 December are working days; 25 and 28 (substitute Boxing Day) are bank holidays.
    assert selectors.action_clock(action, date(2026, 12, 22)).value == "on_track"
    assert selectors.action_clock(action, date(2026, 12, 24)).value == "due_soon"
    assert selectors.action_clock(action, date(2026, 12, 29)).value == "due_today"
    assert selectors.action_clock(action, date(2026, 12, 30)).value == "overdue"


@time_machine.travel("2026-12-21 10:00:00Z", tick=False)
def test_an_overdue_action_reminds_the_owners_leads_and_tells_the_qa_group(
    agreed, agency_lead, qa_member, other_agency
):
    action = services.action_add(
        assessment=agreed, actor=agency_lead, description="Train", owner="Lead", due_on=date(2026, 12, 22)
    )
    clock = get_clock("section11_action")
    assert [p.pk for p in clock.must_act([action])[action.pk]] == [agency_lead.pk]
    told = {p.pk for p in escalation_for(clock)([action])[action.pk]}
    assert qa_member.pk in told and other_agency.pk not in told
    with time_machine.travel("2026-12-23 10:00:00Z", tick=False):
        sweep()
    assert Alert.objects.filter(object_id=action.pk, kind=Alert.Kind.OVERDUE).count() == 1


def _not_set_up(**fields):
    """Someone added whose set-up link is unused: no usable password, so they cannot sign in."""
    person = UserFactory(**fields)
    person.set_unusable_password()
    person.save(update_fields=["password"])
    return person


@time_machine.travel("2026-12-21 10:00:00Z", tick=False)
def test_an_overdue_action_is_not_sent_to_new_starters_people_without_an_agency_role_or_the_inactive(
    agreed, agency_lead, qa_member, csprg, nursing, health
):
    new_lead = _not_set_up(email="new-lead@example.org", organisation=nursing, roles=[Role.AGENCY_LEAD])
    new_qa = _not_set_up(email="new-qa@example.org", organisation=health, roles=[Role.QA_GROUP])
    new_csprg = _not_set_up(email="new-csprg@example.org", organisation=health, roles=[Role.CSPRG])
    no_role = UserFactory(email="practitioner2@example.org", organisation=nursing, roles=[Role.PRACTITIONER])
    gone = UserFactory(email="gone@example.org", organisation=nursing, roles=[Role.AGENCY_LEAD])
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    action = services.action_add(
        assessment=agreed, actor=agency_lead, description="Train", owner="Lead", due_on=date(2026, 12, 22)
    )
    with time_machine.travel("2026-12-23 10:00:00Z", tick=False):
        sweep()
    told = set(
        Message.objects.filter(subject__startswith="Overdue: Section 11 action").values_list(
            "recipient__email", flat=True
        )
    )
    assert told == {agency_lead.email, qa_member.email, csprg.email}
    emailed = set(
        OutboundEmail.objects.filter(subject__startswith="Overdue: Section 11 action").values_list(
            "to_address", flat=True
        )
    )
    assert emailed == told
    for person in (new_lead, new_qa, new_csprg, no_role, gone):
        assert not Message.objects.filter(recipient=person).exists()
    assert Alert.objects.filter(object_id=action.pk, kind=Alert.Kind.OVERDUE).count() == 1


def test_the_qa_chair_is_reminded_in_march_to_set_the_next_programme(qa_chair):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    clock = get_clock("scrutiny_programme")
    assert programme.next_due_on == date(2027, 4, 1)
    assert [p.pk for p in clock.must_act([programme])[programme.pk]] == [qa_chair.pk]
    with time_machine.travel("2027-03-30 09:00:00Z", tick=False):
        sweep()
    assert Alert.objects.filter(object_id=programme.pk, kind=Alert.Kind.DUE_SOON).exists()
    services.scrutiny_programme_create(actor=qa_chair, year=2027)
    programme.refresh_from_db()
    assert programme.next_set
    assert not clock.open_records().filter(pk=programme.pk).exists()


def _sweep_at(moment: str):
    with time_machine.travel(moment, tick=False):
        return sweep()


def _alerts(programme) -> list[str]:
    return sorted(
        Alert.objects.filter(clock="scrutiny_programme", object_id=programme.pk).values_list("kind", flat=True)
    )


def test_the_qa_chair_is_reminded_from_1_march_once_and_the_executive_only_when_it_is_late(
    qa_chair, qa_member, executive
):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    assert get_clock("scrutiny_programme").remind_days_before == 31
    _sweep_at("2027-02-28 12:00:00Z")
    assert _alerts(programme) == []
    _sweep_at("2027-03-01 07:00:00Z")
    _sweep_at("2027-03-02 07:00:00Z")  # the next sweep fires nothing again
    assert _alerts(programme) == [Alert.Kind.REMINDER]
    reminder = Message.objects.get()
    assert reminder.recipient == qa_chair
    assert reminder.subject == "Reminder: next scrutiny programme for the year after 2026-27"
    assert reminder.body.startswith(
        "The next scrutiny programme for the year after 2026-27 is due on Thursday 1 April 2027"
    )
    assert reminder.link == reverse("walkabouts:scrutiny_list")
    _sweep_at("2027-04-01 07:00:00Z")
    _sweep_at("2027-04-02 07:00:00Z")
    assert _alerts(programme) == sorted([Alert.Kind.REMINDER, Alert.Kind.DUE_TODAY, Alert.Kind.OVERDUE])
    overdue = Message.objects.filter(subject__startswith="Overdue: next scrutiny programme")
    assert {m.recipient for m in overdue} == {qa_chair, executive}
    assert not Message.objects.filter(recipient=qa_member).exists()


def test_a_sweep_run_late_in_march_catches_the_reminder_up(qa_chair):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    _sweep_at("2027-03-19 07:00:00Z")
    assert _alerts(programme) == [Alert.Kind.REMINDER]


def test_no_march_reminder_once_the_next_programme_is_drafted(qa_chair):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    services.scrutiny_programme_create(actor=qa_chair, year=2027)
    _sweep_at("2027-03-01 07:00:00Z")
    _sweep_at("2027-04-02 07:00:00Z")
    assert _alerts(programme) == []
    assert not Message.objects.filter(subject__contains="the year after 2026-27").exists()


def test_the_march_reminder_is_in_the_qa_chairs_message_centre_and_counted_on_the_dashboard(sign_in, qa_chair):
    services.scrutiny_programme_create(actor=qa_chair, year=2026)
    _sweep_at("2027-03-01 07:00:00Z")
    client = sign_in(qa_chair)
    assert "You have 1 unread message" in client.get(reverse("dashboard")).content.decode()
    assert (
        "Reminder: next scrutiny programme for the year after 2026-27"
        in client.get(reverse("alerts:message_list")).content.decode()
    )


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _assess(n, qa_member, cycle, last_cycle):
    for _ in range(n):
        organisation = OrganisationFactory(kind="school")
        for c, rating in ((last_cycle, Rating.RED), (cycle, Rating.GREEN)):
            assessment = services.assessment_plan(
                actor=qa_member, cycle=c, route="self_assessment", organisation=organisation
            )
            assessment = services.assessment_start_fieldwork(assessment=assessment, actor=qa_member)
            record_all_findings(assessment, qa_member, rating)
            services.action_add(
                assessment=assessment, actor=qa_member, description="Do it", owner="Head", due_on=date(2099, 1, 1)
            )


@pytest.mark.parametrize(
    "route",
    [
        "walkabouts:list",
        "walkabouts:comparison",
        "api:walkabouts-assessment-list",
        "api:walkabouts-comparison",
        "dashboard",
    ],
)
def test_lists_cost_the_same_queries_at_5_and_50_rows(sign_in, qa_member, cycle, last_cycle, route):
    client = sign_in(qa_member)
    _assess(3, qa_member, cycle, last_cycle)  # 6 assessments
    few = _count(client, reverse(route))
    _assess(22, qa_member, cycle, last_cycle)  # 50 assessments
    many = _count(client, reverse(route))
    assert many == few


@pytest.mark.parametrize(
    "url",
    [
        "/walkabouts/compare/?cycle=2026-27&kind=school",
        "/walkabouts/compare/?cycle=2026-27&kind=school&format=csv",
        "/api/v1/walkabouts/comparison/?cycle=2026-27&kind=school",
    ],
)
def test_the_filtered_comparison_and_its_csv_cost_the_same_queries_at_5_and_50_rows(
    sign_in, qa_member, cycle, last_cycle, url
):
    client = sign_in(qa_member)
    _assess(3, qa_member, cycle, last_cycle)
    few = _count(client, url)
    _assess(22, qa_member, cycle, last_cycle)
    assert _count(client, url) == few


def test_an_agency_leads_list_costs_the_same_at_5_and_50_rows(sign_in, qa_member, cycle, last_cycle):
    lead_org = OrganisationFactory(name="Lead's school")
    lead = UserFactory(organisation=lead_org, roles=[Role.AGENCY_LEAD])
    client = sign_in(lead)
    _assess(3, qa_member, cycle, last_cycle)
    services.assessment_plan(actor=qa_member, cycle=cycle, route="self_assessment", organisation=lead_org)
    few = _count(client, reverse("walkabouts:list"))
    _assess(22, qa_member, cycle, last_cycle)
    assert _count(client, reverse("walkabouts:list")) == few

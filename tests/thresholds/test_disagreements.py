"""The case resolution protocol: raising is never blocked, each stage has its own working-day clock
(configurable, bank holidays skipped), escalation to stage 4 brings in the QA chair, resolution records
outcome and learning, the sweep reminds the parties and prompts escalation, and the report counts."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dcfp.alerts.models import Message
from dcfp.alerts.sweep import sweep
from dcfp.audit.models import AuditEvent
from thresholds import permissions, selectors, services
from thresholds.models import Disagreement

pytestmark = pytest.mark.django_db


def _on(time_machine, day: date):
    time_machine.move_to(datetime(day.year, day.month, day.day, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)


def test_stage_1_is_due_2_working_days_after_raising(raise_disagreement):
    disagreement = raise_disagreement()  # Thursday 26 November 2026
    assert disagreement.stage == 1
    assert disagreement.stage_due_on == date(2026, 11, 30)  # Friday, then Monday


def test_the_stage_clock_skips_christmas_bank_holidays(raise_disagreement, time_machine):
    _on(time_machine, date(2026, 12, 23))
    disagreement = raise_disagreement()
    # 24 December counts; 25 (Christmas) and 28 (Boxing Day, substitute) do not.
    assert disagreement.stage_due_on == date(2026, 12, 29)


def test_stage_days_are_configured_per_partnership(raise_disagreement, settings):
    settings.DCFP_DISAGREEMENT_STAGE_DAYS = [3, 5, 5, 10]
    assert raise_disagreement().stage_due_on == date(2026, 12, 1)


def test_raising_is_never_blocked_by_another_open_disagreement(raise_disagreement):
    first, second = raise_disagreement(), raise_disagreement()
    assert first.is_open and second.is_open
    assert (first.reference, second.reference) == ("CRP-2026-0001", "CRP-2026-0002")


def test_a_disagreement_may_be_with_ones_own_manager(practitioner, school):
    from dcfp.roles import Role
    from tests.factories import UserFactory
    from tests.thresholds.conftest import disagreement_input

    manager = UserFactory(organisation=school, roles=[Role.AGENCY_LEAD])
    disagreement = services.disagreement_raise(
        actor=practitioner,
        data=disagreement_input(None, [manager], disagreement_with=Disagreement.With.OWN_MANAGER),
    )
    assert {p.organisation for p in disagreement.parties.all()} == {school}
    assert permissions.can_view_disagreement(manager, disagreement)


def test_the_named_people_and_the_named_organisations_leads_see_it_and_nobody_else(
    raise_disagreement, practitioner, nurse, agency_lead, other_agency, qa_chair, qa_member, csprg
):
    disagreement = raise_disagreement()
    for person in (practitioner, nurse, agency_lead):
        assert permissions.can_view_disagreement(person, disagreement), person
    for person in (other_agency, qa_chair, qa_member, csprg):
        assert not permissions.can_view_disagreement(person, disagreement), person


def test_escalating_starts_the_next_stage_clock_and_stage_4_brings_in_the_qa_chair(
    raise_disagreement, practitioner, nurse, qa_chair
):
    disagreement = raise_disagreement()
    disagreement = services.disagreement_escalate(disagreement=disagreement, actor=nurse, reason="No agreement.")
    assert disagreement.stage == 2
    assert disagreement.stage_due_on == date(2026, 12, 3)  # 5 working days
    disagreement = services.disagreement_escalate(disagreement=disagreement, actor=practitioner, reason="Still not.")
    assert not permissions.can_view_disagreement(qa_chair, disagreement)
    disagreement = services.disagreement_escalate(disagreement=disagreement, actor=practitioner, reason="Still not.")
    assert disagreement.stage == 4
    assert disagreement.stage_due_on == date(2026, 12, 10)  # 10 working days
    assert permissions.can_view_disagreement(qa_chair, disagreement)
    assert permissions.can_resolve_disagreement(qa_chair, disagreement)
    assert not permissions.can_escalate_disagreement(practitioner, disagreement)
    stages = list(disagreement.stages.values_list("stage", "ended_by"))
    assert stages == [(1, "escalated"), (2, "escalated"), (3, "escalated"), (4, "")]


def test_someone_not_part_of_it_cannot_act(raise_disagreement, other_agency):
    disagreement = raise_disagreement()
    with pytest.raises(PermissionDenied):
        services.disagreement_respond(disagreement=disagreement, actor=other_agency, text="Me too.")


def test_resolution_needs_an_outcome_and_stops_the_clock(raise_disagreement, nurse):
    disagreement = raise_disagreement()
    with pytest.raises(ValidationError):
        services.disagreement_resolve(disagreement=disagreement, actor=nurse, outcome=" ")
    resolved = services.disagreement_resolve(
        disagreement=disagreement, actor=nurse, outcome="Referred together.", learning="Talk sooner."
    )
    assert resolved.status == Disagreement.Status.RESOLVED
    assert selectors.disagreement_clock(resolved, date(2026, 12, 20)).value == "met_on_time"
    assert AuditEvent.objects.filter(action="thresholds.disagreement.resolve", target_id=str(resolved.pk)).exists()


def test_the_sweep_reminds_the_named_people_and_prompts_escalation_when_overdue(
    raise_disagreement, practitioner, nurse, agency_lead, other_agency, time_machine
):
    disagreement = raise_disagreement()  # due Monday 30 November
    _on(time_machine, date(2026, 11, 30))
    sweep()
    prompt = "(if it is not resolved, escalate it to stage 2)"
    subject = f"Due today: case disagreement at stage 1 for {disagreement.reference} {prompt}"
    assert list(Message.objects.filter(recipient=practitioner).values_list("subject", flat=True)) == [subject]
    assert Message.objects.filter(recipient=nurse, subject=subject).exists()
    _on(time_machine, date(2026, 12, 1))
    sweep()
    overdue = Message.objects.get(recipient=nurse, subject__startswith="Overdue")
    assert "escalate it to stage 2" in overdue.subject
    assert overdue.link == reverse("thresholds:disagreement_detail", args=[disagreement.pk])
    assert Message.objects.filter(recipient=agency_lead, subject__startswith="Overdue").exists()  # the nurse's lead
    assert not Message.objects.filter(recipient=other_agency).exists()


def test_the_report_counts_by_type_stage_and_working_days(
    raise_disagreement, nurse, qa_member, practitioner, time_machine
):
    first = raise_disagreement()
    raise_disagreement(type=Disagreement.Type.COMMUNICATION)
    services.disagreement_escalate(disagreement=first, actor=nurse, reason="No.")
    _on(time_machine, date(2026, 12, 3))
    services.disagreement_resolve(disagreement=first, actor=nurse, outcome="Agreed.")
    report = selectors.disagreement_report(qa_member)
    assert report.total == 2 and report.resolved == 1
    assert dict(report.by_type)["Risk, need or threshold"] == 1
    assert dict(report.by_stage)["Stage 2: manager to manager"] == 1
    assert dict(report.days_to_resolve)["3 to 5"] == 1  # 26 November to 3 December: 5 working days
    assert selectors.disagreement_report(practitioner).total == 2


def _dated_report(raise_disagreement, time_machine):
    """Three disagreements, raised on 26 November, 2 December and 10 December 2026."""
    made = []
    for day in (date(2026, 11, 26), date(2026, 12, 2), date(2026, 12, 10)):
        _on(time_machine, day)
        made.append(raise_disagreement(summary=f"Raised on {day:%-d %B}."))
    return made


def test_the_report_counts_only_the_disagreements_raised_between_the_dates(
    raise_disagreement, qa_member, practitioner, time_machine
):
    _dated_report(raise_disagreement, time_machine)
    assert selectors.disagreement_report(qa_member).total == 3
    assert selectors.disagreement_report(qa_member, raised_from=date(2026, 12, 2)).total == 2
    assert selectors.disagreement_report(qa_member, raised_to=date(2026, 12, 2)).total == 2
    between = selectors.disagreement_report(practitioner, raised_from=date(2026, 12, 1), raised_to=date(2026, 12, 9))
    assert between.total == 1


def test_the_report_page_and_api_filter_by_date_and_refuse_dates_out_of_order(
    raise_disagreement, qa_member, other_agency, sign_in, time_machine
):
    _dated_report(raise_disagreement, time_machine)
    client = sign_in(qa_member)
    url = reverse("thresholds:disagreement_report")
    dates = {"raised_from_day": "1", "raised_from_month": "12", "raised_from_year": "2026"}
    page = client.get(url, dates)
    assert page.status_code == 200 and "2 disagreements: 2 open" in page.content.decode()
    event = AuditEvent.objects.filter(action="thresholds.disagreement.report").latest("id")
    assert event.changes["detail"]["raised_from"] == "2026-12-01"
    backwards = {**dates, "raised_to_day": "30", "raised_to_month": "11", "raised_to_year": "2026"}
    refused = client.get(url, backwards)
    html = refused.content.decode()
    assert refused.status_code == 400 and "must be the same as or after" in html and 'value="30"' in html
    api = reverse("api:disagreement-report")
    assert client.get(api, {"raised_to": "2026-12-02"}).json()["total"] == 2
    assert client.get(api, {"raised_from": "2026-12-10", "raised_to": "2026-12-01"}).status_code == 400
    assert client.get(api, {"raised_from": "not a date"}).status_code == 400
    client.logout()
    assert sign_in(other_agency).get(api, {"raised_to": "2026-12-31"}).json()["total"] == 0


def test_the_stage_4_panel_shows_the_qa_chair_what_reached_the_partnership(
    raise_disagreement, practitioner, qa_chair, sign_in
):
    disagreement = raise_disagreement()
    for _ in range(3):
        disagreement = services.disagreement_escalate(disagreement=disagreement, actor=practitioner, reason="No.")
    html = sign_in(qa_chair).get(reverse("dashboard")).content.decode()
    assert "Case disagreements at stage 4" in html
    assert disagreement.reference in html


def test_the_page_flow_raise_respond_escalate(sign_in, practitioner, nurse, nursing, client):
    page = sign_in(practitioner).post(
        reverse("thresholds:disagreement_raise"),
        {
            "disagreement_with": "other_agency",
            "organisation": str(nursing.pk),
            "person": str(nurse.pk),
            "type": "threshold",
            "summary": "Needs a referral.",
        },
    )
    assert page.status_code == 302
    disagreement = Disagreement.objects.get()
    client.logout()
    nurse_client = sign_in(nurse)
    url = reverse("thresholds:disagreement_detail", args=[disagreement.pk])
    assert "Needs a referral." in nurse_client.get(url).content.decode()
    nurse_client.post(
        reverse("thresholds:disagreement_respond", args=[disagreement.pk]), {"respond-text": "We disagree."}
    )
    refused = nurse_client.post(
        reverse("thresholds:disagreement_escalate", args=[disagreement.pk]), {"escalate-reason": ""}
    )
    assert refused.status_code == 400
    assert "Say why it needs to go to the next stage" in refused.content.decode()
    nurse_client.post(reverse("thresholds:disagreement_escalate", args=[disagreement.pk]), {"escalate-reason": "No."})
    disagreement.refresh_from_db()
    assert disagreement.stage == 2
    assert "Stage 2: manager to manager" in nurse_client.get(url).content.decode()


def test_the_list_page_and_api_filter_by_status_stage_and_type_alike_and_record_the_search(
    sign_in, practitioner, raise_disagreement, nurse
):
    at_stage_1 = raise_disagreement()
    at_stage_2 = raise_disagreement(type=Disagreement.Type.COMMUNICATION)
    services.disagreement_escalate(disagreement=at_stage_2, actor=nurse, reason="No answer.")
    resolved = raise_disagreement()
    services.disagreement_resolve(disagreement=resolved, actor=nurse, outcome="Agreed.", learning="")
    client = sign_in(practitioner)

    def page(**filters):
        html = client.get(reverse("thresholds:disagreement_list"), filters).content.decode()
        return {d.reference for d in (at_stage_1, at_stage_2, resolved) if f">{d.reference}</a>" in html}

    def api(**filters):
        body = client.get(reverse("api:disagreement-list"), filters).json()
        return {row["reference"] for row in body["results"]}

    for filters, expected in (
        ({}, {at_stage_1.reference, at_stage_2.reference, resolved.reference}),
        ({"status": "open"}, {at_stage_1.reference, at_stage_2.reference}),
        ({"status": "resolved"}, {resolved.reference}),
        ({"stage": "2"}, {at_stage_2.reference}),
        ({"type": "communication"}, {at_stage_2.reference}),
        ({"status": "open", "stage": "1", "type": "threshold"}, {at_stage_1.reference}),
    ):
        assert page(**filters) == expected, filters
        assert api(**filters) == expected, filters
    searches = AuditEvent.objects.filter(action="thresholds.disagreement.search", actor=practitioner)
    assert searches.count() == 10  # every filtered request, page and API; the unfiltered ones are not searches
    last = searches.order_by("id").last()
    assert last.changes == {"detail": {"filters": {"status": "open", "stage": "1", "type": "threshold"}, "rows": 1}}


def test_a_filter_that_is_not_one_of_the_choices_is_refused(sign_in, practitioner, raise_disagreement):
    raise_disagreement()
    client = sign_in(practitioner)
    assert client.get(reverse("api:disagreement-list"), {"stage": "5"}).status_code == 400
    html = client.get(reverse("thresholds:disagreement_list"), {"stage": "5"}).content.decode()
    assert "There is a problem" in html
    assert "CRP-2026-0001" in html  # the page shows why, above the unfiltered rows


def test_the_other_agency_finds_none_of_them_whatever_the_filters(sign_in, other_agency, raise_disagreement):
    raise_disagreement()
    client = sign_in(other_agency)
    assert client.get(reverse("api:disagreement-list"), {"status": "open"}).json()["count"] == 0
    assert (
        "CRP-2026-0001" not in client.get(reverse("thresholds:disagreement_list"), {"status": "open"}).content.decode()
    )

"""Rapid review services: starting from a notified notification, the clock, agency summaries, the
report with its outcome, sign-off, endorsement, the Panel."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from notifications.models import Child, Incident
from rapid_reviews import permissions, selectors, services
from rapid_reviews.models import AgencySummary, RapidReview
from tests.notifications.conftest import child_values
from tests.rapid_reviews.conftest import LONDON, TODAY, notified_incident

pytestmark = pytest.mark.django_db


def test_a_review_is_due_15_working_days_after_the_date_notified(review):
    assert review.notified_on == date(2026, 11, 5)
    assert review.counted_from == date(2026, 11, 5)
    assert review.due_on == date(2026, 11, 26)
    assert review.reference.startswith("RR-2026-")
    assert selectors.review_clock(review, TODAY).value == "on_track"


def test_the_notified_date_is_englands_calendar_date(make_notified, csprg):
    # 23:30 UTC on Friday 23 October 2026 is already 00:30 on Saturday 24 October in London (summer time).
    incident = make_notified(
        occurred_on=date(2026, 10, 19),
        aware_on=date(2026, 10, 20),
        submitted_at=datetime(2026, 10, 23, 23, 30, tzinfo=UTC),
    )
    review = services.review_start(incident=incident, actor=csprg)
    assert review.notified_on == date(2026, 10, 24)
    # Working day 1 is Monday 26 October; the 15th is Friday 13 November.
    assert review.due_on == date(2026, 11, 13)


def test_a_late_notification_never_extends_the_review(make_notified, csprg):
    # Aware 3 November, due 10 November, notified late on 12 November: counted from 10 November.
    incident = make_notified(submitted_at=datetime(2026, 11, 12, 9, 0, tzinfo=LONDON))
    review = services.review_start(incident=incident, actor=csprg)
    assert review.notified_on == date(2026, 11, 12)
    assert review.counted_from == date(2026, 11, 10)
    assert review.due_on == date(2026, 12, 1)


def test_the_review_clock_runs_over_the_christmas_bank_holidays(
    time_machine, csprg, qa_chair, partner_rep, devon, nursing
):
    time_machine.move_to(datetime(2026, 12, 18, 12, 0, tzinfo=LONDON), tick=False)
    incident = notified_incident(
        csprg=csprg,
        qa_chair=qa_chair,
        partner_rep=partner_rep,
        devon=devon,
        agencies=[nursing],
        occurred_on=date(2026, 12, 14),
        aware_on=date(2026, 12, 15),
        submitted_at=datetime(2026, 12, 17, 10, 0, tzinfo=LONDON),
    )
    review = services.review_start(incident=incident, actor=csprg)
    # From Thursday 17 December: 18, 21, 22, 23, 24, 29 (25, 28 are bank holidays), 30, 31 December,
    # 1 January is a bank holiday, then 4-8 and 11, 12 January: the 15th working day is 12 January 2027.
    assert review.due_on == date(2027, 1, 12)
    summary = review.summaries.get()
    assert summary.due_on == date(2027, 1, 5)


def test_only_a_notified_notification_starts_a_review(on_12_november_2026, csprg, devon):
    from notifications import services as notification_services
    from tests.notifications.conftest import incident_input

    draft = notification_services.incident_create(actor=csprg, data=incident_input(devon))
    with pytest.raises(services.InvalidTransition, match="recorded as notified"):
        services.review_start(incident=draft, actor=csprg)


def test_at_most_one_review_per_notification(review, csprg):
    with pytest.raises(services.InvalidTransition, match="already has a rapid review"):
        services.review_start(incident=review.incident, actor=csprg)
    assert RapidReview.objects.count() == 1


def test_no_review_for_a_care_leavers_death(make_notified, csprg):
    incident = make_notified(
        nature=Incident.Nature.DEATH,
        abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED,
        categories=[],
        themes=[],
        children=[child_values(legal_status=Child.LegalStatus.CARE_LEAVER, died=True, date_of_birth=date(2006, 1, 1))],
    )
    assert "care leaver" in services.start_refusal(incident)
    with pytest.raises(services.InvalidTransition):
        services.review_start(incident=incident, actor=csprg)


def test_no_review_for_a_looked_after_childs_death_without_abuse_or_neglect(make_notified):
    incident = make_notified(
        nature=Incident.Nature.DEATH,
        abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED,
        categories=[],
        themes=[],
        children=[child_values(legal_status=Child.LegalStatus.LOOKED_AFTER, died=True)],
    )
    assert "looked-after child's death" in services.start_refusal(incident)


def test_only_the_csprg_starts_a_review(make_notified, qa_chair):
    with pytest.raises(PermissionDenied):
        services.review_start(incident=make_notified(), actor=qa_chair)


def test_starting_asks_each_involved_agencys_leads_for_a_summary_due_on_working_day_10(
    review, agency_lead, other_agency
):
    summaries = {s.organisation.name: s for s in review.summaries.select_related("organisation")}
    assert set(summaries) == {"Public Health Nursing", "Exe Valley Primary School"}
    assert {s.due_on for s in summaries.values()} == {date(2026, 11, 19)}
    assert Message.objects.filter(recipient=agency_lead, subject__contains=review.reference).count() == 1
    assert not Message.objects.filter(recipient=other_agency).exists()


def test_an_agency_lead_sees_only_their_own_agencys_summary(review, agency_lead, practitioner, other_agency, csprg):
    nursing_summary = review.summaries.get(organisation=agency_lead.organisation)
    school_summary = review.summaries.get(organisation=practitioner.organisation)
    assert list(permissions.visible_summaries(agency_lead)) == [nursing_summary]
    # A practitioner of an involved agency is not its lead: nothing.
    assert not permissions.visible_summaries(practitioner).exists()
    assert not permissions.visible_summaries(other_agency).exists()
    assert set(permissions.visible_summaries(csprg)) == {nursing_summary, school_summary}
    assert not permissions.can_view_review(agency_lead, review)


def test_an_agency_lead_saves_a_draft_then_submits_and_the_csprg_returns_it(review, agency_lead, csprg):
    summary = review.summaries.get(organisation=agency_lead.organisation)
    summary = services.summary_save(
        summary=summary, actor=agency_lead, version=summary.version, sections={"involvement": "Health visits."}
    )
    assert summary.status == AgencySummary.Status.DRAFT
    with pytest.raises(ValidationError) as missing:
        services.summary_submit(summary=summary, actor=agency_lead, version=summary.version, sections={})
    assert "went_well" in missing.value.message_dict
    sections = {name: f"{label}." for name, label in AgencySummary.SECTIONS.items()}
    summary.refresh_from_db()
    summary = services.summary_submit(summary=summary, actor=agency_lead, version=summary.version, sections=sections)
    assert summary.status == AgencySummary.Status.SUBMITTED
    assert selectors.summary_clock(summary, TODAY).value == "met_on_time"
    with pytest.raises(PermissionDenied):
        services.summary_return(summary=summary, actor=agency_lead, reason="No.")
    summary = services.summary_return(summary=summary, actor=csprg, reason="Add the dates of the visits.")
    assert summary.status == AgencySummary.Status.RETURNED
    assert Message.objects.filter(recipient=agency_lead, subject__contains="returned").exists()


def test_a_lead_cannot_write_another_agencys_summary(review, agency_lead):
    school = review.summaries.exclude(organisation=agency_lead.organisation).get()
    with pytest.raises(PermissionDenied):
        services.summary_save(summary=school, actor=agency_lead, version=school.version, sections={})


def test_a_stale_summary_save_conflicts(review, agency_lead):
    summary = review.summaries.get(organisation=agency_lead.organisation)
    services.summary_save(summary=summary, actor=agency_lead, version=1, sections={"involvement": "First."})
    with pytest.raises(services.EditConflict):
        services.summary_save(summary=summary, actor=agency_lead, version=1, sections={"involvement": "Second."})
    summary.refresh_from_db()
    assert summary.involvement == "First."


def test_the_csprg_adds_an_agency(review, csprg, charity, other_agency):
    summary = services.review_add_agency(review=review, organisation=charity, actor=csprg)
    assert summary.due_on == date(2026, 11, 19)
    assert list(permissions.visible_summaries(other_agency)) == [summary]
    with pytest.raises(ValidationError):
        services.review_add_agency(review=review, organisation=charity, actor=csprg)


def test_two_people_saving_one_section_conflict_but_different_sections_do_not(review, csprg):
    from tests.factories import UserFactory

    colleague = UserFactory(organisation=csprg.organisation, roles=["csprg"])
    facts, child = review.sections.get(key="facts"), review.sections.get(key="child")
    services.section_save(section=facts, actor=csprg, text="Mine.", version=facts.version)
    services.section_save(section=child, actor=colleague, text="Theirs.", version=child.version)
    with pytest.raises(services.EditConflict):
        services.section_save(section=facts, actor=colleague, text="Overwrite.", version=1)
    facts.refresh_from_db()
    assert facts.text == "Mine."


def test_the_report_needs_every_section_and_an_outcome_before_sign_off(review, csprg):
    with pytest.raises(ValidationError) as error:
        services.review_send_for_sign_off(review=review, actor=csprg)
    assert set(error.value.message_dict) == {"sections", "outcome"}


def test_outcome_a_records_the_qa_chair_as_the_panel_link(review, csprg, qa_chair):
    review = services.review_record_outcome(review=review, actor=csprg, outcome="a", rationale="National.")
    assert review.panel_link == qa_chair


def test_outcome_c_needs_the_criteria_it_meets(review, csprg):
    with pytest.raises(ValidationError) as error:
        services.review_record_outcome(review=review, actor=csprg, outcome="c", rationale="Learning.")
    assert "reg11_criteria" in error.value.message_dict
    review = services.review_record_outcome(
        review=review, actor=csprg, outcome="c", rationale="Learning.", reg11_criteria=["multi_agency"]
    )
    assert review.reg11_criteria == ["multi_agency"]


def test_each_partner_signs_off_for_its_own_organisation_once(make_review_at, partner_rep, council_signer):
    review = make_review_at("sign_off")
    review = services.review_sign_off(review=review, actor=partner_rep)
    with pytest.raises(PermissionDenied, match="already signed off"):
        services.review_sign_off(review=review, actor=partner_rep)
    assert review.status == RapidReview.Status.SIGN_OFF
    assert "Devon and Cornwall Police" not in [o.name for o in selectors.awaiting_my_sign_off(partner_rep)]
    assert list(selectors.awaiting_my_sign_off(council_signer)) == [review]


def test_a_non_partner_cannot_sign_off(make_review_at, agency_lead, csprg):
    review = make_review_at("sign_off")
    assert "Only Safeguarding Partner representatives" in permissions.sign_off_refusal(agency_lead, review)
    with pytest.raises(PermissionDenied):
        services.review_sign_off(review=review, actor=csprg)


def test_outcome_b_goes_to_the_executive_after_sign_off_and_a_decline_returns_it(make_review_at, executive, csprg):
    review = make_review_at("signed")
    assert review.status == RapidReview.Status.ENDORSEMENT
    assert permissions.can_view_review(executive, review)
    assert Message.objects.filter(recipient=executive, subject__contains="endorsement").exists()
    with pytest.raises(ValidationError):
        services.review_decline_endorsement(review=review, actor=executive, reason=" ")
    review = services.review_decline_endorsement(review=review, actor=executive, reason="Say more about the school.")
    assert review.status == RapidReview.Status.IN_PROGRESS
    assert review.returned_reason == "Say more about the school."
    # A new round of sign-off is needed after changes.
    review = services.review_send_for_sign_off(review=review, actor=csprg)
    assert review.sign_off_round == 2


def test_outcome_c_is_ready_to_send_once_signed_off_and_the_clock_is_met_when_sent(make_review_at, csprg):
    review = make_review_at("signed", outcome="c", reg11=["improvements"])
    assert review.status == RapidReview.Status.READY
    with pytest.raises(ValidationError):
        services.review_record_sent(review=review, actor=csprg, sent_on=date(2026, 11, 13))
    review = services.review_record_sent(review=review, actor=csprg, sent_on=TODAY)
    assert review.status == RapidReview.Status.SENT
    assert selectors.review_clock(review, date(2026, 12, 30)).value == "met_on_time"


def test_a_review_cannot_be_sent_before_sign_off(review, csprg):
    with pytest.raises(services.InvalidTransition):
        services.review_record_sent(review=review, actor=csprg, sent_on=TODAY)


def test_the_panels_reply_is_recorded_with_its_date(make_review_at, csprg):
    review = make_review_at("sent")
    with pytest.raises(ValidationError) as error:
        services.review_record_panel_reply(review=review, actor=csprg, reply="other", replied_on=TODAY, note="")
    assert "note" in error.value.message_dict
    review = services.review_record_panel_reply(review=review, actor=csprg, reply="agrees", replied_on=TODAY)
    assert review.get_panel_reply_display() == "Agrees with the outcome"


def test_every_change_is_in_the_audit_trail(make_review_at):
    review = make_review_at("sent")
    actions = list(
        AuditEvent.objects.filter(target_type="rapid_reviews.rapidreview", target_id=str(review.pk)).values_list(
            "action", flat=True
        )
    )
    for action in ["start", "outcome", "sign_off_requested", "sign_off", "endorse", "sent"]:
        assert f"rapid_reviews.review.{action}" in actions

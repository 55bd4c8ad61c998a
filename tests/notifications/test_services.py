"""The workflow: one service per status change, the agreement rules, conflicts and the Executive copy."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from dcfp.copies.models import Copy
from notifications import services
from notifications.models import Agreement, Incident
from notifications.permissions import can_view_incident
from tests.factories import UserFactory
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.django_db


def test_csprg_creates_a_draft_with_a_reference_and_a_clock(make_incident):
    incident = make_incident()
    assert incident.status == Incident.Status.DRAFT
    assert incident.reference == f"DCFP-{timezone.localdate().year}-0001"
    # aware Tuesday 3 November 2026: 5 working days later is Tuesday 10 November.
    assert incident.notification_due_on == date(2026, 11, 10)
    assert incident.children.count() == 1
    assert AuditEvent.objects.filter(action="notifications.incident.create", target_id=str(incident.pk)).exists()


def test_references_number_on_within_the_year(make_incident):
    first, second = make_incident(), make_incident()
    assert second.reference[-4:] == "0002" and first.reference[-4:] == "0001"


def test_only_the_csprg_creates_incidents(partner_rep, devon):
    with pytest.raises(PermissionDenied):
        services.incident_create(actor=partner_rep, data=incident_input(devon))
    assert not Incident.objects.exists()


def test_a_second_editor_with_an_old_version_gets_a_conflict_not_an_overwrite(make_incident, csprg, devon):
    incident = make_incident()
    services.incident_update_draft(
        incident=incident, actor=csprg, version=1, data=incident_input(devon, summary="First editor's summary.")
    )
    with pytest.raises(services.EditConflict, match="Someone else changed this incident"):
        services.incident_update_draft(
            incident=incident, actor=csprg, version=1, data=incident_input(devon, summary="Second editor's summary.")
        )
    incident.refresh_from_db()
    assert incident.summary == "First editor's summary."
    assert incident.version == 2


def test_an_update_records_before_and_after_in_the_audit_trail(make_incident, csprg, devon):
    incident = make_incident()
    services.incident_update_draft(
        incident=incident, actor=csprg, version=1, data=incident_input(devon, summary="New.")
    )
    event = AuditEvent.objects.get(action="notifications.incident.update")
    assert event.changes["before"]["summary"].startswith("A baby")
    assert event.changes["after"]["summary"] == "New."


def test_submitting_opens_a_round_and_tells_the_deciders(make_incident, csprg, qa_chair, partner_rep):
    incident = services.incident_submit_for_agreement(incident=make_incident(), actor=csprg)
    assert incident.status == Incident.Status.AWAITING_AGREEMENT
    assert incident.agreement_round == 1
    assert set(Message.objects.values_list("recipient", flat=True)) == {qa_chair.pk, partner_rep.pk}


def test_a_draft_without_a_proposed_outcome_cannot_be_submitted(make_incident, csprg):
    incident = make_incident(outcome_recommended="")
    with pytest.raises(ValidationError) as error:
        services.incident_submit_for_agreement(incident=incident, actor=csprg)
    assert "outcome_recommended" in error.value.message_dict


def test_qa_chair_and_a_partner_rep_of_another_partner_agree(awaiting, qa_chair, partner_rep, executive):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    awaiting.refresh_from_db()
    assert awaiting.status == Incident.Status.AWAITING_AGREEMENT
    incident = services.incident_agree(incident=awaiting, actor=partner_rep)
    assert incident.status == Incident.Status.AGREED
    assert set(incident.agreements.values_list("capacity", flat=True)) == {"qa_chair", "partner_rep"}


def test_the_partner_rep_may_agree_before_the_qa_chair(awaiting, qa_chair, partner_rep):
    services.incident_agree(incident=awaiting, actor=partner_rep)
    assert services.incident_agree(incident=awaiting, actor=qa_chair).status == Incident.Status.AGREED


def test_a_partner_rep_of_the_qa_chairs_own_organisation_cannot_be_the_second_agreement(
    awaiting, qa_chair, council_rep
):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    with pytest.raises(PermissionDenied, match="other than the QA Group chair's organisation"):
        services.incident_agree(incident=awaiting, actor=council_rep)


def test_a_partner_rep_of_the_chairs_organisation_cannot_agree_first_either(awaiting, qa_chair, council_rep):
    with pytest.raises(PermissionDenied, match="other than the QA Group chair's organisation"):
        services.incident_agree(incident=awaiting, actor=council_rep)


def test_qa_chair_cannot_be_the_second_agreement(awaiting, qa_chair):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    with pytest.raises(PermissionDenied, match="already given your decision"):
        services.incident_agree(incident=awaiting, actor=qa_chair)
    assert awaiting.agreements.count() == 1


def test_a_second_qa_chair_cannot_stand_in_for_the_partner_agreement(awaiting, qa_chair, police):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    # The role passes to someone else during the round; the chair's agreement is already given.
    other_chair = UserFactory(organisation=police, roles=["qa_chair", "partner_rep"])
    with pytest.raises(PermissionDenied, match="second agreement must be a partner representative"):
        services.incident_agree(incident=awaiting, actor=other_chair)


def test_nobody_agrees_their_own_draft(qa_chair, partner_rep, csprg, devon):
    author = UserFactory(organisation=partner_rep.organisation, roles=["csprg", "partner_rep"])
    incident = services.incident_create(actor=author, data=incident_input(devon))
    services.incident_submit_for_agreement(incident=incident, actor=author)
    with pytest.raises(PermissionDenied, match="You wrote or submitted this incident"):
        services.incident_agree(incident=incident, actor=author)


def test_a_partner_rep_of_an_organisation_that_is_not_a_safeguarding_partner_cannot_agree(awaiting, school):
    rep = UserFactory(organisation=school, roles=["partner_rep"])
    with pytest.raises(PermissionDenied, match="not a Safeguarding Partner"):
        services.incident_agree(incident=awaiting, actor=rep)


def test_people_without_an_agreeing_role_cannot_agree(awaiting, csprg, executive):
    for person in (csprg, executive):
        with pytest.raises(PermissionDenied):
            services.incident_agree(incident=awaiting, actor=person)


def test_a_draft_cannot_be_agreed(make_incident, qa_chair):
    with pytest.raises(PermissionDenied, match="not awaiting agreement"):
        services.incident_agree(incident=make_incident(), actor=qa_chair)


def test_a_disagreement_returns_the_incident_to_draft_with_the_reason(awaiting, qa_chair, partner_rep, csprg):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    incident = services.incident_disagree(incident=awaiting, actor=partner_rep, reason="No evidence of neglect yet.")
    assert incident.status == Incident.Status.DRAFT
    assert incident.returned_reason == "No evidence of neglect yet."
    assert Message.objects.filter(recipient=csprg, subject__contains="returned to draft").exists()
    # The next round starts afresh: the chair's earlier agreement no longer counts.
    services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_agree(incident=incident, actor=partner_rep)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.AWAITING_AGREEMENT
    assert services.incident_agree(incident=incident, actor=qa_chair).status == Incident.Status.AGREED


def test_a_disagreement_needs_a_reason(awaiting, qa_chair):
    with pytest.raises(ValidationError):
        services.incident_disagree(incident=awaiting, actor=qa_chair, reason="  ")
    awaiting.refresh_from_db()
    assert awaiting.status == Incident.Status.AWAITING_AGREEMENT


def test_agreement_copies_to_every_executive_member_with_access_and_a_message(agreed, executive, police):
    second = UserFactory(organisation=police, roles=["executive"])
    assert agreed.status == Incident.Status.AGREED
    # the second member joined after the agreement: copying again reaches them once, and nobody twice
    from notifications.executive import executive_copy_all

    executive_copy_all(incident=agreed)
    executive_copy_all(incident=agreed)
    assert set(Copy.objects.values_list("member", flat=True)) == {executive.pk, second.pk}
    assert Message.objects.filter(recipient=executive, subject__contains="copied to you").count() == 1
    assert can_view_incident(executive, agreed)


def test_recording_notified_needs_the_national_reference_and_meets_the_clock(agreed, csprg):
    with pytest.raises(ValidationError) as error:
        services.incident_record_notified(incident=agreed, actor=csprg, national_reference="", submitted_at=None)
    assert set(error.value.message_dict) == {"national_reference", "submitted_at"}
    submitted = timezone.now()
    incident = services.incident_record_notified(
        incident=agreed, actor=csprg, national_reference="SIN-2026-123", submitted_at=submitted
    )
    assert incident.status == Incident.Status.NOTIFIED
    assert incident.clock_met_on == timezone.localdate(submitted)


def test_a_notifiable_agreement_cannot_be_concluded_not_notifiable(agreed, csprg):
    with pytest.raises(services.InvalidTransition):
        services.incident_conclude_not_notifiable(incident=agreed, actor=csprg)


def test_a_not_notifiable_outcome_is_still_agreed_by_two_and_copied_to_the_executive(
    make_incident, csprg, qa_chair, partner_rep, executive
):
    incident = make_incident(
        outcome_recommended=Incident.Outcome.NOT_NOTIFIABLE, not_notifiable_rationale="Injury was accidental."
    )
    services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    services.incident_agree(incident=incident, actor=partner_rep)
    assert Copy.objects.filter(object_id=incident.pk, member=executive).exists()
    assert set(incident.agreements.values_list("proposed_outcome", flat=True)) == {"not_notifiable"}
    with pytest.raises(services.InvalidTransition):
        services.incident_record_notified(
            incident=incident, actor=csprg, national_reference="X", submitted_at=timezone.now()
        )
    incident = services.incident_conclude_not_notifiable(incident=incident, actor=csprg)
    assert incident.status == Incident.Status.NOT_NOTIFIABLE
    assert incident.not_notifiable_rationale == "Injury was accidental."


def test_withdrawal_needs_a_reason_and_ends_the_clock(make_incident, csprg):
    incident = make_incident()
    with pytest.raises(ValidationError):
        services.incident_withdraw(incident=incident, actor=csprg, reason="")
    incident = services.incident_withdraw(incident=incident, actor=csprg, reason="Logged twice.")
    assert incident.status == Incident.Status.WITHDRAWN
    assert not Incident.objects.open().exists()


def test_a_notified_incident_cannot_be_withdrawn_or_edited(agreed, csprg, devon):
    services.incident_record_notified(
        incident=agreed, actor=csprg, national_reference="R1", submitted_at=timezone.now()
    )
    with pytest.raises(PermissionDenied):
        services.incident_withdraw(incident=agreed, actor=csprg, reason="Too late.")
    with pytest.raises(PermissionDenied):
        services.incident_update_draft(incident=agreed, actor=csprg, version=agreed.version, data=incident_input(devon))


def test_the_executive_can_read_but_not_change(agreed, executive, devon):
    assert can_view_incident(executive, agreed)
    with pytest.raises(PermissionDenied):
        services.incident_withdraw(incident=agreed, actor=executive, reason="No.")
    with pytest.raises(PermissionDenied):
        services.incident_record_notified(
            incident=agreed, actor=executive, national_reference="R", submitted_at=timezone.now()
        )


def test_opening_an_executive_copy_records_who_and_when(agreed, executive, csprg):
    from notifications.executive import executive_copy_open

    copy = executive_copy_open(incident=agreed, reader=executive)
    first = copy.first_opened_at
    copy = executive_copy_open(incident=agreed, reader=executive)
    assert copy.open_count == 2 and copy.first_opened_at == first and copy.last_opened_at >= first
    assert (
        AuditEvent.objects.filter(
            action="notifications.executive_copy.open", actor=executive, category="access"
        ).count()
        == 2
    )
    with pytest.raises(PermissionDenied):
        executive_copy_open(incident=agreed, reader=csprg)


def test_open_and_due_querysets_follow_the_clock(make_incident, csprg):
    open_one = make_incident()
    withdrawn = services.incident_withdraw(incident=make_incident(), actor=csprg, reason="Duplicate.")
    assert list(Incident.objects.open()) == [open_one]
    assert list(Incident.objects.due(on=date(2026, 11, 9))) == []
    assert list(Incident.objects.due(on=date(2026, 11, 10))) == [open_one]
    assert withdrawn not in Incident.objects.due(on=date(2026, 12, 31))


def test_no_agreement_row_is_left_when_a_decision_is_refused(awaiting, council_rep, qa_chair):
    with pytest.raises(PermissionDenied):
        services.incident_agree(incident=awaiting, actor=council_rep)
    assert not Agreement.objects.exists()

"""The seed's rules for Section 11 assessments, in the services and in the database, and each transition."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from dcfp.audit.models import AuditEvent
from dcfp.roles import Role
from tests.factories import AreaFactory, OrganisationFactory, UserFactory
from tests.walkabouts.conftest import record_all_findings
from walkabouts import permissions, services
from walkabouts.models import Action, Assessment, Rating, StandardVersion
from walkabouts.standards import STANDARDS_V1

pytestmark = pytest.mark.django_db


def test_the_eight_section_11_standards_are_published_as_version_1():
    version = StandardVersion.objects.get(number=1)
    assert [s.key for s in version.standards.all()] == [key for key, _t, _g in STANDARDS_V1]
    assert all(s.what_good_looks_like for s in version.standards.all())


def test_one_assessment_per_organisation_per_cycle_with_a_clear_message(plan, nursing):
    plan()
    with pytest.raises(ValidationError) as error:
        plan(route=Assessment.Route.SELF_ASSESSMENT, visit_on=None)
    assert error.value.message_dict["organisation"] == [
        "Public Health Nursing already has a Section 11 assessment in 2026-27: one per cycle."
    ]
    assert Assessment.objects.filter(organisation=nursing).count() == 1


def test_the_database_refuses_a_second_assessment_of_an_organisation_in_a_cycle(plan):
    first = plan()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            cycle=first.cycle,
            organisation=first.organisation,
            route=Assessment.Route.SELF_ASSESSMENT,
            standard_version=first.standard_version,
            created_by=first.created_by,
        )


def test_the_same_organisation_is_assessed_again_in_the_next_cycle(plan, last_cycle):
    plan(cycle=last_cycle)
    assert plan().cycle.name == "2026-27"


def test_a_district_council_is_assessed_with_its_group_not_on_its_own(plan, district_councils):
    _group, exeter, _mid = district_councils
    with pytest.raises(ValidationError) as error:
        plan(organisation=exeter)
    assert "assessed collectively with Devon district councils" in error.value.message_dict["organisation"][0]


def test_the_database_refuses_an_assessment_of_a_group_member(plan, district_councils):
    group, exeter, _mid = district_councils
    grouped = plan(organisation=None, assessment_group=group)
    with pytest.raises(IntegrityError, match="assessed with its group"), transaction.atomic():
        Assessment.objects.create(
            cycle=grouped.cycle,
            organisation=exeter,
            route=Assessment.Route.SELF_ASSESSMENT,
            standard_version=grouped.standard_version,
            created_by=grouped.created_by,
        )


def test_the_database_refuses_an_assessment_of_two_subjects_or_none(plan, district_councils):
    group, _exeter, _mid = district_councils
    made = plan()
    for organisation, assessment_group in ((made.organisation, group), (None, None)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Assessment.objects.filter(pk=made.pk).update(organisation=organisation, assessment_group=assessment_group)


def test_a_group_is_assessed_once_and_every_members_leads_work_on_it(
    plan, district_councils, district_lead, other_agency
):
    group, _exeter, mid = district_councils
    grouped = plan(organisation=None, assessment_group=group)
    with pytest.raises(ValidationError, match="already has a Section 11 assessment"):
        plan(organisation=None, assessment_group=group)
    assert permissions.can_view_assessment(district_lead, grouped)
    assert not permissions.can_view_assessment(other_agency, grouped)
    mid_lead = UserFactory(email="mid-lead@example.org", organisation=mid, roles=[Role.AGENCY_LEAD])
    assert permissions.can_record_findings(
        mid_lead, services.assessment_start_fieldwork(assessment=grouped, actor=grouped.created_by)
    )


def test_an_organisation_assessed_by_another_partnership_is_recorded_not_asked_again(qa_member, cycle, plan):
    police = OrganisationFactory(name="Devon and Cornwall Police")
    police.areas.add(AreaFactory(code="devon"), AreaFactory(code="cornwall"))
    recorded = services.assessment_record_elsewhere(
        actor=qa_member,
        cycle=cycle,
        organisation=police,
        other_partnership="Cornwall and Isles of Scilly Safeguarding Children Partnership",
        assessed_on=date(2026, 6, 1),
        evidence="Their Section 11 report of June 2026, shared with us.",
    )
    assert recorded.status == Assessment.Status.RECORDED_ELSEWHERE
    with pytest.raises(ValidationError) as error:
        plan(organisation=police)
    assert error.value.message_dict["organisation"] == [
        "Devon and Cornwall Police was assessed this cycle by Cornwall and Isles of Scilly Safeguarding Children "
        "Partnership: it is not asked for a second Section 11 assessment."
    ]


def test_only_an_organisation_working_in_several_areas_can_be_recorded_as_assessed_elsewhere(qa_member, cycle, nursing):
    with pytest.raises(ValidationError, match="works in one partnership area only"):
        services.assessment_record_elsewhere(
            actor=qa_member,
            cycle=cycle,
            organisation=nursing,
            other_partnership="Somerset",
            assessed_on=date(2026, 6, 1),
            evidence="A report.",
        )


def test_the_database_refuses_an_assessment_elsewhere_without_partnership_date_or_evidence(plan):
    made = plan()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=made.pk).update(
            route=Assessment.Route.OTHER_PARTNERSHIP, status="recorded_elsewhere"
        )


def test_only_the_qa_group_plans(plan, agency_lead, csprg):
    for person in (agency_lead, csprg):
        with pytest.raises(PermissionDenied):
            plan(actor=person)


def test_a_new_version_of_the_standards_leaves_earlier_assessments_as_they_were(plan, qa_member):
    before = plan()
    standards = [{"key": "training", "title": "Training, renamed", "what_good_looks_like": "Everyone trained."}]
    version = services.standards_publish(actor=qa_member, notes="Training only, for the test.", standards=standards)
    before.refresh_from_db()
    assert before.standard_version.number == 1
    assert before.standard_version.standards.count() == 8
    assert version.number == 2


def test_findings_go_to_the_agency_then_the_qa_group_agrees_the_report(in_fieldwork, agency_lead, qa_member):
    with pytest.raises(ValidationError, match="Still missing"):
        services.assessment_submit_findings(assessment=in_fieldwork, actor=agency_lead)
    record_all_findings(in_fieldwork, agency_lead)
    recorded = services.assessment_submit_findings(assessment=in_fieldwork, actor=agency_lead)
    with pytest.raises(PermissionDenied, match="once the agency has agreed its findings"):
        services.assessment_agree(assessment=recorded, actor=qa_member)
    with pytest.raises(PermissionDenied):
        services.assessment_agency_agree(assessment=recorded, actor=qa_member)
    services.assessment_agency_agree(assessment=recorded, actor=agency_lead)
    agreed = services.assessment_agree(assessment=recorded, actor=qa_member, summary="A strong team.")
    assert agreed.status == Assessment.Status.AGREED
    assert (agreed.agency_agreed_by, agreed.agreed_by) == (agency_lead, qa_member)
    actions = list(
        AuditEvent.objects.filter(target_id=str(agreed.pk), target_type="walkabouts.assessment").values_list(
            "action", flat=True
        )
    )
    assert "walkabouts.assessment.agency_agree" in actions and "walkabouts.assessment.agree" in actions


def test_another_agencys_lead_cannot_record_or_agree(in_fieldwork, other_agency):
    standard = in_fieldwork.standard_version.standards.first()
    with pytest.raises(PermissionDenied):
        services.finding_record(
            assessment=in_fieldwork, actor=other_agency, standard=standard, rating="green", evidence="x"
        )


def test_a_red_or_amber_finding_names_the_areas_for_improvement(in_fieldwork, agency_lead):
    standard = in_fieldwork.standard_version.standards.first()
    with pytest.raises(ValidationError) as error:
        services.finding_record(
            assessment=in_fieldwork, actor=agency_lead, standard=standard, rating=Rating.RED, evidence="Gaps."
        )
    assert error.value.message_dict == {
        "areas_for_improvement": ["Enter the areas for improvement for a red or amber rating"]
    }


def test_sending_findings_back_clears_the_agencys_agreement(findings_recorded, agency_lead):
    services.assessment_agency_agree(assessment=findings_recorded, actor=agency_lead)
    back = services.assessment_return_findings(
        assessment=findings_recorded, actor=agency_lead, reason="Standard 5 misread."
    )
    assert back.status == Assessment.Status.FIELDWORK
    assert back.agency_agreed_by is None and back.returned_reason == "Standard 5 misread."


@time_machine.travel("2026-11-20 10:00:00Z", tick=False)
def test_an_assessment_closes_only_when_every_action_is_complete(agreed, agency_lead, qa_member):
    action = services.action_add(
        assessment=agreed,
        actor=agency_lead,
        description="Refresh training records.",
        owner="Safeguarding lead",
        due_on=date(2027, 1, 29),
    )
    assert action.owner_organisation == agreed.organisation
    with pytest.raises(ValidationError, match="Every action must be complete"):
        services.assessment_complete(assessment=agreed, actor=qa_member)
    services.action_update(action=action, actor=agency_lead, text="Half the team done.")
    services.action_complete(action=action, actor=agency_lead, completed_on=date(2026, 11, 20), text="All done.")
    closed = services.assessment_complete(assessment=agreed, actor=qa_member)
    assert closed.status == Assessment.Status.ACTIONS_COMPLETE
    assert [u.text for u in action.updates.all()] == ["Half the team done.", "All done."]


@time_machine.travel("2026-11-20 10:00:00Z", tick=False)
def test_an_action_cannot_be_due_in_the_past_or_owned_outside_the_agency(agreed, agency_lead, school):
    with pytest.raises(ValidationError) as error:
        services.action_add(
            assessment=agreed,
            actor=agency_lead,
            description="X",
            owner="Y",
            due_on=date(2026, 11, 19),
            owner_organisation=school,
        )
    assert set(error.value.message_dict) == {"due_on", "owner_organisation"}


def test_the_database_refuses_a_complete_action_without_its_date(agreed, agency_lead):
    action = services.action_add(
        assessment=agreed, actor=agency_lead, description="X", owner="Y", due_on=date(2099, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status="complete")

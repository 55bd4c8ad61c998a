"""Threshold decisions: the suggested level and its reasons, the rationale rule, the response each level
calls for, the tool version kept, who sees what, and the audit trail."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dcfp.audit.models import AuditEvent
from tests.thresholds.conftest import TOOL, decision_input, indicator
from thresholds import permissions, selectors, services
from thresholds.models import Response, ThresholdDecision, ToolVersion

pytestmark = pytest.mark.django_db


def test_the_tool_suggests_the_highest_level_seen_with_the_indicators_behind_it(tool):
    seen = [indicator(tool, "Missed health checks"), indicator(tool, "Going missing")]
    level, reasons = services.suggest_level(seen)
    assert level == 3
    assert [i.wording for i in reasons] == ["Going missing"]


def test_with_no_indicator_seen_the_tool_suggests_universal(tool):
    assert services.suggest_level([]) == (1, [])


def test_a_level_other_than_the_suggested_one_is_refused_without_a_rationale(tool, locality, practitioner):
    data = decision_input(tool, locality, level=3)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(actor=practitioner, data=data)
    assert refused.value.message_dict["rationale"] == [
        "Explain why you chose a different level from the one the tool suggests"
    ]
    assert not ThresholdDecision.objects.exists()


def test_a_level_other_than_the_suggested_one_is_saved_with_its_rationale(tool, locality, practitioner):
    data = decision_input(tool, locality, level=3, rationale="Two younger siblings also missed checks.")
    decision = services.decision_record(actor=practitioner, data=data)
    assert (decision.suggested_level, decision.level) == (2, 3)
    assert decision.differs_from_suggestion
    assert decision.rationale == "Two younger siblings also missed checks."


def test_early_help_needs_a_lead_practitioner_and_records_an_early_help_assessment(make_decision):
    with pytest.raises(ValidationError) as refused:
        make_decision(lead_practitioner="")
    assert "lead_practitioner" in refused.value.message_dict
    decision = make_decision()
    assert decision.response == Response.EARLY_HELP_ASSESSMENT
    assert decision.lead_practitioner == "Jo Smith, class teacher"


def test_specialist_is_recorded_as_a_referral_to_childrens_social_care(tool, make_decision):
    decision = make_decision(indicators=[indicator(tool, "Unexplained injury")], level=4, lead_practitioner="x")
    assert decision.suggested_level == 4
    assert decision.response == Response.SOCIAL_CARE_REFERRAL
    assert decision.lead_practitioner == ""  # only early help has a lead practitioner


def test_a_decision_keeps_the_tool_version_it_was_made_with(tool, make_decision, qa_member):
    decision = make_decision()
    draft = services.tool_version_create(actor=qa_member, data=services.copy_input(tool, new_version="2.0"))
    services.tool_version_publish(version=draft, actor=qa_member, effective_from=date(2026, 12, 1))
    decision.refresh_from_db()
    tool.refresh_from_db()
    assert decision.tool_version == tool
    assert tool.status == ToolVersion.Status.RETIRED
    assert tool.effective_to == date(2026, 11, 30)


def test_indicators_of_another_version_are_refused(tool, locality, practitioner, qa_member):
    draft = services.tool_version_create(actor=qa_member, data=services.copy_input(tool, new_version="2.0"))
    other = indicator(draft, "Missed health checks")
    with pytest.raises(ValidationError) as refused:
        services.decision_record(actor=practitioner, data=decision_input(tool, locality, indicators=[other]))
    assert "indicators" in refused.value.message_dict


def test_a_future_date_is_refused(tool, locality, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.decision_record(actor=practitioner, data=decision_input(tool, locality, decided_on=date(2026, 11, 27)))
    assert refused.value.message_dict["decided_on"] == ["The date of the decision must be today or in the past"]


def test_only_practitioners_and_agency_leads_record_decisions(tool, locality, csprg, qa_member, admin_user):
    for person in (csprg, qa_member, admin_user):
        with pytest.raises(PermissionDenied):
            services.decision_record(actor=person, data=decision_input(tool, locality))


def test_a_decision_is_seen_by_its_organisation_and_the_qa_group_only(
    make_decision, practitioner, qa_member, qa_chair, other_agency, agency_lead, admin_user, csprg, school
):
    from dcfp.roles import Role
    from tests.factories import UserFactory

    decision = make_decision()
    colleague = UserFactory(organisation=school, roles=[Role.AGENCY_LEAD])
    school_admin = UserFactory(organisation=school, roles=[Role.ADMIN])
    for person in (practitioner, colleague, qa_member, qa_chair):
        assert permissions.can_view_decision(person, decision), person
    for person in (other_agency, agency_lead, admin_user, csprg, school_admin):
        assert not permissions.can_view_decision(person, decision), person
    assert list(selectors.decision_list(other_agency)) == []


def test_recording_a_decision_is_in_the_audit_trail(make_decision, practitioner):
    decision = make_decision()
    event = AuditEvent.objects.get(action="thresholds.decision.record")
    assert event.actor == practitioner
    assert event.target_id == str(decision.pk)
    assert event.changes["after"]["suggested_level"] == 2


def test_references_count_up_within_the_year(make_decision):
    assert [make_decision().reference for _ in range(2)] == ["TD-2026-000001", "TD-2026-000002"]


def test_publishing_needs_the_qa_group_and_an_indicator(qa_member, practitioner):
    empty = services.tool_version_create(actor=qa_member, data=services.ToolInput(name="Empty", version="9"))
    with pytest.raises(ValidationError):
        services.tool_version_publish(version=empty, actor=qa_member, effective_from=date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.tool_version_create(actor=practitioner, data=TOOL)


def test_the_breakdown_counts_each_characteristic_the_same_for_one_agency_as_across_agencies(
    make_decision, tool, other_agency, practitioner, qa_member
):
    make_decision(sex="male", ethnicity="black")
    make_decision(sex="male", disability="yes")
    make_decision(indicators=[indicator(tool, "Unexplained injury")], level=4, age_band="0")
    make_decision(actor=other_agency, sex="not_known")
    figures = {
        b.key: dict(b.rows)
        for b in selectors.decision_breakdown(selectors.decision_list(qa_member), across_agencies=True)
    }
    assert figures["level"] == {"Universal": 0, "Early Help": 3, "Targeted Help": 0, "Specialist": 1}
    assert figures["sex"] == {"Female": 1, "Male": 2, "Not known": 1}
    assert figures["agency"] == {"Exe Valley Primary School": 3, other_agency.organisation.name: 1}
    assert figures["disability"] == {"Yes": 1, "No": 3, "Not known": 0}
    school = selectors.decision_list(practitioner)
    across = selectors.decision_breakdown(school, across_agencies=True)
    assert selectors.decision_breakdown(school, across_agencies=False) == across
    assert dict(across[0].rows) == {"Universal": 0, "Early Help": 2, "Targeted Help": 0, "Specialist": 1}
    assert dict(next(b for b in across if b.key == "ethnicity").rows)["Black, Black British, Caribbean or African"] == 1

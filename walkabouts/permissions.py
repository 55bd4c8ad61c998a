"""Who may see and do what with Section 11 assessments, the secure children's home and the scrutiny
programme. Built on dcfp.permissions.

- QA Group members and the QA chair (model-wide view, add, change on assessments):
  - assessments: every one; plan, start fieldwork, record findings, agree the report, actions;
  - secure children's home: its reports, risk assessments, and a walkabout decided from one;
  - scrutiny programme: draft it, add items, record their outcomes.
- Agency leads: only assessments of their own organisation, or of the assessment group it belongs to
  (an object permission given to each organisation concerned when the assessment is planned); they
  record findings, agree them for the agency, add evidence, actions and progress. Nothing else here.
- Executive members: read the scrutiny programme and endorse a draft. Nothing else here.
- Everyone else (CSPRG, partner representatives, practitioners, reviewers, administrators, and people
  of an assessed organisation who are not its leads): nothing.

Anyone who may not see a record gets 404, never 403, on pages, files, PDFs and the API; someone who
may see it but not do this now gets 403 with the reason. Lists start from `visible_assessments`.
Evidence and report files are downloaded only by people who may see the record that holds them.
"""

from django.db.models import QuerySet

from dcfp.permissions import has_model_permission, has_object_permission, rule, scope
from dcfp.roles import Role, has_role
from walkabouts.models import Assessment, ScrutinyProgramme, SecureHomeReport

S = Assessment.Status


def is_qa_group(user) -> bool:
    """QA Group members and its chair: the role-wide permission on assessments."""
    return has_model_permission(user, "view", Assessment)


def visible_assessments(user, queryset: QuerySet | None = None) -> QuerySet:
    """Every list and detail of assessments starts here: the QA Group sees all; an agency lead sees
    those given to their organisation; nobody else sees any, even of their own organisation."""
    qs = queryset if queryset is not None else Assessment.objects.all()
    if is_qa_group(user) or has_role(user, Role.AGENCY_LEAD):
        return scope(user, qs, "view")
    return qs.none()


def can_view_assessment(user, assessment: Assessment) -> bool:
    return visible_assessments(user, Assessment.objects.filter(pk=assessment.pk)).exists()


def is_lead_of_subject(user, assessment: Assessment) -> bool:
    """An agency lead of the organisation assessed, or of any member of the group assessed."""
    return has_role(user, Role.AGENCY_LEAD) and has_object_permission(user, "change", assessment)


def can_list_assessments(user) -> bool:
    """The list is for the QA Group and agency leads (who see only their own organisation's)."""
    return is_qa_group(user) or has_role(user, Role.AGENCY_LEAD)


@rule("Only the QA Group plans Section 11 assessments and records those made by another partnership.")
def can_plan_assessment(user) -> bool:
    """Only the QA Group plans walkabouts and self-assessments, and records assessments made by
    another partnership."""
    return has_model_permission(user, "add", Assessment)


@rule("Only the QA Group starts fieldwork on a planned assessment.")
def can_start_fieldwork(user, assessment: Assessment) -> bool:
    """The QA Group opens fieldwork on a planned assessment."""
    return assessment.status == S.PLANNED and has_model_permission(user, "change", Assessment)


def _writer(user, assessment: Assessment) -> bool:
    return has_model_permission(user, "change", Assessment) or is_lead_of_subject(user, assessment)


@rule("A self-assessment's return is recorded by the QA Group or the agency's leads, before its findings are sent.")
def can_record_return(user, assessment: Assessment) -> bool:
    """A self-assessment's return (the agency's completed audit): the date is recorded by the QA Group
    or the agency's own leads while it is planned or in fieldwork."""
    return (
        assessment.route == Assessment.Route.SELF_ASSESSMENT
        and assessment.status in (S.PLANNED, S.FIELDWORK)
        and _writer(user, assessment)
    )


@rule("Findings and expectations are recorded during fieldwork by the QA Group or the agency's leads.")
def can_record_findings(user, assessment: Assessment) -> bool:
    """During fieldwork, the QA Group or the agency's own leads record findings, expectations and evidence."""
    return assessment.status == S.FIELDWORK and _writer(user, assessment)


@rule("Findings are submitted from fieldwork by the QA Group or the agency's leads.")
def can_submit_findings(user, assessment: Assessment) -> bool:
    """The findings go for agreement once every standard has one (checked by the service)."""
    return can_record_findings(user, assessment)


@rule("Only a lead of the agency assessed agrees its findings, once.")
def can_agency_agree(user, assessment: Assessment) -> bool:
    """One of the agency's own leads agrees the findings for the agency, once."""
    return (
        assessment.status == S.FINDINGS_RECORDED
        and assessment.agency_agreed_by_id is None
        and is_lead_of_subject(user, assessment)
    )


@rule("Findings are sent back by the QA Group or the agency's leads before the report is agreed.")
def can_return_findings(user, assessment: Assessment) -> bool:
    """The agency's leads or the QA Group send findings back to fieldwork before the report is agreed."""
    return assessment.status == S.FINDINGS_RECORDED and _writer(user, assessment)


@rule("Only the QA Group agrees the report, once the agency has agreed its findings.")
def can_agree_report(user, assessment: Assessment) -> bool:
    """A QA Group member agrees the report, after the agency has agreed its findings."""
    return (
        assessment.status == S.FINDINGS_RECORDED
        and assessment.agency_agreed_by_id is not None
        and has_model_permission(user, "change", Assessment)
    )


@rule("Evidence is added by the QA Group or the agency's leads until the assessment is complete.")
def can_add_evidence(user, assessment: Assessment) -> bool:
    """Evidence is added while the assessment is being worked on, until its actions are complete."""
    return assessment.status in (S.FIELDWORK, S.FINDINGS_RECORDED, S.AGREED) and _writer(user, assessment)


@rule("Actions are added and updated by the QA Group or the agency's leads until the assessment is complete.")
def can_manage_actions(user, assessment: Assessment) -> bool:
    """Actions are added and updated from the findings until they are complete: by the agency's leads
    or the QA Group."""
    return assessment.status in (S.FIELDWORK, S.FINDINGS_RECORDED, S.AGREED) and _writer(user, assessment)


@rule("Only the QA Group closes an agreed assessment.")
def can_complete_assessment(user, assessment: Assessment) -> bool:
    """The QA Group closes an agreed assessment when its actions are complete (checked by the service)."""
    return assessment.status == S.AGREED and has_model_permission(user, "change", Assessment)


@rule("The report is ready once the findings are recorded.")
def can_download_report(user, assessment: Assessment) -> bool:
    """The walkabout report PDF: whoever may see the assessment, once findings are recorded."""
    return assessment.status not in (S.PLANNED, S.RECORDED_ELSEWHERE) and can_view_assessment(user, assessment)


def can_view_comparison(user) -> bool:
    """The QA Group compares every organisation; an agency lead sees only their own rows."""
    return can_list_assessments(user)


def can_maintain_standards(user) -> bool:
    """The QA Group publishes new versions of the standards."""
    return is_qa_group(user) and has_role(user, Role.QA_GROUP, Role.QA_CHAIR)


# --- Cycles and versions of the standards ---


@rule("Only the QA Group opens assessment cycles.")
def can_open_cycle(user) -> bool:
    """The QA Group opens a cycle (such as 2026-27) in which assessments are then planned."""
    return has_model_permission(user, "add", Assessment)


@rule("Only the QA Group publishes a new version of the standards.")
def can_publish_standards(user) -> bool:
    """The QA Group publishes a new version of the standards; assessments already planned keep theirs."""
    return can_maintain_standards(user)


# --- Secure children's home ---


def can_view_secure_home(user) -> bool:
    """Only the QA Group receives the secure home's reports and records its risk assessments."""
    return has_model_permission(user, "view", SecureHomeReport)


@rule("Only the QA Group receives the secure children's home's reports.")
def can_add_secure_home_record(user) -> bool:
    return has_model_permission(user, "add", SecureHomeReport)


# --- Scrutiny programme ---


def can_view_scrutiny(user) -> bool:
    """The QA Group (which drafts it) and the Executive (which endorses it)."""
    return has_model_permission(user, "view", ScrutinyProgramme)


@rule("Only the QA Group drafts the scrutiny programme.")
def can_draft_scrutiny(user) -> bool:
    """The QA Group drafts the programme and its items."""
    return has_model_permission(user, "add", ScrutinyProgramme)


@rule("Items are added by the QA Group while the programme is a draft.")
def can_edit_programme(user, programme: ScrutinyProgramme) -> bool:
    """Items are added while the programme is a draft."""
    return programme.status == ScrutinyProgramme.Status.DRAFT and can_draft_scrutiny(user)


@rule("Outcomes are recorded by the QA Group once the programme is endorsed.")
def can_record_item_outcome(user, programme: ScrutinyProgramme) -> bool:
    """Findings, learning and how lessons were spread are recorded once the programme is endorsed."""
    return programme.status == ScrutinyProgramme.Status.ENDORSED and can_draft_scrutiny(user)


@rule("Only an Executive member endorses a draft scrutiny programme.")
def can_endorse_programme(user, programme: ScrutinyProgramme) -> bool:
    """An Executive member endorses a draft programme."""
    return (
        programme.status == ScrutinyProgramme.Status.DRAFT
        and has_role(user, Role.EXECUTIVE)
        and can_view_scrutiny(user)
    )

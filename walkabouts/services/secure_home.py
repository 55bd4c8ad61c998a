"""The secure children's home: reports the QA Group receives, its risk assessments, and a walkabout
decided from one. Only the QA Group does any of this."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp.audit.services import record, snapshot
from dcfp.models import Organisation
from walkabouts import permissions
from walkabouts.models import Assessment, Cycle, SecureHomeReport, SecureHomeRiskAssessment


def _check_home(home: Organisation) -> None:
    if home.kind != Organisation.Kind.SECURE_CHILDRENS_HOME:
        raise ValidationError({"home": f"{home.name} is not a secure children's home"})


@transaction.atomic
def secure_home_report_add(
    *, actor, home: Organisation, kind: str, received_on: date, file, notes: str = ""
) -> SecureHomeReport:
    """Keep the annual Ofsted report or the notes of a regulatory visit (a PDF or DOCX, at most 20 MB)."""
    from dcfp.uploads.services import UploadRefused, upload_store

    permissions.can_add_secure_home_record.require(actor)
    _check_home(home)
    if kind not in SecureHomeReport.Kind.values:
        raise ValidationError({"kind": "Select the kind of report"})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "The date received must be today or in the past"})
    try:
        upload = upload_store(file=file, actor=actor)
    except UploadRefused as refused:
        raise ValidationError({"file": str(refused)}) from refused
    report = SecureHomeReport.objects.create(
        home=home, kind=kind, received_on=received_on, upload=upload, notes=notes.strip(), added_by=actor
    )
    record(actor=actor, action="walkabouts.secure_home_report.add", target=report, after=snapshot(report))
    return report


@transaction.atomic
def secure_home_risk_record(
    *,
    actor,
    home: Organisation,
    assessed_on: date,
    risks: str,
    rating: str,
    decision: str,
    rationale: str,
    reports: list[SecureHomeReport] | None = None,
) -> SecureHomeRiskAssessment:
    """The QA Group's assessment of risk at the home, on the reports it has received, and its decision
    whether to undertake a walkabout."""
    permissions.can_add_secure_home_record.require(actor)
    _check_home(home)
    errors = {}
    if not risks.strip():
        errors["risks"] = "Describe the risks"
    if rating not in SecureHomeRiskAssessment.Level.values:
        errors["rating"] = "Select the level of risk"
    if decision not in SecureHomeRiskAssessment.Decision.values:
        errors["decision"] = "Select the decision"
    if not rationale.strip():
        errors["rationale"] = "Explain the decision"
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = "The date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    risk = SecureHomeRiskAssessment.objects.create(
        home=home,
        assessed_on=assessed_on,
        risks=risks.strip(),
        rating=rating,
        decision=decision,
        rationale=rationale.strip(),
        recorded_by=actor,
    )
    if reports:
        risk.reports.set([r for r in reports if r.home_id == home.pk])
    record(actor=actor, action="walkabouts.secure_home_risk.record", target=risk, after=snapshot(risk))
    return risk


@transaction.atomic
def secure_home_walkabout_plan(
    *, actor, risk_assessment: SecureHomeRiskAssessment, cycle: Cycle, visit_on: date, team_or_site: str = ""
) -> Assessment:
    """Plan the walkabout a risk assessment decided on: the home's Section 11 walkabout for the cycle."""
    from walkabouts.services.assessments import assessment_plan

    permissions.can_add_secure_home_record.require(actor)
    if risk_assessment.decision != SecureHomeRiskAssessment.Decision.WALKABOUT:
        raise ValidationError("This risk assessment decided that no walkabout is needed now.")
    return assessment_plan(
        actor=actor,
        cycle=cycle,
        route=Assessment.Route.WALKABOUT,
        organisation=risk_assessment.home,
        visit_on=visit_on,
        team_or_site=team_or_site,
        from_risk_assessment=risk_assessment,
    )

"""Every write to Section 11 assessments: one service per status change.

Each service locks the row, checks the person's permission (walkabouts.permissions) and the change
against `Assessment.TRANSITIONS`, applies the seed's rules with a clear message, moves, bumps the
version, and writes the audit trail in the same transaction. Services take no request object.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from dcfp import permissions as perms
from dcfp.audit.services import record, snapshot
from dcfp.models import AssessmentGroup, LocalityPartnership, Organisation
from walkabouts import permissions
from walkabouts.models import (
    MAX_PARTICIPANTS_PER_ROLE,
    PARTICIPANT_ROLE_PLURALS,
    Action,
    ActionUpdate,
    Assessment,
    Cycle,
    EvidenceFile,
    Expectation,
    Finding,
    ParticipantRole,
    Standard,
    StandardVersion,
    WalkaboutParticipant,
)

S = Assessment.Status


class InvalidTransition(ValidationError):
    """The assessment is not in a state that allows this change."""


class FindingConflict(Exception):
    """Someone else saved this finding after this edit started."""

    message = (
        "Someone else changed this finding while you were editing it. Your changes have not been saved: "
        "review their changes, then make yours again."
    )


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "organisation", "assessment_group")
        .get(pk=assessment.pk)
    )


def _move(assessment: Assessment, status: str) -> None:
    if not assessment.can_move_to(status):
        raise InvalidTransition(
            f"An assessment that is {assessment.get_status_display().lower()} cannot become {S(status).label.lower()}."
        )
    assessment.status = status


def _save(assessment: Assessment, actor, action: str, before: dict, **detail) -> Assessment:
    assessment.version += 1
    assessment.save()
    record(
        actor=actor, action=action, target=assessment, before=before, after=snapshot(assessment), detail=detail or None
    )
    return assessment


def current_standard_version() -> StandardVersion:
    """The latest published version of the standards: new assessments are made against it."""
    version = StandardVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError("No standards have been published yet.")
    return version


@transaction.atomic
def standards_publish(*, actor, notes: str, standards: list[dict]) -> StandardVersion:
    """The QA Group publishes a new version of the standards. Assessments already made keep the version
    they were made against; only assessments planned from now on use the new one."""
    permissions.can_publish_standards.require(actor)
    if not standards:
        raise ValidationError({"standards": "A version needs at least one standard"})
    errors = {}
    for s in standards:
        if not s.get("title", "").strip():
            errors[f"title_{s['key']}"] = "Enter the standard's title"
        if not s.get("what_good_looks_like", "").strip():
            errors[f"good_{s['key']}"] = "Enter what good looks like"
    if len({s["key"] for s in standards}) != len(standards):
        errors["standards"] = "Each standard appears once in a version"
    if errors:
        raise ValidationError(errors)
    number = (StandardVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    version = StandardVersion.objects.create(
        number=number, published_on=timezone.localdate(), notes=notes.strip(), created_by=actor
    )
    Standard.objects.bulk_create(
        Standard(
            version=version,
            position=i,
            key=s["key"],
            title=s["title"].strip(),
            what_good_looks_like=s["what_good_looks_like"].strip(),
        )
        for i, s in enumerate(standards, start=1)
    )
    record(actor=actor, action="walkabouts.standards.publish", target=version, detail={"standards": len(standards)})
    return version


@transaction.atomic
def cycle_create(*, actor, name: str, starts_on: date, ends_on: date) -> Cycle:
    """The QA Group opens an assessment cycle, such as 2026-27."""
    permissions.can_open_cycle.require(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the cycle's name, for example 2026-27"})
    if len(name) > Cycle._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationError({"name": "The cycle's name must be 20 characters or fewer"})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": "The cycle must end after it starts"})
    if Cycle.objects.filter(name=name).exists():
        raise ValidationError({"name": f"There is already a cycle called {name}"})
    cycle = Cycle.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
    record(actor=actor, action="walkabouts.cycle.create", target=cycle)
    return cycle


def _member_organisations(assessment: Assessment) -> list[Organisation]:
    if assessment.organisation is not None:
        return [assessment.organisation]
    return list(Organisation.objects.filter(assessment_group=assessment.assessment_group_id))


def _existing_message(cycle: Cycle, existing: Assessment) -> str:
    if existing.status == S.RECORDED_ELSEWHERE:
        return (
            f"{existing.subject_name} was assessed this cycle by {existing.other_partnership}: "
            "it is not asked for a second Section 11 assessment."
        )
    return f"{existing.subject_name} already has a Section 11 assessment in {cycle.name}: one per cycle."


def _check_subject(cycle: Cycle, organisation: Organisation | None, group: AssessmentGroup | None) -> None:
    if (organisation is None) == (group is None):
        raise ValidationError({"organisation": "Choose either an organisation or an assessment group"})
    if organisation is not None and organisation.assessment_group_id:
        raise ValidationError(
            {
                "organisation": f"{organisation.name} is assessed collectively with {organisation.assessment_group}: "
                "plan the group's assessment instead"
            }
        )
    existing = Assessment.objects.filter(
        cycle=cycle, **({"organisation": organisation} if organisation else {"assessment_group": group})
    ).first()
    if existing is not None:
        raise ValidationError(
            {"organisation" if organisation else "assessment_group": _existing_message(cycle, existing)}
        )


def participant_counts(route: str, participants: Mapping[str, int] | None) -> list[tuple[str, int]]:
    """The front-line participants of a walkabout as (role, count) pairs in the order of
    `ParticipantRole`, checked: each role one of that fixed list, each count a whole number from 1 to
    MAX_PARTICIPANTS_PER_ROLE. Roles only, so nothing typed here can name anyone. A self-assessment has none."""
    participants = dict(participants or {})
    if not participants:
        return []
    if route != Assessment.Route.WALKABOUT:
        raise ValidationError({"participants": "Front-line participants are recorded for a walkabout only"})
    errors = {}
    if any(role not in ParticipantRole.values for role in participants):
        # What was sent is not repeated back: an unknown "role" may be someone's name.
        errors["participants"] = "Choose each role from the list of front-line roles"
    for role in ParticipantRole:
        count = participants.get(role.value)
        if count is None:
            continue
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_PARTICIPANTS_PER_ROLE:
            errors[f"participants_{role.value}"] = (
                f"The number of {PARTICIPANT_ROLE_PLURALS[role].lower()} must be a whole number from 1 to "
                f"{MAX_PARTICIPANTS_PER_ROLE}"
            )
    if errors:
        raise ValidationError(errors)
    return [(role.value, participants[role.value]) for role in ParticipantRole if role.value in participants]


def _create(assessment: Assessment, actor, action: str, participants: Sequence[tuple[str, int]] = ()) -> Assessment:
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as clash:
        # Two people planned the same subject at once: the constraint lets one through.
        raise ValidationError(
            f"{assessment.subject_name} already has a Section 11 assessment in this cycle."
        ) from clash
    WalkaboutParticipant.objects.bulk_create(
        WalkaboutParticipant(assessment=assessment, role=role, count=count) for role, count in participants
    )
    for organisation in _member_organisations(assessment):
        perms.grant("view", organisation, assessment)
        perms.grant("change", organisation, assessment)
    after = snapshot(assessment)
    if participants:
        after["participants"] = [{"role": role, "count": count} for role, count in participants]
    record(actor=actor, action=action, target=assessment, after=after)
    return assessment


@transaction.atomic
def assessment_plan(
    *,
    actor,
    cycle: Cycle,
    route: str,
    organisation: Organisation | None = None,
    assessment_group: AssessmentGroup | None = None,
    visit_on: date | None = None,
    team_or_site: str = "",
    locality: LocalityPartnership | None = None,
    qa_lead=None,
    participants: Mapping[str, int] | None = None,
    is_demo: bool = False,
    from_risk_assessment=None,
) -> Assessment:
    """The QA Group plans a walkabout or a self-assessment of one organisation, or of an assessment group
    collectively. One per subject per cycle; a member of an assessment group is never assessed on its own.
    A walkabout's front-line participants are counted by role (`participants`: role -> count), never named.
    The organisation's leads (for a group, the leads of every member) may then see and work on it."""
    permissions.can_plan_assessment.require(actor)
    _check_subject(cycle, organisation, assessment_group)
    if route not in (Assessment.Route.WALKABOUT, Assessment.Route.SELF_ASSESSMENT):
        raise ValidationError({"route": "Choose a walkabout or a self-assessment"})
    if route == Assessment.Route.WALKABOUT and visit_on is None:
        raise ValidationError({"visit_on": "Enter the date of the walkabout"})
    counts = participant_counts(route, participants)
    assessment = Assessment(
        cycle=cycle,
        organisation=organisation,
        assessment_group=assessment_group,
        route=route,
        standard_version=current_standard_version(),
        visit_on=visit_on,
        team_or_site=team_or_site.strip(),
        locality=locality,
        qa_lead=qa_lead or actor,
        created_by=actor,
        is_demo=is_demo,
        from_risk_assessment=from_risk_assessment,
    )
    return _create(assessment, actor, "walkabouts.assessment.plan", counts)


@transaction.atomic
def assessment_record_elsewhere(
    *, actor, cycle: Cycle, organisation: Organisation, other_partnership: str, assessed_on: date, evidence: str
) -> Assessment:
    """An organisation that works across several partnership areas and was assessed this cycle by another
    partnership is recorded as "assessed by <partnership>", with the date and evidence, instead of being
    asked again."""
    permissions.can_plan_assessment.require(actor)
    _check_subject(cycle, organisation, None)
    if organisation.areas.count() < 2:
        raise ValidationError(
            {"organisation": f"{organisation.name} works in one partnership area only, so this partnership assesses it"}
        )
    errors = {}
    if not other_partnership.strip():
        errors["other_partnership"] = "Enter the partnership that assessed it"
    if not evidence.strip():
        errors["other_evidence"] = "Describe the evidence of that assessment"
    if assessed_on > timezone.localdate():
        errors["other_assessed_on"] = "The date of the assessment must be today or in the past"
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        cycle=cycle,
        organisation=organisation,
        route=Assessment.Route.OTHER_PARTNERSHIP,
        status=S.RECORDED_ELSEWHERE,
        standard_version=current_standard_version(),
        other_partnership=other_partnership.strip(),
        other_assessed_on=assessed_on,
        other_evidence=evidence.strip(),
        created_by=actor,
    )
    return _create(assessment, actor, "walkabouts.assessment.record_elsewhere")


@transaction.atomic
def assessment_start_fieldwork(*, assessment: Assessment, actor) -> Assessment:
    """The QA Group opens fieldwork: findings, evidence and actions can now be recorded."""
    assessment = _locked(assessment)
    permissions.can_start_fieldwork.require(actor, assessment)
    before = snapshot(assessment)
    _move(assessment, S.FIELDWORK)
    return _save(assessment, actor, "walkabouts.assessment.fieldwork", before)


@transaction.atomic
def assessment_record_return(*, assessment: Assessment, actor, returned_on: date) -> Assessment:
    """The agency returned its self-assessment (the completed audit): the QA Group or the agency's
    leads record the date, while it is planned or in fieldwork. The date is today or earlier and
    within the cycle or after it started."""
    assessment = _locked(assessment)
    permissions.can_record_return.require(actor, assessment)
    if returned_on > timezone.localdate():
        raise ValidationError({"returned_on": "The date the self-assessment was returned must be today or in the past"})
    if returned_on < assessment.cycle.starts_on:
        raise ValidationError(
            {
                "returned_on": f"The date the self-assessment was returned must be on or after the start of "
                f"{assessment.cycle.name} ({assessment.cycle.starts_on:%-d %B %Y})"
            }
        )
    before = snapshot(assessment)
    assessment.returned_on = returned_on
    return _save(assessment, actor, "walkabouts.assessment.return", before)


def _standard_of(assessment: Assessment, standard: Standard) -> Standard:
    if standard.version_id != assessment.standard_version_id:
        raise ValidationError({"standard": "That standard is not in the version this assessment is made against"})
    return standard


@transaction.atomic
def finding_record(
    *,
    assessment: Assessment,
    actor,
    standard: Standard,
    rating: str,
    evidence: str,
    strengths: str = "",
    areas_for_improvement: str = "",
    version: int | None = None,
) -> Finding:
    """Record (or change) the finding for one standard during fieldwork: the QA Group or the agency's leads.
    Red and amber findings name the areas for improvement.

    `version` is the finding's version the edit started from (0 when the standard had no finding yet):
    if someone saved the finding in between, nothing is saved and FindingConflict says so. Pages and the
    API always send it; only data made outside a form (the demo) leaves it out."""
    assessment = _locked(assessment)
    permissions.can_record_findings.require(actor, assessment)
    _standard_of(assessment, standard)
    finding = Finding.objects.select_for_update().filter(assessment=assessment, standard=standard).first()
    if version is not None and version != (finding.version if finding else 0):
        raise FindingConflict(FindingConflict.message)
    errors = {}
    if rating not in ("red", "amber", "green"):
        errors["rating"] = "Select red, amber or green"
    if not evidence.strip():
        errors["evidence"] = "Enter the evidence for this rating"
    if rating in ("red", "amber") and not areas_for_improvement.strip():
        errors["areas_for_improvement"] = "Enter the areas for improvement for a red or amber rating"
    if errors:
        raise ValidationError(errors)
    before = snapshot(finding) if finding else None
    if finding is None:
        finding = Finding(assessment=assessment, standard=standard, version=0)
    finding.version += 1
    finding.rating = rating
    finding.evidence = evidence.strip()
    finding.strengths = strengths.strip()
    finding.areas_for_improvement = areas_for_improvement.strip()
    finding.recorded_by = actor
    finding.save()
    assessment.version += 1
    assessment.save(update_fields=["version", "updated_at"])
    record(
        actor=actor,
        action="walkabouts.finding.record",
        target=assessment,
        before=before,
        after=snapshot(finding),
        detail={"standard": standard.key},
    )
    return finding


@transaction.atomic
def expectation_add(*, assessment: Assessment, actor, standard: Standard, text: str) -> Expectation:
    """An expectation agreed with the agency for one standard (what good looks like, defined with them)."""
    assessment = _locked(assessment)
    permissions.can_record_findings.require(actor, assessment)
    _standard_of(assessment, standard)
    if not text.strip():
        raise ValidationError({"text": "Enter the expectation agreed with the agency"})
    expectation = Expectation.objects.create(assessment=assessment, standard=standard, text=text.strip())
    record(actor=actor, action="walkabouts.expectation.add", target=assessment, after=snapshot(expectation))
    return expectation


@transaction.atomic
def assessment_submit_findings(*, assessment: Assessment, actor) -> Assessment:
    """Fieldwork ends when every standard has a finding; the agency's leads are then asked to agree them."""
    assessment = _locked(assessment)
    permissions.can_submit_findings.require(actor, assessment)
    missing = list(
        assessment.standard_version.standards.exclude(findings__assessment=assessment).values_list("title", flat=True)
    )
    if missing:
        raise ValidationError(f"Record a finding for every standard first. Still missing: {'; '.join(missing)}.")
    before = snapshot(assessment)
    _move(assessment, S.FINDINGS_RECORDED)
    assessment.agency_agreed_by = None
    assessment.agency_agreed_at = None
    return _save(assessment, actor, "walkabouts.assessment.submit_findings", before)


@transaction.atomic
def assessment_agency_agree(*, assessment: Assessment, actor) -> Assessment:
    """One of the agency's own leads agrees the findings for the agency. They are final only when the QA
    Group then agrees the report."""
    assessment = _locked(assessment)
    permissions.can_agency_agree.require(actor, assessment)
    before = snapshot(assessment)
    assessment.agency_agreed_by = actor
    assessment.agency_agreed_at = timezone.now()
    return _save(assessment, actor, "walkabouts.assessment.agency_agree", before)


@transaction.atomic
def assessment_return_findings(*, assessment: Assessment, actor, reason: str) -> Assessment:
    """The agency (or the QA Group) sends the findings back to fieldwork, saying why; any agreement so far lapses."""
    assessment = _locked(assessment)
    permissions.can_return_findings.require(actor, assessment)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the findings are being sent back"})
    before = snapshot(assessment)
    _move(assessment, S.FIELDWORK)
    assessment.returned_reason = reason.strip()
    assessment.agency_agreed_by = None
    assessment.agency_agreed_at = None
    return _save(assessment, actor, "walkabouts.assessment.return_findings", before, reason=reason.strip())


@transaction.atomic
def assessment_agree(*, assessment: Assessment, actor, summary: str = "") -> Assessment:
    """A QA Group member agrees the report once the agency has agreed its findings: the findings are final."""
    assessment = _locked(assessment)
    permissions.can_agree_report.require(actor, assessment)
    before = snapshot(assessment)
    _move(assessment, S.AGREED)
    assessment.agreed_by = actor
    assessment.agreed_at = timezone.now()
    if summary.strip():
        assessment.summary = summary.strip()
    return _save(assessment, actor, "walkabouts.assessment.agree", before)


@transaction.atomic
def assessment_complete(*, assessment: Assessment, actor) -> Assessment:
    """The QA Group closes an agreed assessment once every action is complete."""
    assessment = _locked(assessment)
    permissions.can_complete_assessment.require(actor, assessment)
    if assessment.actions.filter(status=Action.Status.OPEN).exists():
        raise ValidationError("Every action must be complete first.")
    before = snapshot(assessment)
    _move(assessment, S.ACTIONS_COMPLETE)
    assessment.actions_completed_at = timezone.now()
    return _save(assessment, actor, "walkabouts.assessment.complete", before)


@transaction.atomic
def action_add(
    *,
    assessment: Assessment,
    actor,
    description: str,
    owner: str,
    due_on: date,
    owner_organisation: Organisation | None = None,
    standard: Standard | None = None,
) -> Action:
    """An action from the findings, with its owner and due date. Its clock reminds the owner's agency
    leads and, once overdue, tells the QA Group."""
    assessment = _locked(assessment)
    permissions.can_manage_actions.require(actor, assessment)
    members = _member_organisations(assessment)
    owner_organisation = owner_organisation or (members[0] if assessment.organisation_id else actor.organisation)
    errors = {}
    if not description.strip():
        errors["description"] = "Describe the action"
    if not owner.strip():
        errors["owner"] = "Enter who owns the action"
    if owner_organisation not in members:
        errors["owner_organisation"] = "The owner must be in the organisation assessed"
    if due_on < timezone.localdate():
        errors["due_on"] = "The due date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    if standard is not None:
        _standard_of(assessment, standard)
    action = Action.objects.create(
        assessment=assessment,
        standard=standard,
        description=description.strip(),
        owner=owner.strip(),
        owner_organisation=owner_organisation,
        due_on=due_on,
        created_by=actor,
    )
    record(actor=actor, action="walkabouts.action.add", target=assessment, after=snapshot(action))
    return action


def _locked_action(action: Action) -> Action:
    return Action.objects.select_for_update(of=("self",)).select_related("assessment").get(pk=action.pk)


@transaction.atomic
def action_update(*, action: Action, actor, text: str, evidence: EvidenceFile | None = None) -> ActionUpdate:
    """Progress on an open action, optionally pointing at evidence already added to the assessment."""
    action = _locked_action(action)
    permissions.can_manage_actions.require(actor, action.assessment)
    if action.status != Action.Status.OPEN:
        raise ValidationError("This action is already complete.")
    if not text.strip():
        raise ValidationError({"text": "Describe the progress made"})
    if evidence is not None and evidence.assessment_id != action.assessment_id:
        raise ValidationError({"evidence": "Choose evidence added to this assessment"})
    update = ActionUpdate.objects.create(action=action, text=text.strip(), evidence=evidence, by=actor)
    record(actor=actor, action="walkabouts.action.update", target=action.assessment, after=snapshot(update))
    return update


@transaction.atomic
def action_complete(*, action: Action, actor, completed_on: date, text: str = "") -> Action:
    """The action is done: its clock is met (on time or late, by the date it was completed)."""
    action = _locked_action(action)
    permissions.can_manage_actions.require(actor, action.assessment)
    if action.status != Action.Status.OPEN:
        raise ValidationError("This action is already complete.")
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date it was completed must be today or in the past"})
    before = snapshot(action)
    action.status = Action.Status.COMPLETE
    action.completed_on = completed_on
    action.save()
    if text.strip():
        ActionUpdate.objects.create(action=action, text=text.strip(), by=actor)
    record(
        actor=actor,
        action="walkabouts.action.complete",
        target=action.assessment,
        before=before,
        after=snapshot(action),
    )
    return action


@transaction.atomic
def evidence_add(
    *, assessment: Assessment, actor, file, description: str, standard: Standard | None = None
) -> EvidenceFile:
    """Attach a PDF or DOCX (recognised by content, at most 20 MB) to an assessment. A refused file is
    not stored (dcfp.uploads.services.UploadRefused, shown to the person as the field's error)."""
    from dcfp.uploads.services import UploadRefused, upload_store

    assessment = _locked(assessment)
    permissions.can_add_evidence.require(actor, assessment)
    if not description.strip():
        raise ValidationError({"description": "Describe the evidence"})
    if standard is not None:
        _standard_of(assessment, standard)
    try:
        upload = upload_store(file=file, actor=actor)
    except UploadRefused as refused:
        raise ValidationError({"file": str(refused)}) from refused
    evidence = EvidenceFile.objects.create(
        assessment=assessment, standard=standard, upload=upload, description=description.strip(), added_by=actor
    )
    record(
        actor=actor,
        action="walkabouts.evidence.add",
        target=assessment,
        detail={"evidence": evidence.pk, "file": upload.original_name, "size": upload.size, "sha256": upload.sha256},
    )
    return evidence

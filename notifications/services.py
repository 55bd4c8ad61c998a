"""Every write to serious incident notifications: one service per status change.

Each service checks the person's permission (notifications.permissions), checks the change against
`Incident.TRANSITIONS`, validates (notifications.validation), writes the audit trail in the same
transaction, and leaves sending to after commit (dcfp.alerts queues email with on_commit).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from dcfp import deadlines
from dcfp.audit.services import record, snapshot
from dcfp.models import Organisation, User
from dcfp.roles import Role
from notifications import criteria, permissions
from notifications.executive import executive_copy_all
from notifications.models import Agreement, Child, Incident, ReferenceCounter, Referral
from notifications.validation import validate_incident

INCIDENT_FIELDS = [
    "occurred_on",
    "occurred_time",
    "aware_on",
    "nature",
    "area",
    "outside_england",
    "abuse_or_neglect",
    "categories",
    "themes",
    "theme_other",
    "summary",
    "outcome_recommended",
    "not_notifiable_rationale",
]
CHILD_FIELDS = [
    "name",
    "date_of_birth",
    "age_years",
    "sex",
    "gender",
    "ethnicity",
    "disability",
    "legal_status",
    "normally_resident_area",
    "resident_outside_england",
    "local_identifier",
    "died",
]


# Why an incident in the partnership's own area cannot be concluded as referred elsewhere.
NOT_REFERABLE = "This incident is in the partnership's area, so it is notified here, not referred to another authority."


class InvalidTransition(ValidationError):
    """The incident is not in a state that allows this change."""


class EditConflict(Exception):
    """Someone else saved the incident after this edit started."""

    message = (
        "Someone else changed this incident while you were editing it. Your changes have not been saved: "
        "review their changes, then make yours again."
    )


@dataclass
class IncidentInput:
    """The fields a person enters: incident fields by name, agencies, and 1 to 4 children as dicts."""

    fields: dict[str, Any]
    children: list[dict[str, Any]]
    agencies_involved: list[Organisation] | None = None


def _picture(incident: Incident) -> dict[str, Any]:
    data = snapshot(incident)
    data["children"] = [snapshot(c) for c in incident.children.all()]
    data["agencies_involved"] = sorted(incident.agencies_involved.values_list("pk", flat=True))
    return data


def _move(incident: Incident, status: str) -> None:
    if not incident.can_move_to(status):
        raise InvalidTransition(
            f"A {incident.get_status_display().lower()} incident cannot become {Incident.Status(status).label.lower()}."
        )
    incident.status = status


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _build(incident: Incident, data: IncidentInput) -> list[Child]:
    for name in INCIDENT_FIELDS:
        if name in data.fields:
            setattr(incident, name, data.fields[name])
    incident.theme_other = incident.theme_other if "other" in (incident.themes or []) else ""
    children = []
    for position, values in enumerate(data.children, start=1):
        child = Child(incident=incident, position=position)
        for name in CHILD_FIELDS:
            if name in values:
                setattr(child, name, values[name])
        children.append(child)
    return children


def _next_reference(year: int) -> str:
    """The next reference of `year`, from the year's counter row, locked until the transaction ends.
    The first of a year starts after the highest number already written that year, compared as a
    number (as text, DCFP-2026-9999 sorts after DCFP-2026-10000)."""
    counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=_highest_reference_number(year))
        except IntegrityError:
            pass  # another incident made the year's row first; it is locked below like any other
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{_reference_prefix(year)}{counter.last:04d}"


def _reference_prefix(year: int) -> str:
    return f"DCFP-{year}-"


def _highest_reference_number(year: int) -> int:
    prefix = _reference_prefix(year)
    number = Cast(Substr("reference", len(prefix) + 1), IntegerField())
    highest = Incident.objects.filter(reference__regex=rf"^{prefix}[0-9]+$").aggregate(highest=Max(number))["highest"]
    return int(highest or 0)


def _save_children(incident: Incident, children: list[Child]) -> None:
    incident.children.all().delete()
    for child in children:
        child.incident = incident
    Child.objects.bulk_create(children)


@transaction.atomic
def incident_create(
    *,
    actor: User,
    data: IncidentInput,
    is_demo: bool = False,
    referral: "Referral | None" = None,
    only: Collection[str] | None = None,
) -> Incident:
    """The CSPRG logs an incident as a draft. Its notification clock starts at once: due 5 working days
    after the date the authority became aware. `only` names the fields of the first question page when
    the draft is begun there (the dates); the rest of it, 1 to 4 children included, is checked before it
    can be sent for agreement. Made from an agency's `referral`, the referral records that it became
    this draft, in the same transaction."""
    permissions.can_create_incident.require(actor)
    incident = Incident(created_by=actor, status=Incident.Status.DRAFT, is_demo=is_demo)
    children = _build(incident, data)
    validate_incident(incident, children, only=only)
    incident.notification_due_on = deadlines.notification_due(incident.aware_on)
    incident.reference = _next_reference(timezone.localdate().year)
    incident.save()
    _save_children(incident, children)
    incident.authors.add(actor)
    if data.agencies_involved is not None:
        incident.agencies_involved.set(data.agencies_involved)
    record(actor=actor, action="notifications.incident.create", target=incident, after=_picture(incident))
    if referral is not None:
        from notifications.referrals import referral_make_draft

        referral_make_draft(referral=referral, incident=incident, actor=actor)
    return incident


@transaction.atomic
def incident_update_draft(
    *, incident: Incident, actor: User, version: int, data: IncidentInput, only: Collection[str] | None = None
) -> Incident:
    """The CSPRG changes a draft. `version` is the one the edit started from: if someone else saved in
    between, nothing is saved and EditConflict says so (no silent overwrite). `only` names the fields of
    the one part being saved from a question page: only their messages stop the save (the rest wait
    for the check before agreement; see validation.validate_incident)."""
    incident = _locked(incident)
    permissions.can_view_incident.require(actor, incident)
    permissions.can_edit_incident.require(actor, incident)
    if incident.version != version:
        raise EditConflict(EditConflict.message)
    before = _picture(incident)
    children = _build(incident, data)
    validate_incident(incident, children, only=only)
    incident.notification_due_on = deadlines.notification_due(incident.aware_on)
    incident.version += 1
    incident.save()
    _save_children(incident, children)
    incident.authors.add(actor)
    if data.agencies_involved is not None:
        incident.agencies_involved.set(data.agencies_involved)
    record(
        actor=actor,
        action="notifications.incident.update",
        target=incident,
        before=before,
        after=_picture(incident),
    )
    return incident


def _save_status_change(incident: Incident, actor: User, action: str, before: dict[str, Any], **detail: Any) -> None:
    """Save a changed incident under its next version (so an edit made from an older copy conflicts) and
    record the change in the audit trail."""
    incident.version += 1
    incident.save()
    _status_change(incident, actor, action, before, **detail)


def _status_change(incident: Incident, actor: User, action: str, before: dict[str, Any], **detail: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=incident,
        before=before,
        after=snapshot(incident),
        detail=detail or None,
    )


def jurisdiction_problem(incident: Incident, children: list[Child] | None = None) -> str:
    """Why this incident cannot be notified by this partnership, or "": it is for another authority,
    which the message names, with the way to conclude it here."""
    authority = criteria.responsible_elsewhere(
        incident, children if children is not None else list(incident.children.all())
    )
    if not authority:
        return ""
    where = incident.area.name if incident.area_id and incident.area else "outside the partnership's area"
    return (
        f"This incident is for {authority} to notify, not this partnership: it happened in {where}, outside "
        f"the partnership's area. Conclude it as referred to {authority} instead."
    )


def _refuse_outside_jurisdiction(incident: Incident, key: str = "outcome_recommended") -> None:
    if incident.outcome_recommended == Incident.Outcome.NOTIFIABLE:
        problem = jurisdiction_problem(incident)
        if problem:
            raise ValidationError({key: [problem]})


def _deciders() -> list[User]:
    return list(User.objects.filter(groups__name__in=[Role.QA_CHAIR, Role.PARTNER_REP], is_active=True).distinct())


def _message(recipients: list[User], subject: str, body: str, incident: Incident) -> None:
    # Messages name the reference only: emails never carry a child's details.
    from dcfp.alerts.services import notify

    notify(recipients=recipients, subject=subject, body=body, link=f"/notifications/{incident.pk}/")


@transaction.atomic
def incident_submit_for_agreement(*, incident: Incident, actor: User) -> Incident:
    """The CSPRG sends a complete draft, with its proposed outcome, to the QA chair and the partner
    representatives. A new round of agreement opens: earlier decisions no longer count."""
    incident = _locked(incident)
    permissions.can_submit_incident.require(actor, incident)
    before = snapshot(incident)
    if not incident.outcome_recommended:
        raise ValidationError({"outcome_recommended": "Select the outcome you propose before asking for agreement"})
    validate_incident(incident, list(incident.children.all()))
    _refuse_outside_jurisdiction(incident)
    _move(incident, Incident.Status.AWAITING_AGREEMENT)
    incident.agreement_round += 1
    _save_status_change(incident, actor, "notifications.incident.submit", before)
    incident.authors.add(actor)
    authors = set(incident.authors.values_list("pk", flat=True))
    _message(
        [p for p in _deciders() if p.pk not in authors],
        f"Notification {incident.reference} awaits your agreement",
        f"Serious incident {incident.reference} has been submitted for agreement "
        f"(proposed outcome: {incident.get_outcome_recommended_display().lower()}). "
        f"It is due {incident.notification_due_on:%-d %B %Y}.",
        incident,
    )
    return incident


def _decide(incident: Incident, actor: User, decision: str, reason: str) -> Agreement:
    decided = list(incident.agreements.filter(round=incident.agreement_round))
    capacity, why_not = permissions.agreement_capacity(actor, incident, decided)
    if capacity is None:
        raise PermissionDenied(why_not)
    return Agreement.objects.create(
        incident=incident,
        round=incident.agreement_round,
        person=actor,
        organisation=actor.organisation,
        capacity=capacity,
        decision=decision,
        proposed_outcome=incident.outcome_recommended,
        reason=reason.strip(),
    )


@transaction.atomic
def incident_agree(*, incident: Incident, actor: User, reason: str = "") -> Incident:
    """The QA chair or a partner representative agrees the proposed outcome. When both have agreed in
    this round the incident is agreed and copied to every Executive member, whatever the outcome."""
    incident = _locked(incident)
    permissions.can_view_incident.require(actor, incident)
    _refuse_outside_jurisdiction(incident, "reason")
    before = snapshot(incident)
    agreement = _decide(incident, actor, Agreement.Decision.AGREE, reason)
    capacities = set(
        incident.agreements.filter(round=incident.agreement_round, decision=Agreement.Decision.AGREE).values_list(
            "capacity", flat=True
        )
    )
    if capacities == set(Agreement.Capacity.values):
        _move(incident, Incident.Status.AGREED)
        incident.agreed_at = timezone.now()
        incident.version += 1
        incident.save()
    _status_change(incident, actor, "notifications.incident.agree", before, capacity=agreement.capacity, reason=reason)
    if incident.status == Incident.Status.AGREED:
        executive_copy_all(incident=incident)
        _message(
            [incident.created_by],
            f"Notification {incident.reference} is agreed",
            f"Serious incident {incident.reference} is agreed as "
            f"{incident.get_outcome_recommended_display().lower()}. Record the outcome.",
            incident,
        )
    return incident


@transaction.atomic
def incident_disagree(*, incident: Incident, actor: User, reason: str) -> Incident:
    """The QA chair or a partner representative does not agree: the incident goes back to draft with the
    reason, and the CSPRG is told."""
    incident = _locked(incident)
    permissions.can_view_incident.require(actor, incident)
    if not reason.strip():
        raise ValidationError({"reason": "Explain why you do not agree"})
    before = snapshot(incident)
    agreement = _decide(incident, actor, Agreement.Decision.DISAGREE, reason)
    _move(incident, Incident.Status.DRAFT)
    incident.returned_reason = reason.strip()
    _save_status_change(
        incident, actor, "notifications.incident.disagree", before, capacity=agreement.capacity, reason=reason
    )
    _message(
        [incident.created_by],
        f"Notification {incident.reference} returned to draft",
        f"Serious incident {incident.reference} was not agreed and is back in draft. Read the reason in the service.",
        incident,
    )
    return incident


def _agreed_outcome(incident: Incident) -> str:
    outcomes = set(
        incident.agreements.filter(round=incident.agreement_round, decision=Agreement.Decision.AGREE).values_list(
            "proposed_outcome", flat=True
        )
    )
    return outcomes.pop() if len(outcomes) == 1 else ""


def submission_time_problem(incident: Incident, submitted_at: datetime) -> str:
    """Why a submission time cannot be right, or "": it is not in the future, and not before the
    agreement that allowed the submission (compared to the minute, as people enter it)."""
    if submitted_at > timezone.now():
        return "The time it was submitted must be now or in the past, not in the future"
    agreed_at = incident.agreed_at
    if agreed_at is not None and submitted_at < agreed_at.replace(second=0, microsecond=0):
        when = timezone.localtime(agreed_at)
        return (
            f"The time it was submitted must be after the agreement, at {when:%H:%M} on {when:%-d %B %Y}: "
            "it cannot have been submitted before it was agreed"
        )
    if timezone.localdate(submitted_at) < incident.aware_on:
        return "The submission date must be on or after the date the authority became aware"
    return ""


@transaction.atomic
def incident_record_notified(
    *, incident: Incident, actor: User, national_reference: str, submitted_at: datetime
) -> Incident:
    """The CSPRG records that an incident agreed as notifiable was submitted to the national
    notification system, with the reference received. The clock is met on the submission date."""
    incident = _locked(incident)
    permissions.can_record_outcome.require(actor, incident)
    if _agreed_outcome(incident) != Incident.Outcome.NOTIFIABLE:
        raise InvalidTransition("This incident was agreed as not notifiable: conclude it instead.")
    if problem := jurisdiction_problem(incident):
        raise InvalidTransition(problem)
    errors = {}
    if not national_reference.strip():
        errors["national_reference"] = ["Enter the reference the national notification system gave"]
    if submitted_at is None:
        errors["submitted_at"] = ["Enter when it was submitted"]
    else:
        problem = submission_time_problem(incident, submitted_at)
        if problem:
            errors["submitted_at"] = [problem]
    if errors:
        raise ValidationError(errors)
    before = snapshot(incident)
    _move(incident, Incident.Status.NOTIFIED)
    incident.national_reference = national_reference.strip()
    incident.submitted_at = submitted_at
    incident.concluded_at = timezone.now()
    _save_status_change(incident, actor, "notifications.incident.notified", before)
    return incident


@transaction.atomic
def incident_conclude_not_notifiable(*, incident: Incident, actor: User, rationale: str = "") -> Incident:
    """The CSPRG concludes an incident agreed as not notifiable. The rationale is the one both people
    agreed; a further note may be added, never a different outcome."""
    incident = _locked(incident)
    permissions.can_record_outcome.require(actor, incident)
    if _agreed_outcome(incident) != Incident.Outcome.NOT_NOTIFIABLE:
        raise InvalidTransition("This incident was agreed as notifiable: record it as notified instead.")
    before = snapshot(incident)
    _move(incident, Incident.Status.NOT_NOTIFIABLE)
    if rationale.strip() and rationale.strip() not in incident.not_notifiable_rationale:
        incident.not_notifiable_rationale = (
            f"{incident.not_notifiable_rationale}\n\nNote on conclusion: {rationale.strip()}"
        )
    incident.concluded_at = timezone.now()
    _save_status_change(incident, actor, "notifications.incident.not_notifiable", before)
    return incident


@transaction.atomic
def incident_withdraw(*, incident: Incident, actor: User, reason: str) -> Incident:
    """The CSPRG withdraws an incident logged in error or found to be for another authority. The clock
    stops; the reason is kept. One that was ever sent for agreement is copied to the Executive."""
    incident = _locked(incident)
    permissions.can_withdraw_incident.require(actor, incident)
    if not reason.strip():
        raise ValidationError({"reason": "Explain why the incident is withdrawn"})
    before = snapshot(incident)
    _move(incident, Incident.Status.WITHDRAWN)
    incident.withdrawn_reason = reason.strip()
    _save_status_change(incident, actor, "notifications.incident.withdraw", before)
    if incident.agreement_round > 0:
        # Sent for agreement at least once: the Executive receives every notification whatever its end.
        executive_copy_all(incident=incident)
    return incident


@transaction.atomic
def incident_refer(*, incident: Incident, actor: User, note: str = "") -> Incident:
    """The CSPRG concludes an open incident as referred to the authority responsible for notifying it,
    when it is not this partnership's (it happened outside the partnership's area). The authority is
    the one the criteria name; the clock stops; the conclusion is audited and copied to the Executive."""
    incident = _locked(incident)
    permissions.can_view_incident.require(actor, incident)
    permissions.can_refer_incident.require(actor, incident)
    authority = criteria.responsible_elsewhere(incident, list(incident.children.all()))
    if not authority:
        raise InvalidTransition(NOT_REFERABLE)
    before = snapshot(incident)
    _move(incident, Incident.Status.REFERRED)
    incident.referred_to = authority
    incident.referred_note = note.strip()
    incident.concluded_at = timezone.now()
    _save_status_change(incident, actor, "notifications.incident.referred", before, authority=authority)
    executive_copy_all(incident=incident)
    return incident

"""The Case Resolution Protocol: raising a disagreement, responding, escalating stage by stage and
resolving it. Each stage has its own working-day clock (`stage_due_on`), set when the stage starts."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dcfp import deadlines
from dcfp import permissions as perms
from dcfp.alerts.services import notify
from dcfp.audit.services import record
from dcfp.models import Organisation, User
from dcfp.roles import Role, has_role
from thresholds import permissions
from thresholds.models import Disagreement, Note, Party, StageRecord, ThresholdDecision
from thresholds.services._common import InvalidTransition, next_reference

_REFERENCE_LOCK = 727_132


def stage_working_days() -> dict[int, int]:
    """Working days allowed at stages 1 to 4, as this partnership configured them
    (DCFP_DISAGREEMENT_STAGE_DAYS; defaults 2, 5, 5 and 10)."""
    days = list(getattr(settings, "DCFP_DISAGREEMENT_STAGE_DAYS", [2, 5, 5, 10]))
    if len(days) != 4 or any(d < 1 for d in days):
        raise ImproperlyConfigured("DCFP_DISAGREEMENT_STAGE_DAYS needs four positive numbers of working days.")
    return dict(enumerate(days, start=1))


def _stage_due(started_on: date, stage: int) -> date:
    return deadlines.disagreement_stage_due(started_on, stage, stage_working_days=stage_working_days())


@dataclass
class DisagreementInput:
    """The one short form: with whom, about what, and who is named."""

    disagreement_with: str
    type: str
    summary: str
    organisation: Organisation | None = None  # the other agency (own organisation otherwise)
    people: Sequence[User] = field(default_factory=list)  # named people of that organisation (optional)
    decision_reference: str = ""


def _note(disagreement: Disagreement, actor: User, kind: str, text: str) -> Note:
    return Note.objects.create(
        disagreement=disagreement,
        author=actor,
        organisation=actor.organisation,
        stage=disagreement.stage,
        kind=kind,
        text=text,
    )


def _name(disagreement: Disagreement, person: User, side: str) -> None:
    if not disagreement.parties.filter(person=person).exists():
        Party.objects.create(
            disagreement=disagreement,
            organisation=person.organisation,
            person=person,
            side=side,
            added_at_stage=disagreement.stage,
        )
    perms.grant("view", person, disagreement)


@transaction.atomic
def disagreement_raise(*, actor: User, data: DisagreementInput, is_demo: bool = False) -> Disagreement:
    """Anyone in casework raises a disagreement at stage 1, about another agency (optionally a named
    person there and one of its threshold decisions) or with their own manager or employing body. Never
    blocked by anything else open. The stage 1 clock starts the day it is raised; the named people see it
    at once, and so do the leads of every organisation named."""
    permissions.can_raise_disagreement.require(actor)
    errors: dict[str, str] = {}
    if data.disagreement_with not in Disagreement.With.values:
        errors["disagreement_with"] = "Choose who you disagree with"
    if data.type not in Disagreement.Type.values:
        errors["type"] = "Choose what the disagreement is about"
    if not data.summary.strip():
        errors["summary"] = "Say what you disagree about and what you think should happen"
    other = data.disagreement_with == Disagreement.With.OTHER_AGENCY
    if other and data.organisation is None:
        errors["organisation"] = "Choose the agency you disagree with"
    elif other and data.organisation is not None and data.organisation.pk == actor.organisation_id:
        errors["organisation"] = "Choose another agency, or say the disagreement is with your own manager or employer"
    respondent = data.organisation if other else actor.organisation
    if respondent is not None and any(p.organisation_id != respondent.pk or p.pk == actor.pk for p in data.people):
        errors["people"] = "Name people of the organisation you disagree with (not yourself)"
    decision = None
    if data.decision_reference.strip() and respondent is not None:
        decision = ThresholdDecision.objects.filter(
            reference=data.decision_reference.strip().upper(), organisation=respondent
        ).first()
        if decision is None:
            errors["decision_reference"] = "No threshold decision of that agency has this reference"
    if errors:
        raise ValidationError(errors)
    assert respondent is not None
    today = timezone.localdate()
    disagreement = Disagreement.objects.create(
        reference=next_reference(Disagreement, f"CRP-{today.year}-", _REFERENCE_LOCK, 4),
        raised_by=actor,
        raised_on=today,
        disagreement_with=data.disagreement_with,
        type=data.type,
        summary=data.summary.strip(),
        decision=decision,
        stage=Disagreement.Stage.PRACTITIONERS,
        stage_started_on=today,
        stage_due_on=_stage_due(today, 1),
        is_demo=is_demo,
    )
    _name(disagreement, actor, Party.Side.RAISING)
    Party.objects.create(disagreement=disagreement, organisation=respondent, side=Party.Side.RESPONDING)
    for person in data.people:
        _name(disagreement, person, Party.Side.RESPONDING)
    StageRecord.objects.create(disagreement=disagreement, stage=1, started_on=today, due_on=disagreement.stage_due_on)
    _note(disagreement, actor, Note.Kind.RAISED, disagreement.summary)
    record(
        actor=actor,
        action="thresholds.disagreement.raise",
        target=disagreement,
        after={
            "type": disagreement.type,
            "with": disagreement.disagreement_with,
            "organisation": respondent.pk,
            "people": sorted(p.pk for p in data.people),
            "decision": decision.pk if decision else None,
            "stage_due_on": disagreement.stage_due_on,
        },
    )
    return disagreement


def _locked(disagreement: Disagreement) -> Disagreement:
    return Disagreement.objects.select_for_update().get(pk=disagreement.pk)


@transaction.atomic
def disagreement_respond(*, disagreement: Disagreement, actor: User, text: str) -> Disagreement:
    """Anyone part of an open disagreement adds a response at its current stage (the clock keeps running)."""
    disagreement = _locked(disagreement)
    permissions.can_respond_to_disagreement.require(actor, disagreement)
    if not text.strip():
        raise ValidationError({"text": "Enter your response"})
    _note(disagreement, actor, Note.Kind.RESPONSE, text.strip())
    record(
        actor=actor, action="thresholds.disagreement.respond", target=disagreement, detail={"stage": disagreement.stage}
    )
    return disagreement


def _link(disagreement: Disagreement) -> str:
    return reverse("thresholds:disagreement_detail", args=[disagreement.pk])


@transaction.atomic
def disagreement_party_add(
    *, disagreement: Disagreement, actor: User, organisation: Organisation | None = None, person: User | None = None
) -> Party:
    """Anyone part of an open disagreement names another organisation, or a person in casework (with
    their organisation), after it was raised. The new party sees it at once: a person through their
    own permission, an organisation through its agency leads. They are told by message and email (the
    person, or the organisation's agency leads); the clock is not changed."""
    disagreement = _locked(disagreement)
    permissions.can_add_party_to_disagreement.require(actor, disagreement)
    parties = list(disagreement.parties.all())
    if person is None and organisation is None:
        raise ValidationError({"organisation": "Choose an organisation or a person to name"})
    if person is not None:
        if organisation is not None and organisation.pk != person.organisation_id:
            raise ValidationError({"person": "Choose a person of that organisation, or leave the organisation out"})
        if not (person.is_active and has_role(person, Role.PRACTITIONER, Role.AGENCY_LEAD)):
            raise ValidationError({"person": "Choose a practitioner or agency lead"})
        if any(p.person_id == person.pk for p in parties):
            raise ValidationError({"person": "This person is already part of the disagreement"})
        organisation = person.organisation
    elif any(p.organisation_id == organisation.pk and p.person_id is None for p in parties):  # type: ignore[union-attr]
        raise ValidationError({"organisation": "This organisation is already part of the disagreement"})
    assert organisation is not None
    side = Party.Side.RAISING if organisation.pk == disagreement.raised_by.organisation_id else Party.Side.RESPONDING
    party = Party.objects.create(
        disagreement=disagreement,
        organisation=organisation,
        person=person,
        side=side,
        added_at_stage=disagreement.stage,
    )
    if person is not None:
        perms.grant("view", person, disagreement)
        told = [person]
    else:
        told = list(User.objects.filter(is_active=True, groups__name=Role.AGENCY_LEAD, organisation=organisation))
    record(
        actor=actor,
        action="thresholds.disagreement.party_add",
        target=disagreement,
        after={"organisation": organisation.pk, "person": person.pk if person else None, "side": side},
    )
    notify(
        recipients=told,
        subject=f"You are named in case disagreement {disagreement.reference}",
        body=(
            f"{actor.full_name} ({actor.organisation.name}) named "
            f"{'you' if person is not None else organisation.name} in case disagreement {disagreement.reference}, "
            f"now at {disagreement.get_stage_display().lower()}, due on {disagreement.stage_due_on:%-d %B %Y}."
        ),
        link=_link(disagreement),
    )
    return party


@transaction.atomic
def disagreement_escalate(
    *, disagreement: Disagreement, actor: User, reason: str, people: Sequence[User] = ()
) -> Disagreement:
    """Anyone part of an open disagreement moves it to the next stage, naming the managers who now take
    part if they wish. The stage ends and the next stage's clock starts today. At stage 4 the QA chair
    sees it."""
    disagreement = _locked(disagreement)
    permissions.can_escalate_disagreement.require(actor, disagreement)
    if not disagreement.is_open or disagreement.stage >= Disagreement.Stage.PARTNERSHIP:
        raise InvalidTransition("This disagreement cannot be escalated further.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why it needs to go to the next stage"})
    today = timezone.localdate()
    before = {"stage": disagreement.stage, "stage_due_on": disagreement.stage_due_on}
    StageRecord.objects.filter(disagreement=disagreement, stage=disagreement.stage).update(
        ended_on=today, ended_by="escalated"
    )
    _note(disagreement, actor, Note.Kind.ESCALATION, reason.strip())
    disagreement.stage += 1
    disagreement.stage_started_on = today
    disagreement.stage_due_on = _stage_due(today, disagreement.stage)
    disagreement.version += 1
    disagreement.save(update_fields=["stage", "stage_started_on", "stage_due_on", "version"])
    StageRecord.objects.create(
        disagreement=disagreement, stage=disagreement.stage, started_on=today, due_on=disagreement.stage_due_on
    )
    for person in people:
        _name(
            disagreement,
            person,
            Party.Side.RAISING if person.organisation_id == actor.organisation_id else Party.Side.RESPONDING,
        )
    record(
        actor=actor,
        action="thresholds.disagreement.escalate",
        target=disagreement,
        before=before,
        after={
            "stage": disagreement.stage,
            "stage_due_on": disagreement.stage_due_on,
            "people": sorted(p.pk for p in people),
        },
    )
    return disagreement


@transaction.atomic
def disagreement_resolve(*, disagreement: Disagreement, actor: User, outcome: str, learning: str = "") -> Disagreement:
    """Anyone part of an open disagreement records how it was resolved and what was learnt. The stage
    clock stops, met on the day of resolution."""
    disagreement = _locked(disagreement)
    permissions.can_resolve_disagreement.require(actor, disagreement)
    if not disagreement.can_move_to(Disagreement.Status.RESOLVED):
        raise InvalidTransition("This disagreement is already resolved.")
    if not outcome.strip():
        raise ValidationError({"outcome": "Say how the disagreement was resolved"})
    today = timezone.localdate()
    disagreement.status = Disagreement.Status.RESOLVED
    disagreement.resolved_on = today
    disagreement.outcome = outcome.strip()
    disagreement.learning = learning.strip()
    disagreement.version += 1
    disagreement.save(update_fields=["status", "resolved_on", "outcome", "learning", "version"])
    StageRecord.objects.filter(disagreement=disagreement, stage=disagreement.stage).update(
        ended_on=today, ended_by="resolved"
    )
    _note(disagreement, actor, Note.Kind.RESOLUTION, disagreement.outcome)
    record(
        actor=actor,
        action="thresholds.disagreement.resolve",
        target=disagreement,
        after={"status": disagreement.status, "stage": disagreement.stage, "resolved_on": today},
    )
    return disagreement

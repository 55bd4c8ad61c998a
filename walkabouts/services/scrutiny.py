"""The annual scrutiny programme: set every April by the QA Group, endorsed by the Executive. Each
programme carries the clock for the next one (to be set by 1 April; the QA chair is reminded in March)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp.audit.services import record, snapshot
from walkabouts import permissions
from walkabouts.models import ScrutinyItem, ScrutinyProgramme


def next_programme_due(year: int) -> date:
    """The programme for April `year` to March `year + 1` is followed by the next, set by 1 April `year + 1`."""
    return date(year + 1, 4, 1)


@transaction.atomic
def scrutiny_programme_create(*, actor, year: int) -> ScrutinyProgramme:
    """The QA Group drafts the programme for April `year` to March `year + 1`. Drafting it meets the
    previous programme's clock."""
    permissions.can_draft_scrutiny.require(actor)
    if ScrutinyProgramme.objects.filter(year=year).exists():
        raise ValidationError({"year": f"There is already a scrutiny programme for {year}-{(year + 1) % 100:02d}"})
    programme = ScrutinyProgramme.objects.create(year=year, next_due_on=next_programme_due(year), created_by=actor)
    previous = ScrutinyProgramme.objects.select_for_update().filter(year=year - 1, next_set=False).first()
    if previous is not None:
        previous.next_set = True
        previous.save(update_fields=["next_set"])
    record(actor=actor, action="walkabouts.scrutiny_programme.create", target=programme, after=snapshot(programme))
    return programme


def _locked(programme: ScrutinyProgramme) -> ScrutinyProgramme:
    return ScrutinyProgramme.objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def scrutiny_item_add(
    *, programme: ScrutinyProgramme, actor, title: str, method: str, owner: str, timing: str
) -> ScrutinyItem:
    """An item of a draft programme: what is scrutinised, by which method, who owns it and when."""
    programme = _locked(programme)
    permissions.can_edit_programme.require(actor, programme)
    errors = {}
    for name, value, message in (
        ("title", title, "Enter what will be scrutinised"),
        ("owner", owner, "Enter who owns it"),
        ("timing", timing, "Enter when it will happen"),
    ):
        if not value.strip():
            errors[name] = message
    if method not in ScrutinyItem.Method.values:
        errors["method"] = "Select the method"
    if errors:
        raise ValidationError(errors)
    item = ScrutinyItem.objects.create(
        programme=programme, title=title.strip(), method=method, owner=owner.strip(), timing=timing.strip()
    )
    record(actor=actor, action="walkabouts.scrutiny_item.add", target=programme, after=snapshot(item))
    return item


@transaction.atomic
def scrutiny_programme_endorse(*, programme: ScrutinyProgramme, actor) -> ScrutinyProgramme:
    """An Executive member endorses a draft programme with at least one item; who and when are kept."""
    programme = _locked(programme)
    permissions.can_endorse_programme.require(actor, programme)
    if not programme.items.exists():
        raise ValidationError("Add at least one item before the programme is endorsed.")
    before = snapshot(programme)
    programme.status = ScrutinyProgramme.Status.ENDORSED
    programme.endorsed_by = actor
    programme.endorsed_at = timezone.now()
    programme.save()
    record(
        actor=actor,
        action="walkabouts.scrutiny_programme.endorse",
        target=programme,
        before=before,
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def scrutiny_item_record_outcome(
    *, item: ScrutinyItem, actor, findings: str, learning: str, dissemination: str
) -> ScrutinyItem:
    """After the work: its findings, the learning, and how the lessons were spread."""
    item = ScrutinyItem.objects.select_for_update().select_related("programme").get(pk=item.pk)
    permissions.can_record_item_outcome.require(actor, item.programme)
    if not findings.strip():
        raise ValidationError({"findings": "Enter the findings"})
    before = snapshot(item)
    item.findings, item.learning, item.dissemination = findings.strip(), learning.strip(), dissemination.strip()
    item.save()
    record(
        actor=actor,
        action="walkabouts.scrutiny_item.outcome",
        target=item.programme,
        before=before,
        after=snapshot(item),
    )
    return item

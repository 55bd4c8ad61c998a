"""The levels-of-need tool: versions are drafted, published (made current) and retired. Changing a
draft's content is thresholds/services/drafts.py."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from dcfp.audit.services import record
from dcfp.models import User
from thresholds import permissions
from thresholds.models import Domain, Indicator, Strength, ToolVersion


@dataclass
class IndicatorInput:
    level: int
    wording: str
    plain_wording: str
    contextual_safeguarding: bool = False


@dataclass
class DomainInput:
    name: str
    description: str = ""
    indicators: list[IndicatorInput] = field(default_factory=list)


@dataclass
class ToolInput:
    name: str
    version: str
    introduction: str = ""
    domains: list[DomainInput] = field(default_factory=list)
    strengths: list[tuple[str, str]] = field(default_factory=list)  # (wording, plain wording)
    is_illustrative: bool = False
    level_meanings: dict[int, str] = field(default_factory=dict)  # level -> its meaning (standard if missing)


@transaction.atomic
def tool_version_create(*, actor: User, data: ToolInput) -> ToolVersion:
    """The QA Group drafts a new version of the tool, with its domains, indicators and strengths.
    A draft is used by nobody until it is published."""
    permissions.can_maintain_tool.require(actor)
    if ToolVersion.objects.filter(version=data.version).exists():
        raise ValidationError({"version": "A version with this number already exists"})
    version = ToolVersion.objects.create(
        name=data.name,
        version=data.version,
        introduction=data.introduction,
        level_meanings={str(level): text for level, text in data.level_meanings.items() if text.strip()},
        is_illustrative=data.is_illustrative,
        created_by=actor,
    )
    create_content(version, data)
    record(actor=actor, action="thresholds.tool.create", target=version, after={"version": data.version})
    return version


def create_content(version: ToolVersion, data: ToolInput) -> None:
    """A version's domains with their indicators, and its strengths (a few queries per domain)."""
    for position, domain_data in enumerate(data.domains, start=1):
        domain = Domain.objects.create(
            version=version, position=position, name=domain_data.name, description=domain_data.description
        )
        Indicator.objects.bulk_create(
            Indicator(
                domain=domain,
                level=i.level,
                wording=i.wording,
                plain_wording=i.plain_wording,
                contextual_safeguarding=i.contextual_safeguarding,
            )
            for i in domain_data.indicators
        )
    Strength.objects.bulk_create(Strength(version=version, wording=w, plain_wording=p) for w, p in data.strengths)


def copy_input(version: ToolVersion, *, new_version: str) -> ToolInput:
    """A new draft's content, copied from an existing version (the usual way to start a rewrite)."""
    domains = [
        DomainInput(
            name=d.name,
            description=d.description,
            indicators=[
                IndicatorInput(i.level, i.wording, i.plain_wording, i.contextual_safeguarding)
                for i in d.indicators.all()
            ],
        )
        for d in version.domains.prefetch_related("indicators")
    ]
    return ToolInput(
        name=version.name,
        version=new_version,
        introduction=version.introduction,
        domains=domains,
        strengths=[(s.wording, s.plain_wording) for s in version.strengths.all()],
        is_illustrative=version.is_illustrative,
        level_meanings={int(level): text for level, text in version.level_meanings.items()},
    )


@transaction.atomic
def tool_version_publish(*, version: ToolVersion, actor: User, effective_from: date) -> ToolVersion:
    """The QA Group makes a draft the current tool from `effective_from`; the version current until then
    retires, its last day the day before. Decisions keep the version they were made with."""
    version = ToolVersion.objects.select_for_update().get(pk=version.pk)
    permissions.can_publish_tool_version.require(actor, version)
    if not Domain.objects.filter(version=version, indicators__isnull=False).exists():
        raise ValidationError("A version needs at least one indicator before it is published.")
    current = ToolVersion.objects.select_for_update().filter(status=ToolVersion.Status.CURRENT).first()
    if current is not None:
        if current.effective_from and effective_from <= current.effective_from:
            raise ValidationError({"effective_from": "The date must be after the current version took effect"})
        current.status = ToolVersion.Status.RETIRED
        current.effective_to = effective_from - timedelta(days=1)
        current.save(update_fields=["status", "effective_to"])
        record(
            actor=actor, action="thresholds.tool.retire", target=current, after={"effective_to": current.effective_to}
        )
    version.status = ToolVersion.Status.CURRENT
    version.effective_from = effective_from
    version.save(update_fields=["status", "effective_from"])
    record(actor=actor, action="thresholds.tool.publish", target=version, after={"effective_from": effective_from})
    return version


@transaction.atomic
def tool_version_retire(*, version: ToolVersion, actor: User, last_day: date) -> ToolVersion:
    """The QA Group retires the current version without a successor (no new decisions until one is
    published)."""
    version = ToolVersion.objects.select_for_update().get(pk=version.pk)
    permissions.can_retire_tool_version.require(actor, version)
    version.status = ToolVersion.Status.RETIRED
    version.effective_to = last_day
    version.save(update_fields=["status", "effective_to"])
    record(actor=actor, action="thresholds.tool.retire", target=version, after={"effective_to": last_day})
    return version

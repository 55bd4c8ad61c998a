"""Changing a draft version of the levels-of-need tool: its name, introduction and levels' wording, its
domains, indicators and strengths. Only a draft changes (thresholds.permissions.can_edit_tool_version):
a published version is used by decisions, which keep meaning what they meant. Each change locks the
version, so two people editing one draft are serialised, and is recorded in the audit trail."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dcfp.audit.services import record
from dcfp.models import User
from thresholds import permissions
from thresholds.models import Domain, Indicator, Level, Strength, ToolVersion
from thresholds.services.tool import IndicatorInput, ToolInput, create_content


def _draft(version_id: int, actor: User) -> ToolVersion:
    version = ToolVersion.objects.select_for_update().get(pk=version_id)
    permissions.can_edit_tool_version.require(actor, version)
    return version


def _audit(actor: User, version: ToolVersion, action: str, **after: Any) -> None:
    record(actor=actor, action=f"thresholds.tool.{action}", target=version, after=after)


def _required(errors: dict[str, str], **texts: str) -> None:
    for name, text in texts.items():
        if not text.strip():
            errors[name] = "Enter the wording" if "wording" in name else f"Enter the {name.replace('_', ' ')}"


def _indicator_errors(data: IndicatorInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.level not in Level.values:
        errors["level"] = "Choose a level from 1 to 4"
    if not data.wording.strip() or not data.plain_wording.strip():
        errors["wording"] = "Enter the wording for practitioners and for families"
    return errors


@transaction.atomic
def tool_version_update(
    *, version: ToolVersion, actor: User, name: str, introduction: str, level_meanings: dict[int, str]
) -> ToolVersion:
    """The QA Group rewords a draft: its name, its introduction for families and what each level means
    (a level left blank keeps the standard wording)."""
    version = _draft(version.pk, actor)
    if not name.strip():
        raise ValidationError({"name": "Enter the name of the tool"})
    before = {"name": version.name, "introduction": version.introduction, "level_meanings": version.level_meanings}
    version.name = name.strip()
    version.introduction = introduction.strip()
    version.level_meanings = {
        str(level): text.strip() for level, text in level_meanings.items() if level in Level.values and text.strip()
    }
    version.save(update_fields=["name", "introduction", "level_meanings"])
    record(
        actor=actor,
        action="thresholds.tool.update",
        target=version,
        before=before,
        after={"name": version.name, "introduction": version.introduction, "level_meanings": version.level_meanings},
    )
    return version


@transaction.atomic
def tool_domain_add(*, version: ToolVersion, actor: User, name: str, description: str = "") -> Domain:
    """The QA Group adds a domain to a draft, after its others."""
    version = _draft(version.pk, actor)
    if not name.strip():
        raise ValidationError({"name": "Enter the name of the domain"})
    last = version.domains.order_by("-position").values_list("position", flat=True).first() or 0
    domain = Domain.objects.create(
        version=version, position=last + 1, name=name.strip(), description=description.strip()
    )
    _audit(actor, version, "domain_add", domain=domain.pk, name=domain.name)
    return domain


@transaction.atomic
def tool_domain_update(*, domain: Domain, actor: User, name: str, description: str = "") -> Domain:
    """The QA Group renames or redescribes a draft's domain."""
    version = _draft(domain.version_id, actor)
    if not name.strip():
        raise ValidationError({"name": "Enter the name of the domain"})
    before = {"name": domain.name, "description": domain.description}
    domain.name, domain.description = name.strip(), description.strip()
    domain.save(update_fields=["name", "description"])
    record(
        actor=actor,
        action="thresholds.tool.domain_update",
        target=version,
        before={"domain": domain.pk, **before},
        after={"domain": domain.pk, "name": domain.name, "description": domain.description},
    )
    return domain


@transaction.atomic
def tool_domain_remove(*, domain: Domain, actor: User) -> None:
    """The QA Group removes a draft's domain with its indicators."""
    version = _draft(domain.version_id, actor)
    _audit(actor, version, "domain_remove", domain=domain.pk, name=domain.name)
    domain.delete()


@transaction.atomic
def tool_indicator_add(*, version: ToolVersion, actor: User, domain: Domain, data: IndicatorInput) -> Indicator:
    """The QA Group adds an indicator (level, wording for practitioners and for families, and whether it
    is harm outside the family) to one of a draft's domains."""
    version = _draft(version.pk, actor)
    errors = _indicator_errors(data)
    if domain.version_id != version.pk:
        errors["domain"] = "Choose a domain of this version"
    if errors:
        raise ValidationError(errors)
    indicator = Indicator.objects.create(
        domain=domain,
        level=data.level,
        wording=data.wording.strip(),
        plain_wording=data.plain_wording.strip(),
        contextual_safeguarding=data.contextual_safeguarding,
    )
    _audit(actor, version, "indicator_add", indicator=indicator.pk, level=indicator.level, wording=indicator.wording)
    return indicator


@transaction.atomic
def tool_indicator_update(
    *, indicator: Indicator, actor: User, data: IndicatorInput, domain: Domain | None = None
) -> Indicator:
    """The QA Group changes a draft's indicator: its level, wording, flag, or the domain it is under."""
    version = _draft(indicator.domain.version_id, actor)
    errors = _indicator_errors(data)
    if domain is not None and domain.version_id != version.pk:
        errors["domain"] = "Choose a domain of this version"
    if errors:
        raise ValidationError(errors)
    before = {"level": indicator.level, "wording": indicator.wording, "plain_wording": indicator.plain_wording}
    indicator.domain = domain or indicator.domain
    indicator.level = data.level
    indicator.wording = data.wording.strip()
    indicator.plain_wording = data.plain_wording.strip()
    indicator.contextual_safeguarding = data.contextual_safeguarding
    indicator.save()
    record(
        actor=actor,
        action="thresholds.tool.indicator_update",
        target=version,
        before={"indicator": indicator.pk, **before},
        after={
            "indicator": indicator.pk,
            "domain": indicator.domain_id,
            "level": indicator.level,
            "wording": indicator.wording,
            "plain_wording": indicator.plain_wording,
            "contextual_safeguarding": indicator.contextual_safeguarding,
        },
    )
    return indicator


@transaction.atomic
def tool_indicator_remove(*, indicator: Indicator, actor: User) -> None:
    """The QA Group removes an indicator from a draft."""
    version = _draft(indicator.domain.version_id, actor)
    _audit(actor, version, "indicator_remove", indicator=indicator.pk, wording=indicator.wording)
    indicator.delete()


@transaction.atomic
def tool_strength_add(*, version: ToolVersion, actor: User, wording: str, plain_wording: str) -> Strength:
    """The QA Group adds a family strength to a draft, worded for practitioners and for families."""
    version = _draft(version.pk, actor)
    errors: dict[str, str] = {}
    _required(errors, wording=wording, plain_wording=plain_wording)
    if errors:
        raise ValidationError(errors)
    strength = Strength.objects.create(version=version, wording=wording.strip(), plain_wording=plain_wording.strip())
    _audit(actor, version, "strength_add", strength=strength.pk, wording=strength.wording)
    return strength


@transaction.atomic
def tool_strength_update(*, strength: Strength, actor: User, wording: str, plain_wording: str) -> Strength:
    """The QA Group rewords a draft's strength."""
    version = _draft(strength.version_id, actor)
    errors: dict[str, str] = {}
    _required(errors, wording=wording, plain_wording=plain_wording)
    if errors:
        raise ValidationError(errors)
    before = {"strength": strength.pk, "wording": strength.wording, "plain_wording": strength.plain_wording}
    strength.wording, strength.plain_wording = wording.strip(), plain_wording.strip()
    strength.save(update_fields=["wording", "plain_wording"])
    record(
        actor=actor,
        action="thresholds.tool.strength_update",
        target=version,
        before=before,
        after={"strength": strength.pk, "wording": strength.wording, "plain_wording": strength.plain_wording},
    )
    return strength


@transaction.atomic
def tool_strength_remove(*, strength: Strength, actor: User) -> None:
    """The QA Group removes a strength from a draft."""
    version = _draft(strength.version_id, actor)
    _audit(actor, version, "strength_remove", strength=strength.pk, wording=strength.wording)
    strength.delete()


@transaction.atomic
def tool_draft_replace(*, version: ToolVersion, actor: User, data: ToolInput) -> ToolVersion:
    """The QA Group replaces a draft's whole content at once (the API's PUT): name, introduction,
    levels' wording, domains with their indicators, and strengths. The version number stays."""
    version = _draft(version.pk, actor)
    errors: dict[str, Any] = {}
    if not data.name.strip():
        errors["name"] = "Enter the name of the tool"
    for n, domain in enumerate(data.domains, start=1):
        if not domain.name.strip():
            errors["domains"] = f"Enter the name of domain {n}"
        for indicator in domain.indicators:
            if found := _indicator_errors(indicator):
                errors["domains"] = f"Domain {n}: " + "; ".join(found.values())
    if any(not w.strip() or not p.strip() for w, p in data.strengths):
        errors["strengths"] = "Enter the wording of every strength for practitioners and for families"
    if errors:
        raise ValidationError(errors)
    version.domains.all().delete()
    version.strengths.all().delete()
    version.name = data.name.strip()
    version.introduction = data.introduction.strip()
    version.level_meanings = {str(level): text.strip() for level, text in data.level_meanings.items() if text.strip()}
    version.save(update_fields=["name", "introduction", "level_meanings"])
    create_content(version, data)
    _audit(
        actor,
        version,
        "replace",
        domains=len(data.domains),
        indicators=sum(len(d.indicators) for d in data.domains),
        strengths=len(data.strengths),
    )
    return version

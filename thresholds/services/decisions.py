"""Threshold decisions: the tool suggests a level from the indicators seen; the practitioner decides."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp import permissions as perms
from dcfp.audit.services import record, snapshot
from dcfp.models import LocalityPartnership, User
from thresholds import permissions, tallies
from thresholds.models import RESPONSE_FOR_LEVEL, Indicator, Level, Strength, ThresholdDecision, ToolVersion
from thresholds.services._common import next_reference

_REFERENCE_LOCK = 727_131
RATIONALE_NEEDED = "Explain why you chose a different level from the one the tool suggests"


@dataclass
class DecisionInput:
    """What the practitioner enters. Indicators and strengths are those of the current tool version."""

    decided_on: date
    local_identifier: str
    age_band: str
    sex: str
    ethnicity: str
    disability: str
    locality: LocalityPartnership
    level: int
    indicators: Sequence[Indicator] = field(default_factory=list)
    strengths: Sequence[Strength] = field(default_factory=list)
    rationale: str = ""
    lead_practitioner: str = ""


def suggest_level(indicators: Sequence[Indicator]) -> tuple[int, list[Indicator]]:
    """The level the tool suggests: the highest level among the indicators seen, with the indicators at
    that level as its reasons. With no indicator seen, Universal and no reasons."""
    if not indicators:
        return Level.UNIVERSAL, []
    highest = max(i.level for i in indicators)
    return highest, [i for i in indicators if i.level == highest]


def current_version() -> ToolVersion | None:
    return ToolVersion.objects.filter(status=ToolVersion.Status.CURRENT).first()


def _validate(data: DecisionInput, version: ToolVersion, suggested: int) -> None:
    errors: dict[str, str] = {}
    if any(i.domain.version_id != version.pk for i in data.indicators):
        errors["indicators"] = "Choose indicators from the current levels-of-need tool"
    if any(s.version_id != version.pk for s in data.strengths):
        errors["strengths"] = "Choose strengths from the current levels-of-need tool"
    if data.decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    if not data.local_identifier.strip():
        errors["local_identifier"] = "Enter your agency's reference for the child or family"
    if data.level not in Level.values:
        errors["level"] = "Choose the level of need"
    elif data.level != suggested and not data.rationale.strip():
        errors["rationale"] = RATIONALE_NEEDED
    if data.level in (Level.EARLY_HELP, Level.TARGETED_HELP) and not data.lead_practitioner.strip():
        errors["lead_practitioner"] = "Enter who will be the lead practitioner for the early help assessment"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_record(*, actor: User, data: DecisionInput, is_demo: bool = False) -> ThresholdDecision:
    """A practitioner or agency lead records their organisation's decision with the current tool.

    The tool's suggested level (highest indicator seen) is stored with the chosen level; a different
    level is refused without a rationale. The response follows the level: an early help assessment with
    a lead practitioner at Early Help and Targeted Help, a referral to children's social care at
    Specialist. The decision is given to the recording organisation (its practitioners and leads see it)
    and keeps the tool version it was made with. The month's tallies (thresholds.tallies) count it in
    the same transaction."""
    permissions.can_record_decision.require(actor)
    version = current_version()
    if version is None:
        raise ValidationError("There is no current levels-of-need tool, so a decision cannot be recorded yet.")
    indicators = list(data.indicators)
    suggested, _reasons = suggest_level(indicators)
    _validate(data, version, suggested)
    level = Level(data.level)
    decision = ThresholdDecision.objects.create(
        reference=next_reference(ThresholdDecision, f"TD-{data.decided_on.year}-", _REFERENCE_LOCK, 6),
        tool_version=version,
        organisation=actor.organisation,
        recorded_by=actor,
        decided_on=data.decided_on,
        local_identifier=data.local_identifier.strip(),
        age_band=data.age_band,
        sex=data.sex,
        ethnicity=data.ethnicity,
        disability=data.disability,
        locality=data.locality,
        suggested_level=suggested,
        level=level,
        rationale=data.rationale.strip(),
        response=RESPONSE_FOR_LEVEL[level],
        lead_practitioner=data.lead_practitioner.strip() if level in (Level.EARLY_HELP, Level.TARGETED_HELP) else "",
        is_demo=is_demo,
    )
    decision.indicators.set(indicators)
    decision.strengths.set(list(data.strengths))
    perms.grant("view", actor.organisation, decision)
    tallies.count_decisions(first=decision.pk, last=decision.pk)
    after = snapshot(decision)
    after["indicators"] = sorted(i.pk for i in indicators)
    after["strengths"] = sorted(s.pk for s in data.strengths)
    record(actor=actor, action="thresholds.decision.record", target=decision, after=after)
    return decision

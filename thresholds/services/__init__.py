"""Every write to levels of need, threshold decisions and case disagreements: one service per change.

Each service is keyword-only, checks the person's permission (thresholds.permissions) and the change
against the model's TRANSITIONS, writes the audit trail in the same transaction, and takes no request.
"""

from thresholds.services.decisions import DecisionInput, decision_record, suggest_level
from thresholds.services.disagreements import (
    DisagreementInput,
    disagreement_escalate,
    disagreement_raise,
    disagreement_resolve,
    disagreement_respond,
    stage_working_days,
)
from thresholds.services.tool import (
    IndicatorInput,
    ToolInput,
    copy_input,
    tool_indicator_add,
    tool_version_create,
    tool_version_publish,
    tool_version_retire,
)

__all__ = [
    "DecisionInput",
    "DisagreementInput",
    "IndicatorInput",
    "ToolInput",
    "copy_input",
    "decision_record",
    "disagreement_escalate",
    "disagreement_raise",
    "disagreement_resolve",
    "disagreement_respond",
    "stage_working_days",
    "suggest_level",
    "tool_indicator_add",
    "tool_version_create",
    "tool_version_publish",
    "tool_version_retire",
]

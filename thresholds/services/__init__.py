"""Every write to levels of need, threshold decisions and case disagreements: one service per change.

Each service is keyword-only, checks the person's permission (thresholds.permissions) and the change
against the model's TRANSITIONS, writes the audit trail in the same transaction, and takes no request.
"""

from thresholds.services.decisions import DecisionInput, decision_record, suggest_level
from thresholds.services.disagreements import (
    DisagreementInput,
    disagreement_escalate,
    disagreement_party_add,
    disagreement_raise,
    disagreement_resolve,
    disagreement_respond,
    stage_working_days,
)
from thresholds.services.drafts import (
    tool_domain_add,
    tool_domain_remove,
    tool_domain_update,
    tool_draft_replace,
    tool_indicator_add,
    tool_indicator_remove,
    tool_indicator_update,
    tool_strength_add,
    tool_strength_remove,
    tool_strength_update,
    tool_version_update,
)
from thresholds.services.tool import (
    DomainInput,
    IndicatorInput,
    ToolInput,
    copy_input,
    tool_version_create,
    tool_version_publish,
    tool_version_retire,
)

__all__ = [
    "DecisionInput",
    "DisagreementInput",
    "DomainInput",
    "IndicatorInput",
    "ToolInput",
    "copy_input",
    "decision_record",
    "disagreement_escalate",
    "disagreement_party_add",
    "disagreement_raise",
    "disagreement_resolve",
    "disagreement_respond",
    "stage_working_days",
    "suggest_level",
    "tool_domain_add",
    "tool_domain_remove",
    "tool_domain_update",
    "tool_draft_replace",
    "tool_indicator_add",
    "tool_indicator_remove",
    "tool_indicator_update",
    "tool_strength_add",
    "tool_strength_remove",
    "tool_strength_update",
    "tool_version_create",
    "tool_version_publish",
    "tool_version_retire",
    "tool_version_update",
]

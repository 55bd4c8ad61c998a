"""Rapid reviews and agency summaries (rapid.py); local reviews, recommendations and actions (local.py)."""

from rapid_reviews.models.local import (
    Action,
    ActionGroupObjectPermission,
    ActionUpdate,
    ActionUserObjectPermission,
    Extension,
    InformationRequest,
    LocalReview,
    LocalReviewGroupObjectPermission,
    LocalReviewUserObjectPermission,
    Milestone,
    Recommendation,
)
from rapid_reviews.models.rapid import (
    SUMMARY_CLOCK,
    AgencySummary,
    AgencySummaryGroupObjectPermission,
    AgencySummaryUserObjectPermission,
    RapidReview,
    RapidReviewGroupObjectPermission,
    RapidReviewUserObjectPermission,
    ReportSection,
    SignOff,
)

__all__ = [
    "SUMMARY_CLOCK",
    "Action",
    "ActionGroupObjectPermission",
    "ActionUpdate",
    "ActionUserObjectPermission",
    "AgencySummary",
    "AgencySummaryGroupObjectPermission",
    "AgencySummaryUserObjectPermission",
    "Extension",
    "InformationRequest",
    "LocalReview",
    "LocalReviewGroupObjectPermission",
    "LocalReviewUserObjectPermission",
    "Milestone",
    "RapidReview",
    "RapidReviewGroupObjectPermission",
    "RapidReviewUserObjectPermission",
    "Recommendation",
    "ReportSection",
    "SignOff",
]

"""Every write to rapid reviews and agency summaries: one service per transition.

Each service checks the person's permission (rapid_reviews.permissions), checks the change against the
model's TRANSITIONS, writes the audit trail in the same transaction, and leaves sending to after commit.
"""

from rapid_reviews.services._common import EditConflict, InvalidTransition
from rapid_reviews.services.actions import action_add, action_update, recommendation_add
from rapid_reviews.services.local import (
    earliest_publication,
    extension_decide,
    extension_request,
    local_review_appoint_reviewer,
    local_review_commission,
    local_review_record_not_publishing,
    local_review_record_publication,
    local_review_record_sent,
    local_review_set_terms,
    milestone_add,
    request_ask,
    request_reply,
)
from rapid_reviews.services.reviews import (
    review_add_agency,
    review_decline_endorsement,
    review_endorse,
    review_record_outcome,
    review_record_panel_reply,
    review_record_sent,
    review_send_for_sign_off,
    review_sign_off,
    review_start,
    section_save,
    start_refusal,
)
from rapid_reviews.services.summaries import summary_return, summary_save, summary_submit

__all__ = [
    "EditConflict",
    "InvalidTransition",
    "action_add",
    "action_update",
    "earliest_publication",
    "extension_decide",
    "extension_request",
    "local_review_appoint_reviewer",
    "local_review_commission",
    "local_review_record_not_publishing",
    "local_review_record_publication",
    "local_review_record_sent",
    "local_review_set_terms",
    "milestone_add",
    "recommendation_add",
    "request_ask",
    "request_reply",
    "review_add_agency",
    "review_decline_endorsement",
    "review_endorse",
    "review_record_outcome",
    "review_record_panel_reply",
    "review_record_sent",
    "review_send_for_sign_off",
    "review_sign_off",
    "review_start",
    "section_save",
    "start_refusal",
    "summary_return",
    "summary_save",
    "summary_submit",
]

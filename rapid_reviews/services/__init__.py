"""Every write to rapid reviews and agency summaries: one service per transition.

Each service checks the person's permission (rapid_reviews.permissions), checks the change against the
model's TRANSITIONS, writes the audit trail in the same transaction, and leaves sending to after commit.
"""

from rapid_reviews.services._common import EditConflict, InvalidTransition
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

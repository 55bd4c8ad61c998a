"""Rapid review reports copied to the Executive, through the shared mechanism in dcfp.copies.

The Summary and Outcome of Rapid Review is copied to every Executive member once every Safeguarding
Partner has signed it off, whatever its outcome, and they are told again when it is recorded as sent to
the National Panel. The copy is the member's read access (a rule in dcfp.copies, not a stored
permission; members who join later get it too), a message, their own watermarked PDF, and who opened
it when. An outcome (b) report waits for an Executive member's endorsement, which the copy lets them
give.
"""

from django.urls import reverse

from dcfp.copies import services as copies
from dcfp.copies.models import CopiedDocument, Copy
from rapid_reviews.models import RapidReview


def _what(review: RapidReview) -> str:
    if review.status == RapidReview.Status.SENT:
        assert review.sent_on is not None  # a sent review always has its date
        return f"was sent to the National Panel on {review.sent_on:%-d %B %Y}"
    again = f" (sign-off round {review.sign_off_round})" if review.sign_off_round > 1 else ""
    signed = f"has been signed off by every Safeguarding Partner{again}"
    if review.outcome == RapidReview.Outcome.NO_FURTHER_REVIEW:
        return f"{signed} and recommends no further review: an Executive member's endorsement is needed"
    return f"{signed}, with outcome {review.get_outcome_display()}"


def report_copy_all(*, review: RapidReview) -> CopiedDocument:
    """Copy the report and its outcome to every active Executive member, telling them where it stands
    (signed off, or sent to the Panel). Idempotent per member; a new stage tells every member again."""
    return copies.copy_to_executive(
        obj=review,
        subject=f"Rapid review {review.reference} copied to you"
        + (" for endorsement" if review.status == RapidReview.Status.ENDORSEMENT else ""),
        body=f"The Summary and Outcome of Rapid Review {review.reference} {_what(review)}. It is copied to you "
        "as an Executive member. Open your copy in the service.",
        link=reverse("rapid_reviews:detail", args=[review.pk]),
    )


def report_copy_open(*, review: RapidReview, reader) -> Copy:
    """An Executive member opens their copy (the review's page or the PDF): counted and recorded."""
    return copies.copy_open(obj=review, reader=reader)

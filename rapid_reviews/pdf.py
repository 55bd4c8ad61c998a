"""The Summary and Outcome of Rapid Review as a PDF, each Executive member's watermarked copy of it, and
a local review's terms of reference.

These functions only render: the views that serve them check permission and record the access
(dcfp.audit.services.access) before calling them.
"""

from datetime import date

from django.utils import dateformat, timezone

from dcfp.pdf import render_pdf
from rapid_reviews.models import LocalReview, RapidReview

REPORT = "pdf/rapid_reviews/report.html"
LOCAL_TERMS = "pdf/rapid_reviews/local_terms.html"


def _report_context(review: RapidReview) -> dict:
    return {
        "review": review,
        "incident": review.incident,
        "sections": list(review.sections.order_by("position")),
        "sign_offs": list(
            review.sign_offs.filter(round=review.sign_off_round).select_related("person", "organisation")
        ),
        "reg11_labels": [RapidReview.Reg11(c).label for c in review.reg11_criteria],
        "clock_state": review.clock_state(timezone.localdate()),
        "generated_at": timezone.localtime(),
    }


def render_report(review: RapidReview) -> bytes:
    """The Summary and Outcome of Rapid Review: its dates and clock, every section of the report, the
    outcome with its reasons (and the local review criteria for (c)), the partners' sign-off, the
    Executive's endorsement and what the National Panel was sent and replied."""
    return render_pdf(REPORT, _report_context(review))


def render_executive_copy(review: RapidReview, reader, on_date: date) -> bytes:
    """The report as copied to one Executive member: every page carries their name and the date,
    diagonally across the page and in the footer."""
    watermark = f"Copy for {reader.full_name}, {dateformat.format(on_date, 'j F Y')}"
    return render_pdf(REPORT, {**_report_context(review), "reader": reader}, watermark=watermark)


def render_local_terms(review: LocalReview) -> bytes:
    """A local review's terms of reference: its source, decision and due dates (the original date with
    any extension), the reviewer, the methodology and the milestones."""
    return render_pdf(
        LOCAL_TERMS,
        {
            "local": review,
            "milestones": list(review.milestones.order_by("due_on", "id")),
            "clock_state": review.clock_state(timezone.localdate()),
            "generated_at": timezone.localtime(),
        },
    )

"""PDFs: the Summary and Outcome of Rapid Review, each Executive member's own watermarked copy of it,
and a local review's terms of reference. Served only through the permission check; every download is
recorded in the audit trail."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dcfp.audit.services import access
from dcfp.copies.views import copy_pdf_response
from dcfp.pdf import pdf_response
from rapid_reviews import permissions, selectors


@never_cache
@login_required
@require_safe
def report_pdf(request, pk: int):
    """The unmarked report, for the CSPRG, the QA chair and partner representatives."""
    from rapid_reviews.pdf import render_report

    review = selectors.review_detail(request.user, pk)
    if not permissions.can_download_report(request.user, review):
        raise Http404
    access(actor=request.user, action="rapid_reviews.review.pdf", target=review)
    return pdf_response(render_report(review), f"{review.reference}.pdf")


@never_cache
@login_required
@require_safe
def executive_copy_pdf(request, pk: int):
    """An Executive member's own copy of the report, watermarked with their name and today's date.
    Opening it is counted on their copy and recorded in the audit trail. Nobody else gets it (404)."""
    review = selectors.review_detail(request.user, pk)
    return copy_pdf_response(request, review, f"{review.reference}-executive-copy.pdf")


@never_cache
@login_required
@require_safe
def local_terms_pdf(request, pk: int):
    """A local review's terms of reference, for whoever may see the review (its reviewer included)."""
    from rapid_reviews.pdf import render_local_terms

    review = selectors.local_review_detail(request.user, pk)
    access(actor=request.user, action="rapid_reviews.local.terms_pdf", target=review)
    return pdf_response(render_local_terms(review), f"{review.reference}-terms-of-reference.pdf")

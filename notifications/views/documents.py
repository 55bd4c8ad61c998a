"""PDFs: the notification record, and each Executive member's own watermarked copy. Served only
through the permission check; every download is recorded in the audit trail."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dcfp.audit.services import access
from dcfp.copies.views import copy_pdf_response
from dcfp.pdf import pdf_response
from notifications import permissions, selectors


@never_cache
@login_required
@require_safe
def record_pdf(request, pk: int):
    """The notification record, for whoever may see the incident."""
    from notifications.pdf import render_notification_record

    incident = selectors.incident_detail(request.user, pk)
    if not permissions.can_download_record(request.user, incident):
        raise Http404
    access(actor=request.user, action="notifications.incident.pdf", target=incident)
    return pdf_response(render_notification_record(incident), f"{incident.reference}.pdf")


@never_cache
@login_required
@require_safe
def executive_copy_pdf(request, pk: int):
    """An Executive member's own copy, watermarked with their name and today's date. Opening it is
    counted on their copy and recorded in the audit trail. Nobody else gets it (404)."""
    incident = selectors.incident_detail(request.user, pk)
    return copy_pdf_response(request, incident, f"{incident.reference}-executive-copy.pdf")

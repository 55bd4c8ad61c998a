"""The QA chair's view of who has looked at and changed a record."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dcfp.audit.models import AuditEvent
from dcfp.audit.permissions import can_view_record_trail
from dcfp.audit.selectors import record_trail as select_record_trail
from dcfp.audit.services import access

PAGE_SIZE = 50


@require_safe
@login_required
def record_trail(request: HttpRequest, target_type: str, target_id: str) -> HttpResponse:
    """Every access and change event about one record, newest first, 50 a page. QA chair only (404 for
    everyone else); opening it is itself recorded as an access to that record."""
    if not can_view_record_trail(request.user):
        raise Http404
    if "\x00" in target_type or "\x00" in target_id:
        # PostgreSQL text cannot hold a NUL character: no record is named by one.
        raise Http404
    try:
        model = apps.get_model(target_type)
        model._meta.pk.to_python(target_id)
    except (LookupError, ValueError, ValidationError) as exc:
        raise Http404 from exc
    latest = (
        AuditEvent.objects.filter(target_type=target_type, target_id=target_id)
        .exclude(target_label="")
        .order_by("-id")
        .values_list("target_label", flat=True)
        .first()
    )
    label = latest or f"{model._meta.verbose_name.capitalize()} {target_id}"
    page_number = request.GET.get("page", "")
    if not (page_number.isascii() and page_number.isdigit()) and page_number != "last":
        page_number = "1"  # what get_page shows for a number it cannot read
    access(
        actor=request.user,
        action="audit.record_trail.view",
        target_type=target_type,
        target_id=target_id,
        target_label=label,
        detail={"page": page_number},
    )
    page = Paginator(select_record_trail(target_type=target_type, target_id=target_id), PAGE_SIZE).get_page(page_number)
    return render(
        request,
        "audit/record_trail.html",
        {
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
            "label": label,
            "kind": model._meta.verbose_name,
        },
    )

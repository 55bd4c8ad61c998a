"""The Executive member's list of their copies, and the response that serves their own watermarked PDF."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dcfp.copies import permissions, selectors, services
from dcfp.copies.registry import kind_of
from dcfp.pdf import pdf_response

PAGE_SIZE = 25


@login_required
@require_safe
def copy_list(request):
    """Every copy sent to the Executive member, newest first, opened or not, and those given on joining
    marked as such; 404 for anyone without the executive role."""
    if not permissions.can_list_copies(request.user):
        raise Http404
    page = Paginator(selectors.my_copies(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "copies/list.html",
        {"page": page, "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)},
    )


@never_cache
def copy_pdf_response(request, obj: Model, filename: str) -> HttpResponse:
    """An app's view calls this with a record it has already fetched through its scope: the member's own
    watermarked PDF (their name and today's date on every page), with the opening counted and recorded.
    Nobody else gets it (404)."""
    if not permissions.can_open_copy(request.user, obj):
        raise Http404
    services.copy_open(obj=obj, reader=request.user)
    content = kind_of(type(obj)).render_pdf(obj, request.user, timezone.localdate())
    return pdf_response(content, filename)

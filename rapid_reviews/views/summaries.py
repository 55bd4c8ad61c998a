"""Agency summary pages: the list (an agency lead's own agency's; all for the CSPRG), one summary
with its form for the agency's leads, and returning a summary (CSPRG)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from rapid_reviews import permissions, playbook, selectors, services
from rapid_reviews.filters import SummaryFilter
from rapid_reviews.forms import ReasonForm, SummaryForm
from rapid_reviews.models import AgencySummary
from rapid_reviews.views._common import action_page, apply, errors_of, filtered_list, kept_initial


@login_required
@require_safe
def summary_list(request):
    """The agency summaries the person may see, filtered as the API filters them (SummaryFilter)."""
    if not permissions.can_list_summaries(request.user):
        raise Http404
    return filtered_list(
        request,
        SummaryFilter,
        selectors.summary_list(request.user),
        "rapid_reviews/summary_list.html",
        {"sees_every_agency": permissions.sees_every_summary(request.user)},
    )


def _initial(summary: AgencySummary) -> dict:
    return {**{name: getattr(summary, name) for name in AgencySummary.SECTIONS}, "version": summary.version}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def summary_detail(request, pk: int):
    """An agency summary: its agency's leads write, save and submit it; the CSPRG reads it. Anyone
    else, other agencies included, gets 404. Reading it is recorded in the audit trail."""
    summary = selectors.summary_detail(request.user, pk)
    user = request.user
    writable = permissions.can_write_summary(user, summary)
    if request.method == "POST":
        permissions.can_write_summary.require(user, summary)
    form = None
    conflict = False
    if writable:
        if request.method == "POST":
            form = SummaryForm(request.POST)
            if form.is_valid():
                service = services.summary_submit if "submit" in request.POST else services.summary_save
                try:
                    service(summary=summary, actor=user, version=form.cleaned_data["version"], sections=form.sections())
                except services.EditConflict as error:
                    summary.refresh_from_db()
                    conflict = True
                    posted = request.POST.copy()
                    posted["version"] = str(summary.version)
                    form = SummaryForm(posted)
                    form.is_valid()
                    form.add_error(None, f"{error} What you typed is kept below.")
                except ValidationError as error:
                    apply(form, error)
                else:
                    done = "submitted" if "submit" in request.POST else "saved as a draft"
                    messages.success(request, f"Your agency summary for {summary.review.reference} is {done}.")
                    return redirect("rapid_reviews:summary", pk=summary.pk)
        else:
            form = SummaryForm(initial=kept_initial(request, SummaryForm, _initial(summary)))
    if request.method == "GET":
        access(actor=user, action="rapid_reviews.summary.view", target=summary)
    today = timezone.localdate()
    errors = errors_of(form) if form is not None else []
    review = summary.review
    return render(
        request,
        "rapid_reviews/summary.html",
        {
            "summary": summary,
            "review": review,
            "children": list(review.incident.children.all()),
            "form": form,
            "errors": errors,
            "clock": selectors.summary_clock(summary, today),
            "steps": playbook.steps(review.counted_from, today),
            "can_return": permissions.can_return_summary(user, summary),
            "can_open_review": permissions.can_view_review(user, review),
        },
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def summary_return(request, pk: int):
    summary = selectors.summary_detail(request.user, pk)
    permissions.can_return_summary.require(request.user, summary)
    return action_page(
        request,
        form_class=ReasonForm,
        template="rapid_reviews/form_page.html",
        run=lambda data: services.summary_return(summary=summary, actor=request.user, reason=data["reason"]),
        done=reverse("rapid_reviews:summary", args=[summary.pk]),
        success=f"{summary.organisation.name}'s summary returned to the agency.",
        context={
            "review": summary.review,
            "title": f"Return {summary.organisation.name}'s summary",
            "button": "Return the summary",
            "cancel": reverse("rapid_reviews:summary", args=[summary.pk]),
        },
    )

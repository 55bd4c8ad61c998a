"""Threshold decision pages: the log with its search and filters, recording a decision, one decision,
and the breakdown charts. Every search and every opened decision goes in the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.charts import bar_chart
from dcfp.lists import CappedPaginator, list_page
from thresholds import permissions, selectors, services
from thresholds.filters import DecisionFilter
from thresholds.forms import DecisionForm
from thresholds.models import Level
from thresholds.services.decisions import current_version
from thresholds.views._common import apply_errors, page_query


@login_required
@require_safe
def decision_log(request):
    """The decisions the person may see, searched and filtered, 25 a page; every search is recorded in
    the audit trail (dcfp.lists). They are counted up to 10,000 ("More than 10,000 decisions"), and
    paged that far: across the partnership there are a million."""
    if not permissions.can_list_decisions(request.user):
        raise Http404
    listing = list_page(request, DecisionFilter, selectors.decision_list(request.user), paginator_class=CappedPaginator)
    return render(
        request,
        "thresholds/decision_log.html",
        {
            "page": listing.page,
            "page_numbers": listing.page_numbers,
            "filters": listing.filterset,
            "query": listing.query,
            "can_record": permissions.can_record_decision(request.user),
            "sees_all": permissions.sees_all_decisions(request.user),
        },
    )


@login_required
@require_safe
def decision_breakdown(request):
    """The same decisions as the log, counted by level, agency, locality and protected characteristic,
    each as a chart with its table. Every breakdown is recorded in the audit trail, with its filters."""
    if not permissions.can_list_decisions(request.user):
        raise Http404
    filters = DecisionFilter(request.GET or None, queryset=selectors.decision_list(request.user), request=request)
    breakdowns = selectors.searched_breakdown(request.user, filters)
    charts = [bar_chart(b.title, b.rows, category_label=b.category_label, value_label="Decisions") for b in breakdowns]
    access(
        actor=request.user,
        action="thresholds.decision.breakdown",
        target_type="thresholds.thresholddecision",
        target_label="Breakdown of threshold decisions",
        detail={"filters": filters.searched_for(), "rows": charts[0].total},
    )
    return render(
        request,
        "thresholds/breakdown.html",
        {"filters": filters, "charts": charts, "query": page_query(request), "total": charts[0].total},
    )


def _suggestion(form: DecisionForm) -> tuple[int, list] | None:
    indicators = form.cleaned_data.get("indicators") if hasattr(form, "cleaned_data") else None
    if indicators is None:
        return None
    return services.suggest_level(list(indicators))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_record(request):
    """One page: the indicators and strengths of the current tool, the level it suggests (with its
    reasons) and the practitioner's level, rationale and response."""
    if not permissions.can_record_decision(request.user):
        raise Http404
    version = current_version()
    if version is None:
        return render(request, "thresholds/no_tool.html", status=200)
    tool = selectors.tool_version_detail(version.pk)
    suggestion = None
    # "Check the suggested level" shows the tool's suggestion for the indicators ticked so far; it is
    # not a submission, so nothing is judged or saved yet.
    checking = request.method == "POST" and "suggest" in request.POST
    if request.method == "POST":
        form = DecisionForm(request.POST, version=version)
        valid = form.is_valid()
        suggestion = _suggestion(form)
        if valid and not checking:
            data = services.DecisionInput(
                decided_on=form.cleaned_data["decided_on"],
                local_identifier=form.cleaned_data["local_identifier"],
                age_band=form.cleaned_data["age_band"],
                sex=form.cleaned_data["sex"],
                ethnicity=form.cleaned_data["ethnicity"],
                disability=form.cleaned_data["disability"],
                locality=form.cleaned_data["locality"],
                level=form.cleaned_data["level"],
                indicators=list(form.cleaned_data["indicators"]),
                strengths=list(form.cleaned_data["strengths"]),
                rationale=form.cleaned_data["rationale"],
                lead_practitioner=form.cleaned_data["lead_practitioner"],
            )
            try:
                decision = services.decision_record(actor=request.user, data=data)
            except ValidationError as error:
                apply_errors(error, form)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, f"Decision {decision.reference} recorded.")
                return redirect("thresholds:decision_detail", pk=decision.pk)
    else:
        form = DecisionForm(version=version, initial={"decided_on": timezone.localdate()})
    checked = {str(v) for v in (form.data.getlist("indicators") if form.is_bound else [])}
    strengths_checked = {str(v) for v in (form.data.getlist("strengths") if form.is_bound else [])}
    return render(
        request,
        "thresholds/decision_form.html",
        {
            "form": form,
            "checking": checking,
            "show_errors": not checking,
            "tool": tool,
            "checked": checked,
            "strengths_checked": strengths_checked,
            "suggestion": suggestion,
            "suggested_level": Level(suggestion[0]) if suggestion else None,
            "level_meanings": tool.levels(),
        },
    )


@login_required
@require_safe
def decision_detail(request, pk: int):
    decision = selectors.decision_detail(request.user, pk)
    access(actor=request.user, action="thresholds.decision.view", target=decision)
    return render(
        request,
        "thresholds/decision_detail.html",
        {"decision": decision, "reasons": selectors.reasons_for(decision)},
    )

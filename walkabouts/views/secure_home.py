"""The secure children's home: its reports, the QA Group's risk assessments, and a walkabout from one.
Only the QA Group sees any of it; everyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.lists import filtered_rows, record_search
from dcfp.models import Organisation
from dcfp.uploads.views import download_response
from walkabouts import forms, permissions, selectors, services
from walkabouts.filters import SecureHomeReportFilter, SecureHomeRiskFilter
from walkabouts.models import SecureHomeReport, SecureHomeRiskAssessment
from walkabouts.views._common import apply_errors, form_page, kept_initial


def _home(pk: int) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.SECURE_CHILDRENS_HOME)


def _require_qa(user) -> None:
    if not permissions.can_view_secure_home(user):
        raise Http404


@login_required
@require_safe
def secure_home_list(request):
    _require_qa(request.user)
    homes = list(Organisation.objects.filter(kind=Organisation.Kind.SECURE_CHILDRENS_HOME).order_by("name"))
    # One form, two lists: each list's filters narrow its own rows (the API's too), and each search is recorded.
    report_filter = SecureHomeReportFilter(request.GET or None, queryset=selectors.secure_home_reports(request.user))
    risk_filter = SecureHomeRiskFilter(request.GET or None, queryset=selectors.secure_home_risks(request.user))
    reports = list(filtered_rows(report_filter))
    risks = list(filtered_rows(risk_filter))
    record_search(actor=request.user, filterset=report_filter, rows=len(reports))
    record_search(actor=request.user, filterset=risk_filter, rows=len(risks))
    by_home = {h.pk: {"home": h, "reports": [], "risks": []} for h in homes}
    for report in reports:
        by_home[report.home_id]["reports"].append(report)
    for risk in risks:
        by_home[risk.home_id]["risks"].append(risk)
    return render(
        request,
        "walkabouts/secure_home.html",
        {
            "homes": list(by_home.values()),
            "report_filters": report_filter.form,
            "risk_filters": risk_filter.form,
            "filtered": bool(report_filter.searched_for() or risk_filter.searched_for()),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_add(request, home_pk: int):
    _require_qa(request.user)
    home = _home(home_pk)
    form = forms.SecureHomeReportForm(
        request.POST or None, request.FILES or None, initial=kept_initial(request, forms.SecureHomeReportForm)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.secure_home_report_add(
                actor=request.user,
                home=home,
                kind=data["kind"],
                received_on=data["received_on"],
                file=data["file"],
                notes=data["notes"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Report added.")
            return redirect("walkabouts:secure_home")
    return form_page(
        request,
        form,
        title="Add a report",
        caption=home.name,
        button="Upload report",
        cancel="walkabouts:secure_home",
        multipart=True,
    )


@never_cache
@login_required
@require_safe
def report_download(request, report_pk: int):
    _require_qa(request.user)
    report = get_object_or_404(SecureHomeReport.objects.select_related("upload"), pk=report_pk)
    return download_response(request, report.upload, holder=report, action="walkabouts.secure_home_report.download")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def risk_add(request, home_pk: int):
    _require_qa(request.user)
    home = _home(home_pk)
    form = forms.RiskForm(request.POST or None, initial=kept_initial(request, forms.RiskForm))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.secure_home_risk_record(
                actor=request.user,
                home=home,
                assessed_on=data["assessed_on"],
                risks=data["risks"],
                rating=data["rating"],
                decision=data["decision"],
                rationale=data["rationale"],
                reports=list(SecureHomeReport.objects.filter(home=home)),
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Risk assessment recorded.")
            return redirect("walkabouts:secure_home")
    return form_page(
        request,
        form,
        title="Record a risk assessment",
        caption=home.name,
        button="Record risk assessment",
        cancel="walkabouts:secure_home",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def walkabout_from_risk(request, risk_pk: int):
    _require_qa(request.user)
    risk = get_object_or_404(SecureHomeRiskAssessment.objects.select_related("home"), pk=risk_pk)
    form = forms.SecureHomeWalkaboutForm(
        request.POST or None, initial=kept_initial(request, forms.SecureHomeWalkaboutForm)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.secure_home_walkabout_plan(
                actor=request.user,
                risk_assessment=risk,
                cycle=data["cycle"],
                visit_on=data["visit_on"],
                team_or_site=data["team_or_site"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Walkabout planned.")
            return redirect("walkabouts:detail", pk=assessment.pk)
    return form_page(
        request,
        form,
        title="Plan a walkabout from this risk assessment",
        caption=str(risk),
        button="Plan walkabout",
        cancel="walkabouts:secure_home",
    )

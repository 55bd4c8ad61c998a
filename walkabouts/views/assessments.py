"""Section 11 assessment pages: the list, planning, the assessment with its findings, actions and
evidence, each status change, evidence downloads and the walkabout report PDF.

Every page fetches through walkabouts.selectors (404 for anyone who may not see the assessment) and
asks walkabouts.permissions before acting (403 for someone who may see it but not do this now)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dcfp.audit.services import access
from dcfp.lists import list_page
from dcfp.uploads.views import download_response
from walkabouts import forms, permissions, selectors, services
from walkabouts.filters import AssessmentFilter
from walkabouts.models import Action, Assessment, EvidenceFile, Standard
from walkabouts.views._common import apply_errors, form_page, kept_initial


@login_required
@require_safe
def assessment_list(request):
    """Assessments the person may see: every one for the QA Group, their own organisation's for an agency
    lead. A filtered list is recorded in the audit trail (dcfp.lists)."""
    if not permissions.can_list_assessments(request.user):
        raise Http404
    listing = list_page(request, AssessmentFilter, selectors.assessment_list(request.user))
    return render(
        request,
        "walkabouts/list.html",
        {
            "page": listing.page,
            "filters": listing.form,
            "query": listing.query,
            "can_plan": permissions.can_plan_assessment(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_plan(request):
    """The QA Group plans a walkabout or a self-assessment."""
    if not permissions.can_plan_assessment(request.user):
        raise Http404
    form = forms.PlanForm(request.POST or None, initial=kept_initial(request, forms.PlanForm))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_plan(
                actor=request.user,
                cycle=data["cycle"],
                route=data["route"],
                organisation=data["organisation"],
                assessment_group=data["assessment_group"],
                visit_on=data["visit_on"],
                team_or_site=data["team_or_site"],
                locality=data["locality"],
                qa_lead=data["qa_lead"],
                participants=data["participants"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Assessment of {assessment.subject_name} planned for {assessment.cycle.name}.")
            return redirect("walkabouts:detail", pk=assessment.pk)
    return form_page(
        request,
        form,
        title="Plan a Section 11 assessment",
        button="Plan assessment",
        cancel="walkabouts:list",
        intro="One assessment per organisation per cycle. District councils are assessed together as their group.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_record_elsewhere(request):
    """The QA Group records that another partnership assessed an organisation this cycle."""
    if not permissions.can_plan_assessment(request.user):
        raise Http404
    form = forms.ElsewhereForm(request.POST or None, initial=kept_initial(request, forms.ElsewhereForm))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_record_elsewhere(
                actor=request.user,
                cycle=data["cycle"],
                organisation=data["organisation"],
                other_partnership=data["other_partnership"],
                assessed_on=data["other_assessed_on"],
                evidence=data["other_evidence"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(
                request, f"{assessment.subject_name} recorded as assessed by {assessment.other_partnership}."
            )
            return redirect("walkabouts:detail", pk=assessment.pk)
    return form_page(
        request,
        form,
        title="Record an assessment by another partnership",
        button="Record assessment",
        cancel="walkabouts:list",
        intro="An organisation that works across several partnership areas completes one Section 11 assessment. "
        "If another partnership assessed it this cycle, record that instead of asking again.",
    )


@login_required
@require_safe
def assessment_detail(request, pk: int):
    assessment = selectors.assessment_detail(request.user, pk)
    access(actor=request.user, action="walkabouts.assessment.view", target=assessment)
    user = request.user
    today = timezone.localdate()
    actions = list(assessment.actions.all())
    for action in actions:
        action.clock = selectors.action_clock(action, today)
    return render(
        request,
        "walkabouts/detail.html",
        {
            "assessment": assessment,
            "rows": selectors.standard_rows(assessment),
            "actions": actions,
            "evidence": list(assessment.evidence.all()),
            "can": {
                "fieldwork": permissions.can_start_fieldwork(user, assessment),
                "record_return": permissions.can_record_return(user, assessment),
                "findings": permissions.can_record_findings(user, assessment),
                "submit": permissions.can_submit_findings(user, assessment),
                "agency_agree": permissions.can_agency_agree(user, assessment),
                "return": permissions.can_return_findings(user, assessment),
                "agree": permissions.can_agree_report(user, assessment),
                "complete": permissions.can_complete_assessment(user, assessment),
                "evidence": permissions.can_add_evidence(user, assessment),
                "actions": permissions.can_manage_actions(user, assessment),
                "report": permissions.can_download_report(user, assessment),
            },
        },
    )


def _transition(request, pk: int, rule, service, done: str, **kwargs):
    assessment = selectors.assessment_detail(request.user, pk)
    rule.require(request.user, assessment)
    try:
        service(assessment=assessment, actor=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("walkabouts:detail", pk=pk)


@login_required
@require_POST
def assessment_start_fieldwork(request, pk: int):
    return _transition(
        request, pk, permissions.can_start_fieldwork, services.assessment_start_fieldwork, "Fieldwork started."
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_record_return(request, pk: int):
    """The date the agency returned its self-assessment (its completed audit)."""
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_record_return.require(request.user, assessment)
    initial = kept_initial(request, forms.ReturnedForm) or {"returned_on": assessment.returned_on}
    form = forms.ReturnedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record_return(
                assessment=assessment, actor=request.user, returned_on=form.cleaned_data["returned_on"]
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Date the self-assessment was returned recorded.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request,
        form,
        title="Record the self-assessment's return",
        caption=str(assessment),
        button="Save the date",
        cancel=f"/walkabouts/{pk}/",
        intro="The agency completes the Section 11 audit and returns it: record the date it came back.",
    )


@login_required
@require_POST
def assessment_submit_findings(request, pk: int):
    return _transition(
        request,
        pk,
        permissions.can_submit_findings,
        services.assessment_submit_findings,
        "Findings sent to the agency to agree.",
    )


@login_required
@require_POST
def assessment_agency_agree(request, pk: int):
    return _transition(
        request,
        pk,
        permissions.can_agency_agree,
        services.assessment_agency_agree,
        "You agreed the findings for your agency.",
    )


@login_required
@require_POST
def assessment_agree(request, pk: int):
    form = forms.AgreeForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    return _transition(
        request,
        pk,
        permissions.can_agree_report,
        services.assessment_agree,
        "Report agreed: the findings are final.",
        summary=summary,
    )


@login_required
@require_POST
def assessment_complete(request, pk: int):
    return _transition(
        request,
        pk,
        permissions.can_complete_assessment,
        services.assessment_complete,
        "Assessment closed: its actions are complete.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_return_findings(request, pk: int):
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_return_findings.require(request.user, assessment)
    form = forms.ReasonForm(request.POST or None, initial=kept_initial(request, forms.ReasonForm))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_return_findings(
                assessment=assessment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Findings sent back to fieldwork.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request,
        form,
        title="Send the findings back",
        caption=str(assessment),
        button="Send back",
        cancel=f"/walkabouts/{pk}/",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_record(request, pk: int, standard_pk: int):
    """Record or change one standard's finding. The page saves with the finding's version it was opened
    at: a change someone else saved meanwhile is a conflict (409), and what was typed stays on the page."""
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_record_findings.require(request.user, assessment)
    standard = get_object_or_404(Standard, pk=standard_pk, version=assessment.standard_version_id)
    existing = assessment.findings.filter(standard=standard).first()
    initial: dict[str, object] = (
        {
            "rating": existing.rating,
            "evidence": existing.evidence,
            "strengths": existing.strengths,
            "areas_for_improvement": existing.areas_for_improvement,
        }
        if existing
        else {}
    )
    initial["version"] = existing.version if existing else 0
    form = forms.FindingForm(request.POST or None, initial=kept_initial(request, forms.FindingForm, initial))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_record(
                assessment=assessment,
                actor=request.user,
                standard=standard,
                rating=data["rating"],
                evidence=data["evidence"],
                strengths=data["strengths"],
                areas_for_improvement=data["areas_for_improvement"],
                version=data["version"] or 0,
            )
            if data["expectation"]:
                services.expectation_add(
                    assessment=assessment, actor=request.user, standard=standard, text=data["expectation"]
                )
        except ValidationError as error:
            apply_errors(error, form)
        except services.FindingConflict as conflict:
            # What was typed stays; saving it again is a conscious choice to replace their changes.
            current = assessment.findings.filter(standard=standard).first()
            posted = request.POST.copy()
            posted["version"] = str(current.version if current else 0)
            form = forms.FindingForm(posted)
            form.is_valid()
            form.add_error(
                None,
                f"{conflict} What you typed is kept below: open the assessment in another tab to compare, "
                "then save again to replace their changes with yours.",
            )
            status = 409
        else:
            messages.success(request, f"Finding recorded for {standard.title}.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request,
        form,
        title=f"Finding: {standard.title}",
        caption=str(assessment),
        button="Save finding",
        cancel=f"/walkabouts/{pk}/",
        intro=f"What good looks like: {standard.what_good_looks_like}",
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_add(request, pk: int):
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_manage_actions.require(request.user, assessment)
    form = forms.ActionForm(
        request.POST or None, assessment=assessment, initial=kept_initial(request, forms.ActionForm)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                assessment=assessment,
                actor=request.user,
                description=data["description"],
                owner=data["owner"],
                owner_organisation=data["owner_organisation"],
                due_on=data["due_on"],
                standard=data["standard"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Action added.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request, form, title="Add an action", caption=str(assessment), button="Add action", cancel=f"/walkabouts/{pk}/"
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_progress(request, pk: int, action_pk: int):
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_manage_actions.require(request.user, assessment)
    action = get_object_or_404(Action, pk=action_pk, assessment=assessment, status=Action.Status.OPEN)
    form = forms.ProgressForm(
        request.POST or None, assessment=assessment, initial=kept_initial(request, forms.ProgressForm)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["complete"]:
                services.action_complete(
                    action=action, actor=request.user, completed_on=data["completed_on"], text=data["text"]
                )
            else:
                services.action_update(action=action, actor=request.user, text=data["text"], evidence=data["evidence"])
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Action completed." if data["complete"] else "Progress recorded.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request,
        form,
        title="Record progress on an action",
        caption=action.description[:120],
        button="Save progress",
        cancel=f"/walkabouts/{pk}/",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_add(request, pk: int):
    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_add_evidence.require(request.user, assessment)
    form = forms.EvidenceForm(
        request.POST or None,
        request.FILES or None,
        assessment=assessment,
        initial=kept_initial(request, forms.EvidenceForm),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence = services.evidence_add(
                assessment=assessment,
                actor=request.user,
                file=data["file"],
                description=data["description"],
                standard=data["standard"],
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Evidence {evidence.upload.original_name} added.")
            return redirect("walkabouts:detail", pk=pk)
    return form_page(
        request,
        form,
        title="Add evidence",
        caption=str(assessment),
        button="Upload evidence",
        cancel=f"/walkabouts/{pk}/",
        multipart=True,
    )


@never_cache
@login_required
@require_safe
def evidence_download(request, pk: int, evidence_pk: int):
    """An evidence file, for whoever may see the assessment; the download is audited."""
    assessment = selectors.assessment_detail(request.user, pk)
    evidence = get_object_or_404(EvidenceFile.objects.select_related("upload"), pk=evidence_pk, assessment=assessment)
    return download_response(request, evidence.upload, holder=assessment, action="walkabouts.evidence.download")


@never_cache
@login_required
@require_safe
def report_pdf(request, pk: int):
    """The walkabout report, for whoever may see the assessment once findings are recorded; audited."""
    from walkabouts.pdf import render_report

    assessment = selectors.assessment_detail(request.user, pk)
    permissions.can_download_report.require(request.user, assessment)
    access(actor=request.user, action="walkabouts.assessment.pdf", target=assessment)
    response = HttpResponse(render_report(assessment), content_type="application/pdf")
    name = f"section11-{assessment.cycle.name}-{assessment.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    return response


def assessment_url(assessment: Assessment) -> str:
    return f"/walkabouts/{assessment.pk}/"

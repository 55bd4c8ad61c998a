"""Case disagreement pages: my list, raising one (one short form), one disagreement with its stages
and notes, responding, escalating and resolving, and the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.charts import bar_chart
from dcfp.lists import list_page
from thresholds import permissions, selectors, services
from thresholds.filters import DisagreementFilter
from thresholds.forms import DisagreementForm, EscalateForm, PartyForm, ReportFilterForm, ResolveForm, RespondForm
from thresholds.models import Disagreement
from thresholds.views._common import apply_errors


@login_required
@require_safe
def disagreement_list(request):
    """The disagreements the person is part of (or, for the QA chair, that reached stage 4), filtered by
    status, stage and type (thresholds.filters.DisagreementFilter, each search in the audit trail)."""
    if not permissions.can_list_disagreements(request.user):
        raise Http404
    listing = list_page(request, DisagreementFilter, selectors.disagreement_list(request.user))
    today = timezone.localdate()
    for disagreement in listing.page.object_list:
        disagreement.clock = selectors.disagreement_clock(disagreement, today)
    return render(
        request,
        "thresholds/disagreement_list.html",
        {
            "page": listing.page,
            "filters": listing.filterset,
            "filtered": bool(listing.filterset.searched_for()),
            "query": listing.query,
            "can_raise": permissions.can_raise_disagreement(request.user),
        },
    )


def _people_for_raising(user):
    return selectors.people_who_may_be_named(None).exclude(pk=user.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def disagreement_raise(request):
    """One short form, never blocked by anything else open."""
    if not permissions.can_raise_disagreement(request.user):
        raise Http404
    people = _people_for_raising(request.user)
    form = DisagreementForm(
        request.POST or None,
        people=people,
        exclude_organisation=request.user.organisation_id,
        initial={"decision_reference": request.GET.get("decision", "")},
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        data = services.DisagreementInput(
            disagreement_with=form.cleaned_data["disagreement_with"],
            type=form.cleaned_data["type"],
            summary=form.cleaned_data["summary"],
            organisation=form.cleaned_data["organisation"],
            people=[person] if person else [],
            decision_reference=form.cleaned_data["decision_reference"],
        )
        if person and data.disagreement_with == Disagreement.With.OTHER_AGENCY and data.organisation is None:
            data.organisation = person.organisation
        try:
            disagreement = services.disagreement_raise(actor=request.user, data=data)
        except ValidationError as error:
            apply_errors(error, form)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                f"Disagreement {disagreement.reference} raised. Stage 1 is due on "
                f"{disagreement.stage_due_on:%-d %B %Y}.",
            )
            return redirect("thresholds:disagreement_detail", pk=disagreement.pk)
    return render(request, "thresholds/disagreement_form.html", {"form": form})


def _escalate_form(disagreement, data=None):
    organisation_ids = sorted({p.organisation_id for p in disagreement.parties.all()})
    named = {p.person_id for p in disagreement.parties.all() if p.person_id}
    people = selectors.people_who_may_be_named(organisation_ids).exclude(pk__in=named)
    return EscalateForm(data, people=people, prefix="escalate")


def _party_form(disagreement, data=None):
    named = {p.person_id for p in disagreement.parties.all() if p.person_id}
    return PartyForm(
        data,
        organisations=selectors.organisations_to_name(),
        people=selectors.people_who_may_be_named(None).exclude(pk__in=named),
        prefix="party",
    )


def _detail_page(request, disagreement, *, respond=None, escalate=None, resolve=None, party=None, status=200):
    user = request.user
    return render(
        request,
        "thresholds/disagreement_detail.html",
        {
            "disagreement": disagreement,
            "clock": selectors.disagreement_clock(disagreement, timezone.localdate()),
            "can_respond": permissions.can_respond_to_disagreement(user, disagreement),
            "can_escalate": permissions.can_escalate_disagreement(user, disagreement),
            "can_add_party": permissions.can_add_party_to_disagreement(user, disagreement),
            "party_form": party or _party_form(disagreement),
            "can_resolve": permissions.can_resolve_disagreement(user, disagreement),
            "respond_form": respond or RespondForm(prefix="respond"),
            "escalate_form": escalate or _escalate_form(disagreement),
            "resolve_form": resolve or ResolveForm(prefix="resolve"),
            "next_stage": Disagreement.Stage(disagreement.stage + 1) if disagreement.stage < 4 else None,
            "stage_days": services.stage_working_days(),
        },
        status=status,
    )


@login_required
@require_safe
def disagreement_detail(request, pk: int):
    disagreement = selectors.disagreement_detail(request.user, pk)
    access(actor=request.user, action="thresholds.disagreement.view", target=disagreement)
    return _detail_page(request, disagreement)


def _act(request, pk: int, *, allowed, form_name: str, make_form, call):
    disagreement = selectors.disagreement_detail(request.user, pk)  # 404 unless visible
    allowed.require(request.user, disagreement)
    form = make_form(disagreement, request.POST)
    if form.is_valid():
        try:
            call(disagreement, form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            return redirect("thresholds:disagreement_detail", pk=pk)
    return _detail_page(request, disagreement, **{form_name: form}, status=400)


@login_required
@require_http_methods(["POST"])
def disagreement_respond(request, pk: int):
    def call(disagreement, data):
        services.disagreement_respond(disagreement=disagreement, actor=request.user, text=data["text"])
        messages.success(request, "Your response was added.")

    return _act(
        request,
        pk,
        allowed=permissions.can_respond_to_disagreement,
        form_name="respond",
        make_form=lambda d, data: RespondForm(data, prefix="respond"),
        call=call,
    )


@login_required
@require_http_methods(["POST"])
def disagreement_party_add(request, pk: int):
    def call(disagreement, data):
        party = services.disagreement_party_add(
            disagreement=disagreement, actor=request.user, organisation=data["organisation"], person=data["person"]
        )
        messages.success(request, f"{party} is now part of the disagreement and has been told.")

    return _act(
        request,
        pk,
        allowed=permissions.can_add_party_to_disagreement,
        form_name="party",
        make_form=_party_form,
        call=call,
    )


@login_required
@require_http_methods(["POST"])
def disagreement_escalate(request, pk: int):
    def call(disagreement, data):
        person = data.get("person")
        moved = services.disagreement_escalate(
            disagreement=disagreement, actor=request.user, reason=data["reason"], people=[person] if person else []
        )
        messages.success(
            request, f"Escalated to {moved.get_stage_display().lower()}. It is due on {moved.stage_due_on:%-d %B %Y}."
        )

    return _act(
        request,
        pk,
        allowed=permissions.can_escalate_disagreement,
        form_name="escalate",
        make_form=_escalate_form,
        call=call,
    )


@login_required
@require_http_methods(["POST"])
def disagreement_resolve(request, pk: int):
    def call(disagreement, data):
        services.disagreement_resolve(
            disagreement=disagreement, actor=request.user, outcome=data["outcome"], learning=data["learning"]
        )
        messages.success(request, "The disagreement is recorded as resolved.")

    return _act(
        request,
        pk,
        allowed=permissions.can_resolve_disagreement,
        form_name="resolve",
        make_form=lambda d, data: ResolveForm(data, prefix="resolve"),
        call=call,
    )


@login_required
@require_safe
def disagreement_report(request):
    """Disagreements by type, by stage reached and by working days to resolve, as charts with tables."""
    if not permissions.can_view_disagreement_report(request.user):
        raise Http404
    form = ReportFilterForm(request.GET if request.GET else None)
    dates = form.cleaned_data if form.is_bound and form.is_valid() else {}
    report = selectors.disagreement_report(
        request.user, raised_from=dates.get("raised_from"), raised_to=dates.get("raised_to")
    )
    charts = [
        bar_chart("Disagreements by type", report.by_type, category_label="Type", value_label="Disagreements"),
        bar_chart("Stage reached", report.by_stage, category_label="Stage", value_label="Disagreements"),
        bar_chart(
            "Working days from raising to resolution",
            report.days_to_resolve,
            category_label="Working days",
            value_label="Resolved disagreements",
        ),
    ]
    access(
        actor=request.user,
        action="thresholds.disagreement.report",
        target_type="thresholds.disagreement",
        target_label="Disagreements report",
        detail={"raised_from": str(dates.get("raised_from") or ""), "raised_to": str(dates.get("raised_to") or "")},
    )
    return render(
        request,
        "thresholds/disagreement_report.html",
        {
            "report": report,
            "charts": charts,
            "form": form,
            "dated": bool(dates.get("raised_from") or dates.get("raised_to")),
            "whole_partnership": permissions.sees_all_disagreement_figures(request.user),
        },
        status=400 if form.errors else 200,
    )

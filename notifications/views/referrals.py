"""Referral pages: an agency refers a possible serious incident; the CSPRG makes it a draft or closes it;
the referrer follows what became of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.lists import list_page
from dcfp.permissions import has_model_permission
from notifications import permissions, referrals, selectors
from notifications.filters import ReferralFilter
from notifications.forms import ReferralCloseForm, ReferralForm
from notifications.models import REFERRAL_SUMMARY_MAX, Referral
from notifications.views.actions import _errors


def _apply(form, error: ValidationError) -> None:
    for key, msgs in error.message_dict.items():
        form.add_error(key if key in form.fields else None, msgs)


@login_required
@require_safe
def referral_list(request):
    """The CSPRG's referrals, open ones first; a referrer's own. 404 for anyone else. Filtered as the API
    filters them (ReferralFilter); a filtered list is recorded in the audit trail."""
    if not permissions.can_list_referrals(request.user):
        raise Http404
    listing = list_page(request, ReferralFilter, selectors.referral_list(request.user))
    return render(
        request,
        "notifications/referrals/list.html",
        {
            "page": listing.page,
            "filters": listing.form,
            "query": listing.query,
            "page_numbers": listing.page_numbers,
            "sees_all": has_model_permission(request.user, "view", Referral),
            "can_refer": permissions.can_refer_possible_incident(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_create(request):
    if not permissions.can_refer_possible_incident(request.user):
        raise Http404
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referrals.referral_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"Referral {referral.pk} sent to the CSPRG. You will be told what becomes of it.")
            return redirect("notifications:referral_detail", pk=referral.pk)
    errors = _errors(form) if form.is_bound else []
    return render(
        request,
        "notifications/referrals/form.html",
        {"form": form, "errors": errors, "summary_max": REFERRAL_SUMMARY_MAX},
        status=400 if errors else 200,
    )


@login_required
@require_safe
def referral_detail(request, pk: int):
    """The referral and what became of it. Reading it is recorded in the audit trail."""
    referral = selectors.referral_detail(request.user, pk)
    access(actor=request.user, action="notifications.referral.view", target=referral)
    incident = referral.incident
    incident_url = (
        reverse("notifications:detail", args=[incident.pk])
        if incident is not None and permissions.can_view_incident(request.user, incident)
        else ""
    )
    return render(
        request,
        "notifications/referrals/detail.html",
        {
            "referral": referral,
            "incident_url": incident_url,
            "can_decide": permissions.can_decide_referral(request.user, referral),
            "sees_all": has_model_permission(request.user, "view", Referral),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_close(request, pk: int):
    referral = selectors.referral_detail(request.user, pk)
    permissions.can_decide_referral.require(request.user, referral)
    form = ReferralCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referrals.referral_close(referral=referral, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"Referral {referral.pk} closed. The referrer is told.")
            return redirect("notifications:referral_detail", pk=referral.pk)
    errors = _errors(form) if form.is_bound else []
    return render(
        request,
        "notifications/referrals/close.html",
        {"form": form, "referral": referral, "errors": errors},
        status=400 if errors else 200,
    )

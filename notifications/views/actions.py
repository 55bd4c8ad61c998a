"""Decision and outcome pages: agree or disagree, record as notified, conclude, withdraw."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dcfp.accounts import drafts
from notifications import criteria, permissions, selectors, services
from notifications.forms import ConcludeForm, DecisionForm, NotifiedForm, ReferForm, WithdrawForm
from notifications.models import Agreement


def _kept(request, form_class) -> dict:
    """On GET, what the person typed before their session timed out (nothing otherwise)."""
    return drafts.restore_initial(request, form_class) if request.method == "GET" else {}


def _errors(form) -> list[tuple[str, str]]:
    from notifications.views._forms import anchor

    items = [("main-content", e) for e in form.non_field_errors()]
    for field in form:
        items += [(anchor(field), e) for e in field.errors]
    return items


def _page(request, template: str, form, incident, status: int = 0, **context):
    errors = _errors(form) if form.is_bound else []
    return render(
        request,
        template,
        {"form": form, "incident": incident, "errors": errors, **context},
        status=status or (400 if errors else 200),
    )


def _apply(form, error: ValidationError, renames: dict[str, str] | None = None) -> None:
    """Put a service's messages beside their fields (under another name where `renames` says so)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, msgs in error.message_dict.items():
        key = (renames or {}).get(key, key)
        form.add_error(key if key in form.fields else None, msgs)


def _run(form, service, renames: dict[str, str] | None = None, **arguments) -> int:
    """Call the service. Returns 0 when it acted; otherwise the status of the page that says why not:
    409 when the incident is no longer in a state that allows this, 400 when something typed is wrong."""
    try:
        service(**arguments)
    except services.InvalidTransition as error:
        form.add_error(None, error.messages)
        return 409
    except ValidationError as error:
        _apply(form, error, renames)
        return 400
    return 0


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_decide(request, pk: int):
    """The QA chair or a partner representative agrees, or returns the incident to draft with a reason."""
    incident = selectors.incident_detail(request.user, pk)
    capacity, why_not = permissions.agreement_capacity(request.user, incident)
    if capacity is None:
        raise PermissionDenied(why_not)
    form = DecisionForm(request.POST or None, initial=_kept(request, DecisionForm))
    failed = 0
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["decision"] == "agree"
        service = services.incident_agree if agree else services.incident_disagree
        failed = _run(form, service, incident=incident, actor=request.user, reason=form.cleaned_data["reason"])
        if not failed:
            if agree:
                messages.success(request, f"You agreed incident {incident.reference}.")
            else:
                messages.success(request, f"Incident {incident.reference} returned to draft.")
            return redirect("notifications:detail", pk=incident.pk)
    children = list(incident.children.all())
    return _page(
        request,
        "notifications/decide.html",
        form,
        incident,
        failed,
        capacity=dict(Agreement.Capacity.choices)[capacity],
        children=children,
        result=criteria.evaluate(incident, children),
        clock=selectors.incident_clock(incident, timezone.localdate()),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_record_notified(request, pk: int):
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_record_outcome.require(request.user, incident)
    form = NotifiedForm(request.POST or None, initial=_kept(request, NotifiedForm))
    failed = 0
    if request.method == "POST" and form.is_valid():
        submitted_at = timezone.make_aware(
            datetime.combine(form.cleaned_data["submitted_on"], form.cleaned_data["submitted_time"])
        )
        failed = _run(
            form,
            services.incident_record_notified,
            renames={"submitted_at": "submitted_on"},
            incident=incident,
            actor=request.user,
            national_reference=form.cleaned_data["national_reference"],
            submitted_at=submitted_at,
        )
        if not failed:
            messages.success(request, f"Incident {incident.reference} recorded as notified.")
            return redirect("notifications:detail", pk=incident.pk)
    return _page(request, "notifications/notified.html", form, incident, failed)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_conclude(request, pk: int):
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_record_outcome.require(request.user, incident)
    form = ConcludeForm(request.POST or None, initial=_kept(request, ConcludeForm))
    failed = 0
    if request.method == "POST" and form.is_valid():
        failed = _run(
            form,
            services.incident_conclude_not_notifiable,
            incident=incident,
            actor=request.user,
            rationale=form.cleaned_data["note"],
        )
        if not failed:
            messages.success(request, f"Incident {incident.reference} concluded as not notifiable.")
            return redirect("notifications:detail", pk=incident.pk)
    return _page(request, "notifications/conclude.html", form, incident, failed)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_withdraw(request, pk: int):
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_withdraw_incident.require(request.user, incident)
    form = WithdrawForm(request.POST or None, initial=_kept(request, WithdrawForm))
    failed = 0
    if request.method == "POST" and form.is_valid():
        failed = _run(
            form,
            services.incident_withdraw,
            incident=incident,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if not failed:
            messages.success(request, f"Incident {incident.reference} withdrawn.")
            return redirect("notifications:detail", pk=incident.pk)
    return _page(request, "notifications/withdraw.html", form, incident, failed)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_refer(request, pk: int):
    """The CSPRG concludes an incident outside the partnership's area as referred to the authority
    responsible for notifying it."""
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_refer_incident.require(request.user, incident)
    authority = criteria.responsible_elsewhere(incident, list(incident.children.all()))
    if not authority:
        raise PermissionDenied(services.NOT_REFERABLE)
    form = ReferForm(request.POST or None, initial=_kept(request, ReferForm))
    failed = 0
    if request.method == "POST" and form.is_valid():
        failed = _run(
            form, services.incident_refer, incident=incident, actor=request.user, note=form.cleaned_data["note"]
        )
        if not failed:
            messages.success(request, f"Incident {incident.reference} concluded as referred to {authority}.")
            return redirect("notifications:detail", pk=incident.pk)
    return _page(request, "notifications/refer.html", form, incident, failed, authority=authority)

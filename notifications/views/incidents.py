"""Incident pages: list, awaiting my agreement, check answers, detail. A draft is begun and changed on
its question pages (notifications.views.sections)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.copies.selectors import copies_of
from dcfp.lists import list_page
from dcfp.roles import Role, has_role
from notifications import criteria, permissions, selectors, services
from notifications.executive import executive_copy_open
from notifications.filters import IncidentFilter
from notifications.forms import SECTIONS, section_of
from notifications.models import Incident
from notifications.validation import validate_incident


@login_required
@require_safe
def incident_list(request):
    """Every incident the person may see, with filters and paging; 404 for anyone who sees none by role.
    A filtered list is recorded in the audit trail (dcfp.lists)."""
    if not permissions.can_list_incidents(request.user):
        raise Http404
    today = timezone.localdate()
    listing = list_page(
        request,
        IncidentFilter,
        selectors.incident_list(request.user),
        counter=lambda: selectors.incident_count(request.user),
        today=today,
    )
    for incident in listing.page.object_list:
        incident.clock = selectors.incident_clock(incident, today)
    return render(
        request,
        "notifications/list.html",
        {
            "page": listing.page,
            "filters": listing.form,
            "query": listing.query,
            "page_numbers": listing.page_numbers,
            "can_create": permissions.can_create_incident(request.user),
        },
    )


@login_required
@require_safe
def awaiting_my_agreement(request):
    """For the QA chair and partner representatives: incidents waiting for their decision."""
    if not has_role(request.user, Role.QA_CHAIR, Role.PARTNER_REP):
        raise Http404
    today = timezone.localdate()
    incidents = selectors.incidents_awaiting_my_agreement(request.user)
    for incident in incidents:
        incident.clock = selectors.incident_clock(incident, today)
    return render(request, "notifications/awaiting.html", {"incidents": incidents})


def _problems(error: ValidationError, incident: Incident) -> list[tuple[str, str]]:
    """(link, message) for each of a draft's problems, each linking to the question page that answers it."""
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
    return [
        (f"{reverse(section_of(key).url_name, args=[incident.pk])}?from=check", message)
        for key, messages in pairs
        for message in messages
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_check(request, pk: int):
    """Check your answers part by part, each with a link to change it on its own page; see the criteria
    reasoning and what still stops agreement; then send the draft for agreement."""
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_submit_incident.require(request.user, incident)
    children = list(incident.children.all())
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            services.incident_submit_for_agreement(incident=incident, actor=request.user)
        except ValidationError as error:
            problems = _problems(error, incident)
        else:
            messages.success(request, f"Incident {incident.reference} sent for agreement.")
            return redirect("notifications:detail", pk=incident.pk)
    else:
        # A question page saves its own part even while another part disagrees with it (a death with
        # no child marked as died): what still has to change is listed before anyone tries to send it.
        try:
            validate_incident(incident, children)
        except ValidationError as error:
            problems = _problems(error, incident)
    return render(
        request,
        "notifications/check.html",
        {
            "incident": incident,
            "children": children,
            "sections": [
                (section, f"{reverse(section.url_name, args=[incident.pk])}?from=check") for section in SECTIONS
            ],
            "result": criteria.evaluate(incident, children),
            "problems": problems,
            "posted": request.method == "POST",
            "clock": selectors.incident_clock(incident, timezone.localdate()),
            "refer_to": criteria.responsible_elsewhere(incident, children),
        },
        status=400 if problems and request.method == "POST" else 200,
    )


@login_required
@require_safe
def incident_detail(request, pk: int):
    """The incident, the criteria reasoning, the clock, the agreements and every event. Reading it is
    recorded in the audit trail."""
    incident = selectors.incident_detail(request.user, pk)
    user = request.user
    children = list(incident.children.all())
    access(actor=user, action="notifications.incident.view", target=incident)
    can_copy = permissions.can_open_executive_copy(user, incident)
    # Reading the record page counts as opening the member's copy, as opening the PDF does.
    my_copy = executive_copy_open(incident=incident, reader=user) if can_copy else None
    show_oversight = has_role(user, Role.CSPRG, Role.QA_CHAIR)
    return render(
        request,
        "notifications/detail.html",
        {
            "incident": incident,
            "children": children,
            "result": criteria.evaluate(incident, children),
            "clock": selectors.incident_clock(incident, timezone.localdate()),
            "agreements": incident.agreements.select_related("person", "organisation").order_by("round", "at"),
            "still_needed": selectors.agreements_still_needed(incident),
            "timeline": selectors.incident_timeline(incident),
            "copies": copies_of(incident) if show_oversight else None,
            "my_copy": my_copy,
            "can_edit": permissions.can_edit_incident(user, incident),
            "can_decide": permissions.can_agree_incident(user, incident),
            "can_record": permissions.can_record_outcome(user, incident),
            "can_withdraw": permissions.can_withdraw_incident(user, incident),
            "refer_to": criteria.responsible_elsewhere(incident, children)
            if permissions.can_refer_incident(user, incident)
            else "",
            "can_copy": can_copy,
            "pdf_url": reverse("notifications:record_pdf", args=[incident.pk])
            if permissions.can_download_record(user, incident)
            else "",
        },
    )

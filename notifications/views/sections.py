"""A draft incident's question pages: one page per part of the incident (when, what happened, where,
agencies and summary, children, proposed outcome), each saving its own part of the draft and going on
to the next, the last to check your answers. Logging a new incident is the first of them: its answers
(the dates, which start the notification clock) make the draft, and the other pages follow.

Each page saves with the version it was opened at, so a change someone else saved meanwhile is a
conflict, never overwritten; what was typed on a page whose session ran out is put back on it
(dcfp.accounts.drafts). Only the page's own answers can stop it saving: what depends on another page
is shown on check your answers, which refuses to send a draft that is not complete.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dcfp.accounts import drafts
from notifications import permissions, selectors, services
from notifications.forms import SECTIONS, ChildFormSet, Section
from notifications.models import MAX_CHILDREN, RATIONALE_MAX, SUMMARY_MAX, Incident, Referral
from notifications.views import _forms

BY_SLUG = {section.slug: section for section in SECTIONS}
# Sent by the check page's "Change" links and kept through the page, so Continue goes back there.
FROM_CHECK = "check"


def _neighbours(section: Section) -> tuple[Section | None, Section | None]:
    index = SECTIONS.index(section)
    return (SECTIONS[index - 1] if index else None, SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None)


def _input(incident: Incident, section: Section, form, formset) -> services.IncidentInput:
    """The draft as saved, with this page's answers in place of its part."""
    if section.fields:
        children = [{name: getattr(child, name) for name in services.CHILD_FIELDS} for child in incident.children.all()]
    else:
        children = [f.cleaned_data for f in _forms.filled_forms(formset)]
    agencies = form.cleaned_data["agencies_involved"] if "agencies_involved" in section.fields else None
    return services.IncidentInput(
        fields={k: v for k, v in form.cleaned_data.items() if k not in ("agencies_involved", "version")},
        children=children,
        agencies_involved=list(agencies) if agencies is not None else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_section(request, pk: int, section: str):
    """One question page of a draft: only whoever may change the draft (the CSPRG) sees it."""
    part = BY_SLUG.get(section)
    if part is None:
        raise Http404
    incident = selectors.incident_detail(request.user, pk)
    permissions.can_edit_incident.require(request.user, incident)
    form_class = part.form_class()
    asks_children = not part.fields
    from_check = (request.POST.get("from") or request.GET.get("from")) == FROM_CHECK
    previous, following = _neighbours(part)
    adjusting = False
    if request.method == "POST":
        form, formset, adjusting = _forms.bound_forms(request.POST, form_class)
        valid = form.is_valid() & (formset.is_valid() if asks_children else True)
        if not adjusting and valid:
            try:
                services.incident_update_draft(
                    incident=incident,
                    actor=request.user,
                    version=form.cleaned_data.get("version") or 0,
                    data=_input(incident, part, form, formset),
                    only=part.keys,
                )
            except ValidationError as error:
                child_forms = _forms.filled_forms(formset) if asks_children else []
                _forms.apply_errors(error, form, formset if asks_children else None, child_forms)
            except services.EditConflict as conflict:
                # What was typed stays; saving it again is a conscious choice to replace their changes.
                posted = request.POST.copy()
                posted["version"] = str(Incident.objects.get(pk=incident.pk).version)
                form, formset, _ = _forms.bound_forms(posted, form_class)
                form.is_valid()
                formset.is_valid()
                form.add_error(
                    None,
                    f"{conflict} What you typed is kept below: open the incident in another tab to compare, "
                    "then continue again to replace their changes with yours.",
                )
            else:
                if from_check or following is None:
                    return redirect("notifications:check", pk=incident.pk)
                return redirect(following.url_name, pk=incident.pk)
    elif (kept := drafts.restore(request)) is not None:
        # What the person typed before their session timed out, put back without judging it yet.
        form, formset, adjusting = _forms.bound_forms(kept, form_class)
        adjusting = True
    else:
        form = form_class(initial=_forms.initial_of(incident))
        formset = ChildFormSet(initial=_forms.children_initial(incident), prefix=_forms.PREFIX)
    check_url = reverse("notifications:check", args=[incident.pk])
    return _page(
        request,
        part,
        form,
        formset,
        adjusting=adjusting,
        incident=incident,
        back_url=check_url if from_check or previous is None else reverse(previous.url_name, args=[pk]),
        from_check=from_check,
    )


def _page(request, part: Section, form, formset, *, adjusting: bool, incident: Incident | None, back_url: str, **extra):
    asks_children = not part.fields
    errors = [] if adjusting else _forms.error_list(form, formset if asks_children else None)
    return render(
        request,
        "notifications/section.html",
        {
            "form": form,
            "formset": formset,
            "incident": incident,
            "section": part,
            "section_template": f"notifications/sections/{part.slug}.html",
            "position": SECTIONS.index(part) + 1,
            "section_count": len(SECTIONS),
            "back_url": back_url,
            "check_url": reverse("notifications:check", args=[incident.pk]) if incident else "",
            "errors": errors,
            "show_errors": not adjusting,
            "max_children": MAX_CHILDREN,
            "summary_max": SUMMARY_MAX,
            "rationale_max": RATIONALE_MAX,
            **extra,
        },
        status=400 if errors else 200,
    )


def _referral(request) -> Referral | None:
    """The open referral a new draft is made from (?referral=<id> or the page's hidden field), or None.
    Anyone who may not decide it gets 404, as for a referral they cannot see."""
    pk = request.POST.get("referral") or request.GET.get("referral")
    if not pk:
        return None
    try:
        referral = selectors.referral_detail(request.user, int(pk))
    except ValueError:
        raise Http404 from None
    if not permissions.can_decide_referral(request.user, referral):
        raise Http404
    return referral


def _from_referral(referral: Referral | None) -> services.IncidentInput:
    """What an agency's referral already says, carried into the draft made from it."""
    if referral is None:
        return services.IncidentInput(fields={}, children=[], agencies_involved=None)
    summary = f"{referral.summary}\n\n(Referred by {referral.organisation.name}, referral {referral.pk}.)"
    return services.IncidentInput(
        fields={"area": referral.area, "summary": summary},
        children=[{"name": referral.child_name}],
        agencies_involved=None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_start(request):
    """Log a serious incident: the first question page (when it happened and when the authority became
    aware, which start the notification clock). Continue makes the draft and goes on to the next page;
    made from an agency's referral, the referral's answers are carried into the draft and the referral
    records what it became. Only the CSPRG sees it."""
    if not permissions.can_create_incident(request.user):
        raise Http404
    referral = _referral(request)
    part = SECTIONS[0]
    form_class = part.form_class()
    adjusting = False
    if request.method == "POST":
        form, formset, adjusting = _forms.bound_forms(request.POST, form_class)
        if form.is_valid():
            carried = _from_referral(referral)
            fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            data = services.IncidentInput(
                fields={**carried.fields, **fields}, children=carried.children, agencies_involved=None
            )
            try:
                incident = services.incident_create(actor=request.user, data=data, referral=referral, only=part.keys)
            except ValidationError as error:
                _forms.apply_errors(error, form, None, [])
            else:
                return redirect(SECTIONS[1].url_name, pk=incident.pk)
    elif (kept := drafts.restore(request)) is not None:
        # What the person typed before their session timed out, put back without judging it yet.
        form, formset, adjusting = _forms.bound_forms(kept, form_class)
        adjusting = True
    else:
        form = form_class(initial={"occurred_on": referral.occurred_on} if referral else {})
        formset = ChildFormSet(prefix=_forms.PREFIX)
    return _page(
        request,
        part,
        form,
        formset,
        adjusting=adjusting,
        incident=None,
        back_url=reverse("notifications:referral_detail", args=[referral.pk])
        if referral
        else reverse("notifications:list"),
        referral=referral,
    )

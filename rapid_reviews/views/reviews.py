"""Rapid review pages: list, start, detail with its playbook, report sections, outcome, sign-off,
endorsement, sent to the Panel and the Panel's reply."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.copies.selectors import copies_of
from dcfp.permissions import Rule
from dcfp.roles import Role, has_role
from notifications import criteria
from notifications.permissions import can_view_incident
from notifications.selectors import incident_detail
from rapid_reviews import permissions, playbook, selectors, services
from rapid_reviews.executive import report_copy_open
from rapid_reviews.filters import ReviewFilter
from rapid_reviews.forms import (
    AddAgencyForm,
    EndorseForm,
    OutcomeForm,
    PanelReplyForm,
    SectionForm,
    SentForm,
)
from rapid_reviews.models import LocalReview, RapidReview, ReportSection
from rapid_reviews.views._common import action_page, apply, errors_of, filtered_list, kept_initial

PAGE_SIZE = 25


@login_required
@require_safe
def review_list(request):
    """Every rapid review the person may see, with its clock; for the CSPRG, notified incidents that
    have no review yet. 404 for anyone who sees none by role."""
    if not permissions.can_list_reviews(request.user):
        raise Http404
    return filtered_list(
        request,
        ReviewFilter,
        selectors.review_list(request.user),
        "rapid_reviews/list.html",
        {"to_start": selectors.notified_without_review(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_start(request, incident_pk: int):
    """Open the rapid review of a notified incident, or say why none can be opened."""
    if not permissions.can_start_review(request.user):
        raise Http404
    incident = incident_detail(request.user, incident_pk)
    refusal = services.start_refusal(incident)
    if request.method == "POST" and not refusal:
        try:
            review = services.review_start(incident=incident, actor=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, f"Rapid review {review.reference} opened and agency summaries requested.")
            return redirect("rapid_reviews:detail", pk=review.pk)
    children = list(incident.children.all())
    return render(
        request,
        "rapid_reviews/start.html",
        {
            "incident": incident,
            "refusal": refusal,
            "result": criteria.evaluate(incident, children),
            "agencies": list(incident.agencies_involved.order_by("name")),
        },
        status=400 if refusal and request.method == "POST" else 200,
    )


@login_required
@require_safe
def review_detail(request, pk: int):
    """The review: its clock and playbook with today marked, the agency summaries (CSPRG), the report,
    the outcome, sign-offs, endorsement and the Panel. Reading it is recorded in the audit trail."""
    review = selectors.review_detail(request.user, pk)
    user = request.user
    today = timezone.localdate()
    access(actor=user, action="rapid_reviews.review.view", target=review)
    can_copy = permissions.can_open_executive_copy(user, review)
    # Reading the review's page counts as opening the member's copy, as opening the PDF does.
    my_copy = report_copy_open(review=review, reader=user) if can_copy else None
    manage = permissions.can_manage_review(user, review)
    summaries = selectors.review_summaries(review) if manage else []
    for summary in summaries:
        summary.clock = selectors.summary_clock(summary, today)
    sign_offs = list(review.sign_offs.filter(round=review.sign_off_round).select_related("person", "organisation"))
    signed = {s.organisation_id for s in sign_offs}
    return render(
        request,
        "rapid_reviews/detail.html",
        {
            "review": review,
            "incident": review.incident,
            "clock": selectors.review_clock(review, today),
            "today": today,
            "steps": playbook.steps(review.counted_from, today),
            "summaries": summaries,
            "sections": list(review.sections.all()),
            "sign_offs": sign_offs,
            "partners_to_sign": [o for o in services.reviews.partner_organisations() if o.pk not in signed]
            if review.status == RapidReview.Status.SIGN_OFF
            else [],
            "timeline": selectors.timeline(review),
            "can_manage": manage,
            "can_copy": can_copy,
            "my_copy": my_copy,
            "copies": copies_of(review) if has_role(user, Role.CSPRG, Role.QA_CHAIR) else None,
            "can_download_report": permissions.can_download_report(user, review),
            "can_view_incident": can_view_incident(user, review.incident),
            "can_edit": permissions.can_edit_report(user, review),
            "can_sign_off": permissions.can_sign_off(user, review),
            "can_endorse": permissions.can_endorse(user, review),
            "can_send": manage and review.status == RapidReview.Status.READY,
            "can_reply": manage and review.status == RapidReview.Status.SENT,
            "reg11_labels": [RapidReview.Reg11(c).label for c in review.reg11_criteria],
            "can_commission": not permissions.commission_refusal(user, review),
            "local_review": LocalReview.objects.filter(rapid_review=review).first(),
            "can_add_recommendations": permissions.can_add_actions(user),
            "recommendations": selectors.recommendations_of(review) if permissions.can_add_actions(user) else [],
        },
    )


def _review_for(request, pk: int, allowed: Rule) -> RapidReview:
    """The review (404 for anyone who may not see it), or 403 with the rule's reason."""
    review = selectors.review_detail(request.user, pk)
    allowed.require(request.user, review)
    return review


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_edit(request, pk: int, key: str):
    """The CSPRG writes one section of the report. Two people saving one section: the second is told,
    their text is kept, and the other's saved text is shown beside it."""
    review = _review_for(request, pk, permissions.can_edit_report)
    if key not in ReportSection.Key.values:
        raise Http404
    section = get_object_or_404(ReportSection, review=review, key=key)
    conflict = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                services.section_save(
                    section=section,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except services.EditConflict as error:
                section.refresh_from_db()
                conflict = section
                posted = request.POST.copy()
                posted["version"] = str(section.version)
                form = SectionForm(posted)
                form.is_valid()
                form.add_error(None, f"{error} What you typed is kept below; their saved text is shown under it.")
            except ValidationError as error:
                apply(form, error)
            else:
                messages.success(request, f"{section.get_key_display()} saved.")
                return redirect(reverse("rapid_reviews:detail", args=[review.pk]) + f"#section-{key}")
    else:
        form = SectionForm(
            initial=kept_initial(request, SectionForm, {"text": section.text, "version": section.version})
        )
    form.fields["text"].label = section.get_key_display()
    errors = errors_of(form)
    return render(
        request,
        "rapid_reviews/section.html",
        {"review": review, "section": section, "form": form, "errors": errors, "conflict": conflict},
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcome(request, pk: int):
    review = _review_for(request, pk, permissions.can_record_outcome)
    return action_page(
        request,
        form_class=OutcomeForm,
        template="rapid_reviews/outcome.html",
        initial={
            "outcome": review.outcome,
            "rationale": review.outcome_rationale,
            "reg11_criteria": review.reg11_criteria,
        },
        run=lambda data: services.review_record_outcome(
            review=review,
            actor=request.user,
            outcome=data["outcome"],
            rationale=data["rationale"],
            reg11_criteria=data["reg11_criteria"],
        ),
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success="Outcome recorded.",
        context={"review": review},
    )


class ConfirmForm(forms.Form):
    """A confirmation with nothing to type."""


def _confirm(request, review, *, title: str, intro: str, button: str, run, success: str):
    return action_page(
        request,
        form_class=ConfirmForm,
        template="rapid_reviews/confirm.html",
        run=lambda data: run(),
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success=success,
        context={"review": review, "title": title, "intro": intro, "button": button},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def send_for_sign_off(request, pk: int):
    review = _review_for(request, pk, permissions.can_send_for_sign_off)
    return _confirm(
        request,
        review,
        title="Send the report for partner sign-off",
        intro="One representative of each Safeguarding Partner will be asked to sign off the report and its "
        "outcome. You cannot change the report while it waits for sign-off.",
        button="Send for sign-off",
        run=lambda: services.review_send_for_sign_off(review=review, actor=request.user),
        success=f"Rapid review {review.reference} sent for partner sign-off.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sign_off(request, pk: int):
    review = selectors.review_detail(request.user, pk)
    refusal = permissions.sign_off_refusal(request.user, review)
    if refusal:
        raise PermissionDenied(refusal)
    return _confirm(
        request,
        review,
        title=f"Sign off for {request.user.organisation.name}",
        intro="You sign off the Summary and Outcome of Rapid Review, and its outcome, for your organisation only.",
        button="Sign off",
        run=lambda: services.review_sign_off(review=review, actor=request.user),
        success=f"You signed off rapid review {review.reference} for {request.user.organisation.name}.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def endorse(request, pk: int):
    review = _review_for(request, pk, permissions.can_endorse)

    def run(data):
        if data["decision"] == "endorse":
            return services.review_endorse(review=review, actor=request.user)
        return services.review_decline_endorsement(review=review, actor=request.user, reason=data["reason"])

    return action_page(
        request,
        form_class=EndorseForm,
        template="rapid_reviews/endorse.html",
        run=run,
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success=f"Your decision on rapid review {review.reference} is recorded.",
        context={"review": review, "sections": list(review.sections.all())},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record_sent(request, pk: int):
    review = _review_for(request, pk, permissions.can_record_sent)
    return action_page(
        request,
        form_class=SentForm,
        template="rapid_reviews/form_page.html",
        run=lambda data: services.review_record_sent(review=review, actor=request.user, sent_on=data["sent_on"]),
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success=f"Rapid review {review.reference} recorded as sent to the National Panel.",
        context={"review": review, "title": "Record as sent to the National Panel", "button": "Record as sent"},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def panel_reply(request, pk: int):
    review = _review_for(request, pk, permissions.can_record_panel_reply)
    return action_page(
        request,
        form_class=PanelReplyForm,
        template="rapid_reviews/form_page.html",
        run=lambda data: services.review_record_panel_reply(
            review=review, actor=request.user, reply=data["reply"], replied_on=data["replied_on"], note=data["note"]
        ),
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success="The Panel's reply is recorded.",
        context={"review": review, "title": "Record the National Panel's reply", "button": "Record the reply"},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_agency(request, pk: int):
    review = _review_for(request, pk, permissions.can_add_agency)
    return action_page(
        request,
        form_class=AddAgencyForm,
        template="rapid_reviews/form_page.html",
        run=lambda data: services.review_add_agency(
            review=review, organisation=data["organisation"], actor=request.user
        ),
        done=reverse("rapid_reviews:detail", args=[review.pk]),
        success="The agency has been asked for its summary.",
        context={"review": review, "title": "Ask another agency for a summary", "button": "Ask for a summary"},
    )

"""Local review pages (list, commission, detail, reviewer, terms, milestones, extensions, written
requests, sending and publication) and the pages of recommendations and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from dcfp.audit.services import access
from dcfp.permissions import Rule
from rapid_reviews import permissions, selectors, services
from rapid_reviews.filters import ActionFilter, LocalReviewFilter
from rapid_reviews.forms import (
    ActionForm,
    ActionUpdateForm,
    AppointForm,
    CommissionForm,
    ExtensionDecisionForm,
    ExtensionForm,
    LocalSentForm,
    MilestoneForm,
    PublicationForm,
    ReasonForm,
    RecommendationForm,
    ReplyForm,
    RequestForm,
    TermsForm,
)
from rapid_reviews.models import Extension, InformationRequest, LocalReview, RapidReview
from rapid_reviews.views._common import action_page, apply, errors_of, filtered_list, kept_initial


@login_required
@require_safe
def local_review_list(request):
    """The local reviews the person may see, filtered as the API filters them (LocalReviewFilter)."""
    if not permissions.can_list_local_reviews(request.user):
        raise Http404
    return filtered_list(
        request, LocalReviewFilter, selectors.local_review_list(request.user), "rapid_reviews/local_list.html"
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def commission(request, pk: int):
    """The CSPRG records the decision to hold a local review (outcome (c), or the Panel's request)."""
    review = selectors.review_detail(request.user, pk)
    refusal = permissions.commission_refusal(request.user, review)
    if refusal:
        raise PermissionDenied(refusal)
    return action_page(
        request,
        form_class=CommissionForm,
        template="rapid_reviews/form_page.html",
        run=lambda data: services.local_review_commission(
            rapid_review=review, actor=request.user, decided_on=data["decided_on"]
        ),
        done=lambda local: reverse("rapid_reviews:local", args=[local.pk]),  # type: ignore[attr-defined]
        success="Local review commissioned: appoint its reviewer next.",
        context={
            "review": review,
            "title": "Commission a local child safeguarding practice review",
            "intro": "It must be completed and published within 6 calendar months of the decision.",
            "button": "Commission the local review",
        },
    )


@login_required
@require_safe
def local_review_detail(request, pk: int):
    """The local review: dates (the original one always shown), reviewer, terms of reference,
    milestones, extensions, written requests and replies, sending and publication. Reading it is
    recorded in the audit trail."""
    review = selectors.local_review_detail(request.user, pk)
    user = request.user
    access(actor=user, action="rapid_reviews.local.view", target=review)
    manage = permissions.can_manage_local_review(user, review)
    requests: list = list(review.requests.select_related("asked_by", "replied_by"))
    for item in requests:
        item.can_reply = permissions.can_reply_to_request(user, item)
    extensions: list = list(review.extensions.select_related("requested_by", "decided_by"))
    for extension in extensions:
        extension.can_decide = permissions.can_decide_extension(user, extension)
    return render(
        request,
        "rapid_reviews/local_detail.html",
        {
            "review": review,
            "clock": review.clock_state(timezone.localdate()),
            "milestones": list(review.milestones.all()),
            "extensions": extensions,
            "requests": requests,
            "recommendations": selectors.recommendations_of(review)
            if manage or permissions.can_add_actions(user)
            else [],
            "can_manage": manage,
            "earliest_publication": services.earliest_publication(review.sent_on) if review.sent_on else None,
            "can_open_rapid_review": permissions.can_view_review(user, review.rapid_review),
        },
    )


def _managed(request, pk: int, allowed: Rule) -> LocalReview:
    """The local review (404 for anyone who may not see it), or 403 with the rule's reason."""
    review = selectors.local_review_detail(request.user, pk)
    allowed.require(request.user, review)
    return review


def _page(request, review: LocalReview, *, form_class, run, title: str, button: str, success: str, **extra):
    return action_page(
        request,
        form_class=form_class,
        template="rapid_reviews/local_form.html",
        run=run,
        done=reverse("rapid_reviews:local", args=[review.pk]),
        success=success,
        initial=extra.pop("initial", None),
        context={"local": review, "title": title, "button": button, **extra},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def appoint(request, pk: int):
    review = _managed(request, pk, permissions.can_appoint_reviewer)
    return _page(
        request,
        review,
        form_class=AppointForm,
        run=lambda d: services.local_review_appoint_reviewer(review=review, actor=request.user, reviewer=d["reviewer"]),
        title="Appoint the independent reviewer",
        button="Appoint",
        success="Reviewer appointed and told.",
        intro="The reviewer sees this local review, and nothing else in the system.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terms(request, pk: int):
    """Terms of reference and methodology, with a conflict message (and what was typed kept) when
    someone else saved in between."""
    review = _managed(request, pk, permissions.can_set_terms)
    if request.method == "POST":
        form = TermsForm(request.POST)
        if form.is_valid():
            try:
                services.local_review_set_terms(review=review, actor=request.user, **form.cleaned_data)
            except services.EditConflict as error:
                posted = request.POST.copy()
                posted["version"] = str(LocalReview.objects.get(pk=review.pk).version)
                form = TermsForm(posted)
                form.is_valid()
                form.add_error(None, f"{error} What you typed is kept below.")
            except ValidationError as error:
                apply(form, error)
            else:
                messages.success(request, "Terms of reference saved.")
                return redirect("rapid_reviews:local", pk=review.pk)
    else:
        initial = {
            "terms_of_reference": review.terms_of_reference,
            "methodology": review.methodology,
            "methodology_other": review.methodology_other,
            "version": review.version,
        }
        form = TermsForm(initial=kept_initial(request, TermsForm, initial))
    errors = errors_of(form)
    return render(
        request,
        "rapid_reviews/local_form.html",
        {"form": form, "errors": errors, "local": review, "title": "Terms of reference", "button": "Save"},
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_add(request, pk: int):
    review = _managed(request, pk, permissions.can_add_milestone)
    return _page(
        request,
        review,
        form_class=MilestoneForm,
        run=lambda d: services.milestone_add(review=review, actor=request.user, **d),
        title="Add a milestone",
        button="Add the milestone",
        success="Milestone added.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def extension_add(request, pk: int):
    review = _managed(request, pk, permissions.can_request_extension)
    return _page(
        request,
        review,
        form_class=ExtensionForm,
        run=lambda d: services.extension_request(review=review, actor=request.user, **d),
        title="Ask for an extension",
        button="Ask the QA Group chair",
        success="The QA Group chair has been asked to decide.",
        intro=f"The review is due {review.due_on:%-d %B %Y} (originally {review.original_due_on:%-d %B %Y}). "
        "The QA Group chair approves or refuses an extension; the original date stays on record.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def extension_decide(request, pk: int):
    extension = get_object_or_404(Extension.objects.select_related("review"), pk=pk)
    review = selectors.local_review_detail(request.user, extension.review_id)
    permissions.can_decide_extension.require(request.user, extension)
    return _page(
        request,
        review,
        form_class=ExtensionDecisionForm,
        run=lambda d: services.extension_decide(
            extension=extension, actor=request.user, approve=d["decision"] == "approve", note=d["note"]
        ),
        title="Decide on the extension",
        button="Record your decision",
        success="Your decision is recorded.",
        intro=f"From {review.due_on:%-d %B %Y} to {extension.new_due_on:%-d %B %Y}. Reason: {extension.reason}",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_add(request, pk: int):
    review = _managed(request, pk, permissions.can_write_to_reviewer)
    return _page(
        request,
        review,
        form_class=RequestForm,
        run=lambda d: services.request_ask(review=review, actor=request.user, **d),
        title="Write to the reviewer",
        button="Send the request",
        success="Request sent to the reviewer.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_reply(request, pk: int):
    item = get_object_or_404(InformationRequest.objects.select_related("review"), pk=pk)
    review = selectors.local_review_detail(request.user, item.review_id)
    permissions.can_reply_to_request.require(request.user, item)
    return _page(
        request,
        review,
        form_class=ReplyForm,
        run=lambda d: services.request_reply(request=item, actor=request.user, reply=d["reply"]),
        title=f"Reply: {item.get_kind_display().lower()} requested",
        button="Send your reply",
        success="Reply sent.",
        intro=item.text,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def local_sent(request, pk: int):
    review = _managed(request, pk, permissions.can_record_local_sent)
    return _page(
        request,
        review,
        form_class=LocalSentForm,
        run=lambda d: services.local_review_record_sent(
            review=review, actor=request.user, sent_on=d["sent_on"], what=d["what"]
        ),
        title="Record as sent to the Panel, the Secretary of State and Ofsted",
        button="Record as sent",
        success="Recorded as sent.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publication(request, pk: int):
    review = _managed(request, pk, permissions.can_record_publication)
    intro = ""
    if review.sent_on:
        intro = (
            f"The report was sent on {review.sent_on:%-d %B %Y}: the earliest publication date allowed is "
            f"{services.earliest_publication(review.sent_on):%-d %B %Y}."
        )
    return _page(
        request,
        review,
        form_class=PublicationForm,
        run=lambda d: services.local_review_record_publication(review=review, actor=request.user, **d),
        title="Record publication",
        button="Record publication",
        success="Publication recorded.",
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def not_publishing(request, pk: int):
    review = _managed(request, pk, permissions.can_record_not_publishing)
    return _page(
        request,
        review,
        form_class=ReasonForm,
        run=lambda d: services.local_review_record_not_publishing(
            review=review, actor=request.user, reason=d["reason"]
        ),
        title="Record that the report will not be published",
        button="Record the reason",
        success="Recorded: not to be published.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_add(request, pk: int, kind: str):
    """The CSPRG records a recommendation of a rapid review (kind "rapid") or a local review ("local")."""
    review: LocalReview | RapidReview
    if kind == "local":
        review = selectors.local_review_detail(request.user, pk)
        done = reverse("rapid_reviews:local", args=[pk])
    else:
        review = selectors.review_detail(request.user, pk)
        done = reverse("rapid_reviews:detail", args=[pk])
    permissions.can_add_recommendation.require(request.user)
    return action_page(
        request,
        form_class=RecommendationForm,
        template="rapid_reviews/local_form.html",
        run=lambda d: services.recommendation_add(review=review, actor=request.user, text=d["text"]),
        done=done,
        success="Recommendation recorded: give agencies its actions.",
        context={
            "local": review,
            "title": f"Add a recommendation of {review.reference}",
            "button": "Add",
            "cancel": done,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_add(request, pk: int, recommendation: int, kind: str):
    """The CSPRG gives an agency an action on one recommendation of a rapid review (kind "rapid") or a
    local review ("local"). The recommendation is looked up among that review's own: an id from
    another review answers 404, as does a review the person may not see."""
    if not permissions.can_add_actions(request.user):
        raise Http404
    review: LocalReview | RapidReview
    if kind == "local":
        review = selectors.local_review_detail(request.user, pk)
    else:
        review = selectors.review_detail(request.user, pk)
    recommendation_ = get_object_or_404(review.recommendations.all(), pk=recommendation)
    return action_page(
        request,
        form_class=ActionForm,
        template="rapid_reviews/local_form.html",
        run=lambda d: services.action_add(recommendation=recommendation_, actor=request.user, **d),
        done=reverse("rapid_reviews:actions"),
        success="Action given to the agency; its leads have been told.",
        context={
            "local": review,
            "title": "Give an agency an action",
            "intro": recommendation_.text,
            "button": "Add the action",
            "cancel": reverse("rapid_reviews:actions"),
        },
    )


@login_required
@require_safe
def action_list(request):
    """The actions the person may see, filtered as the API filters them (ActionFilter)."""
    if not permissions.can_list_actions(request.user):
        raise Http404
    return filtered_list(
        request,
        ActionFilter,
        selectors.action_list(request.user),
        "rapid_reviews/action_list.html",
        {"sees_every_agency": permissions.sees_every_action(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_detail(request, pk: int):
    """An action, its progress and evidence; the agency's own leads update and complete it. Anyone
    else, other agencies included, gets 404."""
    action = selectors.action_detail(request.user, pk)
    can_update = permissions.can_update_action(request.user, action)
    if request.method == "POST":
        permissions.can_update_action.require(request.user, action)
    form = None
    if can_update:
        data = request.POST if request.method == "POST" else None
        form = ActionUpdateForm(data, initial=kept_initial(request, ActionUpdateForm))
        if request.method == "POST" and form.is_valid():
            try:
                services.action_update(action=action, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply(form, error)
            else:
                messages.success(request, "Progress recorded.")
                return redirect("rapid_reviews:action", pk=action.pk)
    errors = errors_of(form) if form is not None else []
    return render(
        request,
        "rapid_reviews/action.html",
        {
            "action": action,
            "updates": list(action.updates.select_related("author")),
            "clock": action.clock_state(timezone.localdate()),
            "form": form,
            "errors": errors,
        },
        status=400 if errors else 200,
    )

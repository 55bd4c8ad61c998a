"""Local review services: commission one, appoint the reviewer, terms of reference and milestones,
extensions approved by the QA chair, written requests to the reviewer, sending and publication."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp import deadlines
from dcfp.audit.services import record, snapshot
from dcfp.permissions import grant, revoke
from dcfp.roles import Role, has_role
from rapid_reviews import permissions
from rapid_reviews.models import Extension, InformationRequest, LocalReview, Milestone, RapidReview
from rapid_reviews.services._common import EditConflict, InvalidTransition, message, move, people_with_role


def _link(review: LocalReview) -> str:
    return f"/rapid-reviews/local/{review.pk}/"


def _locked(review: LocalReview) -> LocalReview:
    return LocalReview.objects.select_for_update().get(pk=review.pk)


def _save(review: LocalReview, actor, action: str, before: dict, **detail) -> None:
    review.version += 1
    review.save()
    record(actor=actor, action=action, target=review, before=before, after=snapshot(review), detail=detail or None)


def earliest_publication(sent_on: date) -> date:
    """The first publication date allowed: the report (or the improvements) must reach the Panel, the
    Secretary of State and Ofsted at least 7 working days before publication."""
    return deadlines.add_working_days(sent_on, deadlines.PUBLICATION_NOTICE_WORKING_DAYS)


@transaction.atomic
def local_review_commission(*, rapid_review: RapidReview, actor, decided_on: date) -> LocalReview:
    """The CSPRG records the decision to hold a local review, from outcome (c) or the Panel's request.
    Its clock: completed and published 6 calendar months after the decision (31 August + 6 months is
    28 or 29 February)."""
    rapid_review = RapidReview.objects.select_for_update().get(pk=rapid_review.pk)
    permissions.can_commission_local_review.require(actor)
    refusal = permissions.commission_refusal(actor, rapid_review)
    if refusal:
        raise InvalidTransition(refusal)
    if decided_on is None or decided_on > timezone.localdate():
        raise ValidationError({"decided_on": ["The date of the decision must be today or in the past"]})
    if decided_on < rapid_review.notified_on:
        raise ValidationError({"decided_on": ["The decision cannot be before the notification"]})
    due_on = deadlines.local_review_due(decided_on)
    review = LocalReview.objects.create(
        rapid_review=rapid_review,
        reference=rapid_review.reference.replace("RR-", "LR-", 1),
        source=LocalReview.Source.PANEL
        if rapid_review.panel_reply == RapidReview.PanelReply.LOCAL_REVIEW
        else LocalReview.Source.OUTCOME_C,
        decided_on=decided_on,
        original_due_on=due_on,
        due_on=due_on,
        created_by=actor,
        is_demo=rapid_review.is_demo,
    )
    record(actor=actor, action="rapid_reviews.local.commission", target=review, after=snapshot(review))
    return review


@transaction.atomic
def local_review_appoint_reviewer(*, review: LocalReview, actor, reviewer) -> LocalReview:
    """The CSPRG appoints the independent reviewer, who then sees this review (and only the reviews they
    are appointed to). A reviewer replaced loses access at once."""
    review = _locked(review)
    permissions.can_appoint_reviewer.require(actor, review)
    if review.status not in LocalReview.OPEN_STATUSES or review.status == LocalReview.Status.SENT:
        raise InvalidTransition("The reviewer is appointed before the report is sent.")
    if not (reviewer.is_active and has_role(reviewer, Role.REVIEWER)):
        raise ValidationError({"reviewer": ["Choose a person with the independent reviewer role"]})
    before = snapshot(review)
    previous = review.reviewer
    if previous is not None and previous.pk != reviewer.pk:
        revoke("view", previous, review)
    review.reviewer = reviewer
    grant("view", reviewer, review)
    if review.status == LocalReview.Status.DECIDED:
        move(review, LocalReview.Status.UNDER_WAY)
    _save(review, actor, "rapid_reviews.local.appoint", before, reviewer=reviewer.pk)
    message(
        [reviewer],
        f"You are the reviewer of local review {review.reference}",
        f"You have been appointed the independent reviewer of local child safeguarding practice review "
        f"{review.reference}, due {review.due_on:%-d %B %Y}.",
        _link(review),
    )
    return review


@transaction.atomic
def local_review_set_terms(
    *, review: LocalReview, actor, version: int, terms_of_reference: str, methodology: str, methodology_other: str = ""
) -> LocalReview:
    """The CSPRG writes the terms of reference and the methodology (appreciative inquiry by default, or
    another named one). A stale `version` is refused with EditConflict."""
    review = _locked(review)
    permissions.can_set_terms.require(actor, review)
    if review.version != version:
        raise EditConflict(EditConflict.message)
    errors = {}
    if methodology not in LocalReview.Methodology.values:
        errors["methodology"] = ["Select the methodology"]
    elif methodology == LocalReview.Methodology.OTHER and not methodology_other.strip():
        errors["methodology_other"] = ["Name the methodology"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    review.terms_of_reference = terms_of_reference.strip()
    review.methodology = methodology
    review.methodology_other = methodology_other.strip() if methodology == LocalReview.Methodology.OTHER else ""
    _save(review, actor, "rapid_reviews.local.terms", before)
    return review


@transaction.atomic
def milestone_add(*, review: LocalReview, actor, title: str, due_on: date) -> Milestone:
    """The CSPRG adds a milestone with its date."""
    permissions.can_add_milestone.require(actor, review)
    if not title.strip():
        raise ValidationError({"title": ["Enter the milestone"]})
    if due_on is None or due_on < review.decided_on:
        raise ValidationError({"due_on": ["The milestone's date must be on or after the decision"]})
    milestone = Milestone.objects.create(review=review, title=title.strip(), due_on=due_on)
    record(actor=actor, action="rapid_reviews.local.milestone", target=review, detail={"title": milestone.title})
    return milestone


@transaction.atomic
def extension_request(*, review: LocalReview, actor, new_due_on: date, reason: str) -> Extension:
    """The CSPRG asks for a later date, with a reason; the QA Group chair is asked to decide."""
    review = _locked(review)
    permissions.can_request_extension.require(actor, review)
    if review.status not in LocalReview.OPEN_STATUSES:
        raise InvalidTransition("The review is finished.")
    errors = {}
    if not reason.strip():
        errors["reason"] = ["Explain why more time is needed"]
    if new_due_on is None or new_due_on <= review.due_on:
        errors["new_due_on"] = [f"The new date must be after the current date, {review.due_on:%-d %B %Y}"]
    if review.extensions.filter(status=Extension.Status.PENDING).exists():
        errors["new_due_on"] = ["An extension already waits for the QA Group chair"]
    if errors:
        raise ValidationError(errors)
    extension = Extension.objects.create(
        review=review, new_due_on=new_due_on, reason=reason.strip(), requested_by=actor
    )
    record(
        actor=actor,
        action="rapid_reviews.local.extension_request",
        target=review,
        detail={"new_due_on": new_due_on, "reason": extension.reason},
    )
    message(
        people_with_role(Role.QA_CHAIR),
        f"Extension of local review {review.reference} awaits your decision",
        f"The CSPRG asks to extend local review {review.reference} from {review.due_on:%-d %B %Y} to "
        f"{new_due_on:%-d %B %Y}. Read the reason in the service.",
        _link(review),
    )
    return extension


@transaction.atomic
def extension_decide(*, extension: Extension, actor, approve: bool, note: str = "") -> Extension:
    """The QA Group chair approves (the review's date moves; its original date stays recorded and
    shown) or refuses (a reason is needed) an extension."""
    extension = Extension.objects.select_for_update().select_related("review").get(pk=extension.pk)
    permissions.can_decide_extension.require(actor, extension)
    if not approve and not note.strip():
        raise ValidationError({"note": ["Explain why the extension is refused"]})
    move(extension, Extension.Status.APPROVED if approve else Extension.Status.REFUSED)
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    review = _locked(extension.review)
    before = snapshot(review)
    if approve:
        review.due_on = extension.new_due_on
    _save(review, actor, "rapid_reviews.local.extension_decide", before, approved=approve, reason=note.strip())
    message(
        [extension.requested_by],
        f"Extension of local review {review.reference} {'approved' if approve else 'refused'}",
        f"The QA Group chair {'approved' if approve else 'refused'} the extension of local review {review.reference}.",
        _link(review),
    )
    return extension


@transaction.atomic
def request_ask(*, review: LocalReview, actor, kind: str, text: str) -> InformationRequest:
    """The CSPRG asks the reviewer, in writing, for information or a draft. The request is kept."""
    permissions.can_write_to_reviewer.require(actor, review)
    if review.reviewer_id is None:
        raise InvalidTransition("Appoint the reviewer first.")
    errors = {}
    if kind not in InformationRequest.Kind.values:
        errors["kind"] = ["Select what you ask for"]
    if not text.strip():
        errors["text"] = ["Write your request"]
    if errors:
        raise ValidationError(errors)
    request = InformationRequest.objects.create(review=review, kind=kind, text=text.strip(), asked_by=actor)
    record(actor=actor, action="rapid_reviews.local.request", target=review, detail={"kind": kind})
    message(
        [review.reviewer],
        f"Request for {request.get_kind_display().lower()}: local review {review.reference}",
        f"The CSPRG has written to you about local review {review.reference}. Reply in the service.",
        _link(review),
    )
    return request


@transaction.atomic
def request_reply(*, request: InformationRequest, actor, reply: str) -> InformationRequest:
    """The reviewer replies in writing; the reply is kept with the request and the CSPRG is told."""
    request = InformationRequest.objects.select_for_update().select_related("review").get(pk=request.pk)
    permissions.can_reply_to_request.require(actor, request)
    if not reply.strip():
        raise ValidationError({"reply": ["Write your reply"]})
    request.reply = reply.strip()
    request.replied_by = actor
    request.replied_at = timezone.now()
    request.save()
    record(actor=actor, action="rapid_reviews.local.reply", target=request.review, detail={"request": request.pk})
    message(
        [request.asked_by],
        f"The reviewer replied: local review {request.review.reference}",
        f"The reviewer of local review {request.review.reference} replied to your request.",
        _link(request.review),
    )
    return request


@transaction.atomic
def local_review_record_sent(*, review: LocalReview, actor, sent_on: date, what: str) -> LocalReview:
    """The CSPRG records the date the final report, or where it will not be published the improvements
    to be made, was sent to the Panel, the Secretary of State and Ofsted."""
    review = _locked(review)
    permissions.can_record_local_sent.require(actor, review)
    if review.status != LocalReview.Status.UNDER_WAY:
        raise InvalidTransition("Only a local review under way, with its reviewer, is sent.")
    errors = {}
    if what not in LocalReview.Sent.values:
        errors["what"] = ["Select what was sent"]
    if sent_on is None or sent_on > timezone.localdate():
        errors["sent_on"] = ["The date sent must be today or in the past"]
    elif sent_on < review.decided_on:
        errors["sent_on"] = ["The date sent must be on or after the decision"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    move(review, LocalReview.Status.SENT)
    review.sent_on = sent_on
    review.sent_what = what
    _save(review, actor, "rapid_reviews.local.sent", before)
    return review


@transaction.atomic
def local_review_record_publication(
    *, review: LocalReview, actor, publication_on: date, published_url: str
) -> LocalReview:
    """The CSPRG records the publication date and address. A date fewer than 7 working days after the
    report was sent to the Panel, the Secretary of State and Ofsted is refused, naming the earliest."""
    review = _locked(review)
    permissions.can_record_publication.require(actor, review)
    if review.status != LocalReview.Status.SENT or review.sent_on is None:
        raise InvalidTransition(
            "Record when the report was sent to the Panel, the Secretary of State and Ofsted first."
        )
    if review.sent_what != LocalReview.Sent.REPORT:
        raise InvalidTransition("Only the improvements were sent: the report is not to be published.")
    errors = {}
    earliest = earliest_publication(review.sent_on)
    if publication_on is None:
        errors["publication_on"] = ["Enter the publication date"]
    elif publication_on < earliest:
        errors["publication_on"] = [
            f"The publication date must be at least 7 working days after the report was sent on "
            f"{review.sent_on:%-d %B %Y}: the earliest allowed is {earliest:%-d %B %Y}"
        ]
    if not published_url.strip():
        errors["published_url"] = ["Enter the address where the report is published"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    move(review, LocalReview.Status.PUBLISHED)
    review.publication_on = publication_on
    review.published_url = published_url.strip()
    _save(review, actor, "rapid_reviews.local.published", before)
    return review


@transaction.atomic
def local_review_record_not_publishing(*, review: LocalReview, actor, reason: str) -> LocalReview:
    """The CSPRG records that the report will not be published, with the reason."""
    review = _locked(review)
    permissions.can_record_not_publishing.require(actor, review)
    if review.status != LocalReview.Status.SENT:
        raise InvalidTransition("Record what was sent to the Panel, the Secretary of State and Ofsted first.")
    if not reason.strip():
        raise ValidationError({"reason": ["Explain why the report will not be published"]})
    before = snapshot(review)
    move(review, LocalReview.Status.NOT_PUBLISHED)
    review.not_publishing_reason = reason.strip()
    _save(review, actor, "rapid_reviews.local.not_published", before)
    return review

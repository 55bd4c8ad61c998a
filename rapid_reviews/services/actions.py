"""Recommendations of rapid and local reviews, and the agency actions that carry them out."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp.audit.services import record, snapshot
from dcfp.models import Organisation
from dcfp.permissions import grant
from dcfp.roles import Role
from rapid_reviews import permissions
from rapid_reviews.models import Action, ActionUpdate, LocalReview, RapidReview, Recommendation
from rapid_reviews.services._common import message, move, people_with_role


@transaction.atomic
def recommendation_add(*, review: RapidReview | LocalReview, actor, text: str) -> Recommendation:
    """The CSPRG records a recommendation of a rapid review or a local review."""
    permissions.can_add_recommendation.require(actor)
    if not text.strip():
        raise ValidationError({"text": ["Enter the recommendation"]})
    recommendation = Recommendation(text=text.strip(), created_by=actor)
    if isinstance(review, LocalReview):
        recommendation.local_review = review
    else:
        recommendation.rapid_review = review
    recommendation.save()
    record(
        actor=actor, action="rapid_reviews.recommendation.add", target=recommendation, after=snapshot(recommendation)
    )
    return recommendation


@transaction.atomic
def action_add(
    *, recommendation: Recommendation, actor, organisation: Organisation, description: str, due_on: date
) -> Action:
    """The CSPRG gives an agency an action, with its due date; the agency's leads are told, see it and
    update it (nobody else in their organisation, and no other agency)."""
    permissions.can_add_actions.require(actor)
    errors = {}
    if not description.strip():
        errors["description"] = ["Describe the action"]
    if due_on is None or due_on < timezone.localdate():
        errors["due_on"] = ["The due date must be today or later"]
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        recommendation=recommendation, organisation=organisation, description=description.strip(), due_on=due_on
    )
    grant("view", organisation, action)
    grant("change", organisation, action)
    record(actor=actor, action="rapid_reviews.action.add", target=action, after=snapshot(action))
    message(
        people_with_role(Role.AGENCY_LEAD, organisation),
        f"New action for {organisation.name} from {recommendation.source_reference}",
        f"{organisation.name} has an action from {recommendation.source_reference}, due {due_on:%-d %B %Y}.",
        f"/rapid-reviews/actions/{action.pk}/",
    )
    return action


@transaction.atomic
def action_update(*, action: Action, actor, text: str, complete: bool = False) -> Action:
    """The agency's lead records progress with its evidence (in words); `complete` closes the action."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    permissions.can_update_action.require(actor, action)
    if not text.strip():
        raise ValidationError({"text": ["Describe the progress and its evidence"]})
    before = snapshot(action)
    ActionUpdate.objects.create(action=action, author=actor, text=text.strip())
    if complete:
        move(action, Action.Status.COMPLETED)
        action.completed_at = timezone.now()
        action.completed_by = actor
        action.save()
    record(
        actor=actor,
        action="rapid_reviews.action.complete" if complete else "rapid_reviews.action.update",
        target=action,
        before=before,
        after=snapshot(action),
    )
    return action

"""Rapid review clocks, registered with the clock sweep (dcfp.alerts.registry).

- The rapid review: 15 working days from the notification (statutory: the CSPRG is reminded; overdue
  goes to the QA Group chair and the Executive as well).
- Each agency summary: working day 10 (the agency's leads are chased; overdue goes to the CSPRG too).
- The local review: completed and published 6 calendar months after the decision, or by an approved
  extension (statutory: the CSPRG is reminded; overdue goes to the QA Group chair and the Executive).
- Each action on a recommendation: its due date (the agency's leads are reminded; overdue goes to the
  CSPRG too).
"""

from collections.abc import Mapping, Sequence

from django.db.models import Model

from dcfp.alerts.registry import Clock, ClockKind, people_with_roles, register
from dcfp.roles import Role
from rapid_reviews.models import Action, AgencySummary, LocalReview, RapidReview


def agency_leads(records: Sequence[Model]) -> Mapping[int, Sequence]:
    """Each summary's agency's active safeguarding leads, for a whole batch in one query."""
    from dcfp.models import User

    organisations = {r.pk: r.organisation_id for r in records}  # type: ignore[attr-defined]
    leads: dict[int, list] = {}
    for person in User.objects.filter(
        is_active=True, groups__name=Role.AGENCY_LEAD, organisation_id__in=set(organisations.values())
    ).distinct():
        leads.setdefault(person.organisation_id, []).append(person)
    return {pk: leads.get(org, []) for pk, org in organisations.items()}


RAPID_REVIEW = register(
    Clock(
        name="rapid_review",
        label="rapid review",
        model=RapidReview,
        due_field="due_on",
        open_records=RapidReview.objects.open,
        must_act=people_with_roles(Role.CSPRG),
        kind=ClockKind.STATUTORY,
        describe=lambda review: review.reference,
        link=lambda review: f"/rapid-reviews/{review.pk}/",
    )
)

AGENCY_SUMMARY = register(
    Clock(
        name="agency_summary",
        label="agency summary",
        model=AgencySummary,
        due_field="due_on",
        open_records=lambda: (
            AgencySummary.objects.open()
            .exclude(review__status=RapidReview.Status.SENT)
            .select_related("review", "organisation")
        ),
        must_act=agency_leads,
        kind=ClockKind.AGENCY,
        describe=lambda summary: f"{summary.review.reference} ({summary.organisation.name})",
        link=lambda summary: f"/rapid-reviews/summaries/{summary.pk}/",
    )
)

LOCAL_REVIEW = register(
    Clock(
        name="local_review",
        label="local child safeguarding practice review",
        model=LocalReview,
        due_field="due_on",
        open_records=LocalReview.objects.open,
        must_act=people_with_roles(Role.CSPRG),
        kind=ClockKind.STATUTORY,
        describe=lambda review: review.reference,
        link=lambda review: f"/rapid-reviews/local/{review.pk}/",
    )
)

ACTION = register(
    Clock(
        name="review_action",
        label="review action",
        model=Action,
        due_field="due_on",
        open_records=lambda: Action.objects.open().select_related("organisation", "recommendation"),
        must_act=agency_leads,
        kind=ClockKind.AGENCY,
        describe=lambda action: f"action for {action.organisation.name}",
        link=lambda action: f"/rapid-reviews/actions/{action.pk}/",
    )
)

"""Reads of rapid reviews and agency summaries that depend on who is asking. Each starts from
`visible_reviews` or `visible_summaries`; each list costs a fixed number of queries whatever its rows."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dcfp.deadlines import ClockState
from dcfp.permissions import get_object_or_404
from notifications.models import Incident
from rapid_reviews import permissions
from rapid_reviews.models import Action, AgencySummary, Extension, InformationRequest, LocalReview, RapidReview, SignOff
from rapid_reviews.models.local import ActionQuerySet, LocalReviewQuerySet


def review_clock(review: RapidReview, today: date) -> ClockState:
    """The rapid review clock: running until sent to the National Panel, then met on time or late."""
    return review.clock_state(today)


def summary_clock(summary: AgencySummary, today: date) -> ClockState:
    """An agency summary's clock: running until submitted (a returned one runs again)."""
    return summary.clock_state(today)


def review_list(user) -> QuerySet[RapidReview]:
    """Rapid reviews the person may see, soonest due first, each with how many agency summaries are in
    out of how many asked (rapid_reviews.filters.ReviewFilter narrows them by status and clock)."""
    qs = (
        permissions.visible_reviews(user)
        .select_related("incident")
        .annotate(
            summary_count=Count("summaries", distinct=True),
            submitted_count=Count(
                "summaries", filter=Q(summaries__status=AgencySummary.Status.SUBMITTED), distinct=True
            ),
        )
    )
    return qs.order_by("due_on", "id")


def with_clocks(rows, today: date) -> list:
    """The rows (reviews, summaries, local reviews or actions), each carrying its `clock` on `today`."""
    rows = list(rows)
    for row in rows:
        row.clock = row.clock_state(today)
    return rows


def review_detail(user, pk: int) -> RapidReview:
    """One rapid review the person may see, with what its page shows; 404 otherwise."""
    qs = RapidReview.objects.select_related("incident", "created_by", "panel_link", "endorsed_by").prefetch_related(
        "sections__updated_by"
    )
    return get_object_or_404(user, qs, "view", pk=pk)


def review_summaries(review: RapidReview) -> list:
    """A review's agency summaries with their agencies (for the CSPRG's view of the review)."""
    return list(review.summaries.select_related("organisation").order_by("organisation__name"))


def summary_list(user) -> QuerySet[AgencySummary]:
    """Agency summaries the person may see (the CSPRG: all; an agency lead: their own agency's), soonest
    due first (rapid_reviews.filters.SummaryFilter narrows them). One query whatever the number of rows."""
    return (
        permissions.visible_summaries(user)
        .select_related("review", "organisation")
        .order_by("due_on", "review_id", "organisation__name", "id")
    )


def summary_detail(user, pk: int) -> AgencySummary:
    """One agency summary the person may see; 404 for anyone else (other agencies included)."""
    qs = permissions.visible_summaries(user).select_related("review__incident", "organisation", "submitted_by")
    try:
        return qs.get(pk=pk)
    except AgencySummary.DoesNotExist as exc:
        from django.http import Http404

        raise Http404 from exc


def notified_without_review(user) -> list[Incident]:
    """Notified incidents that have no rapid review yet (for the CSPRG to open one, or to see why none
    is needed). One query whatever the number of rows."""
    return list(incidents_without_review(user))


def incidents_without_review(user) -> QuerySet[Incident]:
    """`notified_without_review` as a queryset, oldest notified first (the dashboard shows the first few
    and counts the rest)."""
    from notifications.permissions import visible_incidents

    if not permissions.can_start_review(user):
        return Incident.objects.none()
    return (
        visible_incidents(user)
        .filter(status=Incident.Status.NOTIFIED, rapid_review__isnull=True)
        .order_by("submitted_at", "id")
    )


def reviews_needing_attention(user) -> QuerySet[RapidReview]:
    """Open reviews the person may see, soonest due first (so the overdue ones lead); the dashboard shows
    the first few with their clocks and counts the rest."""
    return permissions.visible_reviews(user).open().order_by("due_on", "id")


def awaiting_my_sign_off(user) -> QuerySet[RapidReview]:
    """Reviews waiting for this partner representative's organisation to sign off in their current round,
    soonest due first (one query: the organisation's sign-offs are an EXISTS)."""
    from dcfp.roles import Role, has_role

    if not has_role(user, Role.PARTNER_REP) or not user.organisation.is_safeguarding_partner:
        return RapidReview.objects.none()
    signed = SignOff.objects.filter(
        review=OuterRef("pk"), round=OuterRef("sign_off_round"), organisation=user.organisation
    )
    return (
        permissions.visible_reviews(user)
        .filter(status=RapidReview.Status.SIGN_OFF)
        .exclude(Exists(signed))
        .order_by("due_on", "id")
    )


def awaiting_my_endorsement(user) -> QuerySet[RapidReview]:
    """Outcome (b) reviews waiting for an Executive member's endorsement, which this person may give."""
    from dcfp.roles import Role, has_role

    if not has_role(user, Role.EXECUTIVE):
        return RapidReview.objects.none()
    return permissions.visible_reviews(user).filter(status=RapidReview.Status.ENDORSEMENT).order_by("due_on", "id")


def summaries_to_write(user) -> QuerySet[AgencySummary]:
    """The agency summaries the person's own agency has still to write (requested, in draft or returned),
    soonest due first."""
    return (
        permissions.visible_summaries(user)
        .filter(status__in=AgencySummary.EDITABLE, organisation_id=user.organisation_id)
        .select_related("review", "organisation")
        .order_by("due_on", "id")
    )


def timeline(review: RapidReview) -> list[dict]:
    """Every change to the review, oldest first, from the audit trail."""
    from dcfp.audit.models import AuditEvent

    events = AuditEvent.objects.filter(
        target_type=RapidReview._meta.label_lower, target_id=str(review.pk), category=AuditEvent.Category.CHANGE
    ).select_related("actor")
    return [
        {
            "at": e.at,
            "who": e.actor.full_name if e.actor else (e.actor_label or "System"),
            "what": ACTION_TEXT.get(e.action, e.action),
            "detail": ((e.changes or {}).get("detail") or {}).get("reason", ""),
        }
        for e in events.order_by("at", "id")
    ]


ACTION_TEXT = {
    "rapid_reviews.review.start": "Rapid review opened; agency summaries requested",
    "rapid_reviews.report.section": "Report section saved",
    "rapid_reviews.review.outcome": "Outcome recorded",
    "rapid_reviews.review.sign_off_requested": "Sent for partner sign-off",
    "rapid_reviews.review.sign_off": "Signed off by a Safeguarding Partner",
    "rapid_reviews.review.endorse": "Endorsed by an Executive member",
    "rapid_reviews.review.decline": "Not endorsed: returned to the CSPRG",
    "rapid_reviews.review.sent": "Recorded as sent to the National Panel",
    "rapid_reviews.review.panel_reply": "The Panel's reply recorded",
}


# --- Local reviews and actions ---------------------------------------------------------------------


def local_review_list(user) -> LocalReviewQuerySet:
    """Local reviews the person may see (a reviewer: only their own), soonest due first
    (rapid_reviews.filters.LocalReviewFilter narrows them). One query whatever the number of rows."""
    return permissions.visible_local_reviews(user).select_related("rapid_review", "reviewer").order_by("due_on", "id")


def local_review_detail(user, pk: int) -> LocalReview:
    """One local review the person may see; 404 otherwise (a reviewer's other reviews included)."""
    qs = LocalReview.objects.select_related("rapid_review", "reviewer", "created_by")
    return get_object_or_404(user, qs, "view", pk=pk)


def open_local_reviews(user) -> QuerySet[LocalReview]:
    """Open local reviews the person may see (a reviewer: only their own), soonest due first."""
    return (
        permissions.visible_local_reviews(user)
        .open()
        .select_related("rapid_review", "reviewer")
        .order_by("due_on", "id")
    )


def extensions_awaiting(user) -> QuerySet[Extension]:
    """Extensions waiting for the QA Group chair's decision (for the QA chair only), oldest asked first."""
    from dcfp.roles import Role, has_role

    if not has_role(user, Role.QA_CHAIR):
        return Extension.objects.none()
    return (
        Extension.objects.filter(status=Extension.Status.PENDING, review__in=permissions.visible_local_reviews(user))
        .select_related("review")
        .order_by("id")
    )


def recommendations_of(review) -> list:
    """A review's recommendations with their actions and owning agencies (three queries)."""
    return list(review.recommendations.prefetch_related("actions__organisation").order_by("created_at", "id"))


def action_list(user) -> ActionQuerySet:
    """Actions the person may see (all for the CSPRG and the QA Group, an agency lead's own agency's),
    soonest due first (rapid_reviews.filters.ActionFilter narrows them). One query whatever the number of
    rows."""
    return (
        permissions.visible_actions(user)
        .select_related("organisation", "recommendation__rapid_review", "recommendation__local_review")
        .order_by("due_on", "id")
    )


def agency_open_actions(user) -> QuerySet[Action]:
    """The open actions owned by the person's own agency, among those they may see, soonest due first."""
    return (
        permissions.visible_actions(user)
        .open()
        .filter(organisation_id=user.organisation_id)
        .select_related("organisation", "recommendation__rapid_review", "recommendation__local_review")
        .order_by("due_on", "id")
    )


def action_detail(user, pk: int) -> Action:
    """One action the person may see; 404 for anyone else (other agencies included)."""
    qs = permissions.visible_actions(user).select_related(
        "organisation", "recommendation__rapid_review", "recommendation__local_review", "completed_by"
    )
    try:
        return qs.get(pk=pk)
    except Action.DoesNotExist as exc:
        from django.http import Http404

        raise Http404 from exc


def requests_waiting(user) -> dict[int, int]:
    """For a reviewer: how many written requests wait for their reply, by local review."""
    from django.db.models import Count

    rows = (
        InformationRequest.objects.filter(
            review__in=permissions.visible_local_reviews(user), review__reviewer=user, replied_at__isnull=True
        )
        .values("review_id")
        .annotate(n=Count("id"))
    )
    return {row["review_id"]: row["n"] for row in rows}

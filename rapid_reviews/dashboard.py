"""Dashboard panels for rapid reviews, by role, built from rapid_reviews.selectors.

- CSPRG: rapid reviews by clock state (overdue, due today, due soon, on track), and notified incidents
  that have no rapid review yet.
- Agency leads: their own agency's summaries still to write, with their clocks.
- Partner representatives: reviews awaiting their organisation's sign-off.
- Executive members: reviews awaiting endorsement.
- The CSPRG: local reviews with their clocks. The QA chair: extensions awaiting their decision.
- Reviewers: the local reviews they are appointed to, with the written requests waiting for a reply.
- Agency leads: their agency's open actions with their clocks.
Anyone else gets no panel from here.
"""

from datetime import date

from django.urls import reverse

from dcfp.dashboard import Panel, capped, register
from dcfp.deadlines import ClockState
from dcfp.roles import Role, has_role
from notifications.models import Incident
from rapid_reviews import selectors
from rapid_reviews.models import AgencySummary, LocalReview


def _panel(title: str, id_: str, rows: list[dict], empty: str, **more) -> Panel:
    return Panel(
        title=title,
        template="rapid_reviews/dashboard/rows.html",
        context={"id": id_, "rows": rows, "empty": empty, **more},
    )


def _review_row(review, detail: str = "") -> dict:
    return {
        "url": reverse("rapid_reviews:detail", args=[review.pk]),
        "label": review.reference,
        "detail": detail or f"{review.get_status_display()}, due {review.due_on:%-d %b %Y}",
        "clock": getattr(review, "clock", None),
    }


def _start_row(incident) -> dict:
    return {"url": reverse("rapid_reviews:start", args=[incident.pk]), "label": incident.reference, "detail": ""}


def rapid_review_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG):
        groups = selectors.reviews_needing_attention(user, today=today)
        rows = [_review_row(r) for state in groups for r in groups[state]]
        panels.append(
            _panel(
                "Rapid reviews by clock",
                "rapid-reviews-clock",
                rows,
                "No rapid review is open.",
                more_url=reverse("rapid_reviews:list"),
                more_text="See all rapid reviews",
                counts=[(ClockState(s).label, len(groups[s])) for s in groups],
            )
        )
        to_start = capped(
            selectors.incidents_without_review(user),
            link=f"{reverse('notifications:list')}?status={Incident.Status.NOTIFIED}",
        )
        panels.append(
            _panel(
                "Notified incidents awaiting a rapid review",
                "rapid-reviews-to-start",
                [_start_row(incident) for incident in to_start.rows],
                "Every notified incident has its rapid review.",
                panel_rows=to_start,
                more_url=to_start.link if to_start.more else "",
                more_text="See all notified incidents",
            )
        )
    if has_role(user, Role.AGENCY_LEAD):
        open_summaries = [
            s
            for s in selectors.summary_list(user, today=today)
            if s.status in AgencySummary.EDITABLE and s.organisation_id == user.organisation_id
        ]
        panels.append(
            _panel(
                "Agency summaries to write",
                "agency-summaries",
                [
                    {
                        "url": reverse("rapid_reviews:summary", args=[s.pk]),
                        "label": f"{s.review.reference} ({s.organisation.name})",
                        "detail": f"{s.get_status_display()}, due {s.due_on:%-d %b %Y}",
                        "clock": s.clock,
                    }
                    for s in open_summaries
                ],
                "Your agency has no rapid review summary to write.",
            )
        )
    if has_role(user, Role.PARTNER_REP):
        panels.append(
            _panel(
                "Rapid reviews awaiting your sign-off",
                "rapid-reviews-sign-off",
                [_review_row(r, f"due {r.due_on:%-d %b %Y}") for r in selectors.awaiting_my_sign_off(user)],
                "No rapid review awaits your organisation's sign-off.",
            )
        )
    if has_role(user, Role.EXECUTIVE):
        panels.append(
            _panel(
                "Rapid reviews awaiting Executive endorsement",
                "rapid-reviews-endorsement",
                [_review_row(r, "no further review recommended") for r in selectors.awaiting_my_endorsement(user)],
                "No rapid review awaits endorsement.",
            )
        )
    panels += _local_review_panels(user, today)
    return panels


def _local_review_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG, Role.REVIEWER):
        reviews = [r for r in selectors.local_review_list(user, today=today) if r.status in LocalReview.OPEN_STATUSES]
        waiting = selectors.requests_waiting(user) if has_role(user, Role.REVIEWER) else {}
        rows = [
            {
                "url": reverse("rapid_reviews:local", args=[r.pk]),
                "label": r.reference,
                "detail": f"{r.get_status_display()}, due {r.due_on:%-d %b %Y}"
                + (f"; {waiting[r.pk]} request(s) waiting for your reply" if waiting.get(r.pk) else ""),
                "clock": r.clock,
            }
            for r in reviews
        ]
        title = "Your local reviews" if has_role(user, Role.REVIEWER) else "Local reviews by clock"
        panels.append(_panel(title, "local-reviews", rows, "No local review is open."))
    if has_role(user, Role.QA_CHAIR):
        panels.append(
            _panel(
                "Local review extensions awaiting your decision",
                "local-review-extensions",
                [
                    {
                        "url": reverse("rapid_reviews:local_extension_decide", args=[e.pk]),
                        "label": e.review.reference,
                        "detail": f"to {e.new_due_on:%-d %b %Y}",
                    }
                    for e in selectors.extensions_awaiting(user)
                ],
                "No extension awaits your decision.",
            )
        )
    if has_role(user, Role.AGENCY_LEAD):
        actions = [
            a
            for a in selectors.action_list(user, today=today, open_only=True)
            if a.organisation_id == user.organisation_id
        ]
        panels.append(
            _panel(
                "Your agency's actions from reviews",
                "review-actions",
                [
                    {
                        "url": reverse("rapid_reviews:action", args=[a.pk]),
                        "label": a.description[:80],
                        "detail": f"from {a.recommendation.source_reference}, due {a.due_on:%-d %b %Y}",
                        "clock": a.clock,
                    }
                    for a in actions
                ],
                "Your agency has no open action from a review.",
            )
        )
    return panels


register("rapid_reviews", rapid_review_panels, order=20)

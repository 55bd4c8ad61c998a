"""Dashboard panels for rapid reviews, by role, built from rapid_reviews.selectors.

- CSPRG: open rapid reviews soonest due first with their clocks, and notified incidents that have no
  rapid review yet.
- Agency leads: their own agency's summaries still to write, with their clocks.
- Partner representatives: reviews awaiting their organisation's sign-off.
- Executive members: reviews awaiting endorsement.
- The CSPRG: local reviews with their clocks. The QA chair: extensions awaiting their decision.
- Reviewers: the local reviews they are appointed to, with the written requests waiting for a reply.
- Agency leads: their agency's open actions with their clocks.
Anyone else gets no panel from here. Each panel shows at most ten rows, says how many there are (counted
up to a thousand) and links to the list that holds them all (dcfp.dashboard.capped).
"""

from datetime import date

from django.urls import reverse

from dcfp.dashboard import Capped, Panel, capped, register
from dcfp.roles import Role, has_role
from notifications.models import Incident
from rapid_reviews import selectors
from rapid_reviews.models import RapidReview


def _panel(title: str, id_: str, rows: list[dict], empty: str, **more) -> Panel:
    return Panel(
        title=title,
        template="rapid_reviews/dashboard/rows.html",
        context={"id": id_, "rows": rows, "empty": empty, **more},
    )


def _capped_panel(title: str, id_: str, shown: Capped, row, empty: str, more_text: str, **more) -> Panel:
    """A panel of at most PANEL_ROWS rows, its bounded count and a link to the list holding them all."""
    return _panel(
        title,
        id_,
        [row(r) for r in shown.rows],
        empty,
        panel_rows=shown,
        more_url=shown.link,
        more_text=more_text,
        **more,
    )


def _with_clock(shown: Capped, today: date) -> Capped:
    for row in shown.rows:
        row.clock = row.clock_state(today)
    return shown


def _review_row(review, detail: str = "") -> dict:
    return {
        "url": reverse("rapid_reviews:detail", args=[review.pk]),
        "label": review.reference,
        "detail": detail or f"{review.get_status_display()}, due {review.due_on:%-d %b %Y}",
        "clock": getattr(review, "clock", None),
    }


def _start_row(incident) -> dict:
    return {"url": reverse("rapid_reviews:start", args=[incident.pk]), "label": incident.reference, "detail": ""}


def _summary_row(summary) -> dict:
    return {
        "url": reverse("rapid_reviews:summary", args=[summary.pk]),
        "label": f"{summary.review.reference} ({summary.organisation.name})",
        "detail": f"{summary.get_status_display()}, due {summary.due_on:%-d %b %Y}",
        "clock": summary.clock,
    }


def _reviews_link(status: str = "") -> str:
    return f"{reverse('rapid_reviews:list')}?status={status}" if status else reverse("rapid_reviews:list")


def rapid_review_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG):
        attention = _with_clock(capped(selectors.reviews_needing_attention(user), link=_reviews_link()), today)
        panels.append(
            _capped_panel(
                "Rapid reviews by clock",
                "rapid-reviews-clock",
                attention,
                _review_row,
                "No rapid review is open.",
                "See all rapid reviews",
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
                order="oldest first",
                more_url=to_start.link if to_start.more else "",
                more_text="See all notified incidents",
            )
        )
    if has_role(user, Role.AGENCY_LEAD):
        panels.append(
            _capped_panel(
                "Agency summaries to write",
                "agency-summaries",
                _with_clock(capped(selectors.summaries_to_write(user), link=reverse("rapid_reviews:summaries")), today),
                _summary_row,
                "Your agency has no rapid review summary to write.",
                "See all your agency's summaries",
            )
        )
    if has_role(user, Role.PARTNER_REP):
        panels.append(
            _capped_panel(
                "Rapid reviews awaiting your sign-off",
                "rapid-reviews-sign-off",
                capped(selectors.awaiting_my_sign_off(user), link=_reviews_link(RapidReview.Status.SIGN_OFF)),
                lambda r: _review_row(r, f"due {r.due_on:%-d %b %Y}"),
                "No rapid review awaits your organisation's sign-off.",
                "See all rapid reviews awaiting sign-off",
            )
        )
    if has_role(user, Role.EXECUTIVE):
        panels.append(
            _capped_panel(
                "Rapid reviews awaiting Executive endorsement",
                "rapid-reviews-endorsement",
                capped(selectors.awaiting_my_endorsement(user), link=_reviews_link(RapidReview.Status.ENDORSEMENT)),
                lambda r: _review_row(r, "no further review recommended"),
                "No rapid review awaits endorsement.",
                "See all rapid reviews awaiting endorsement",
            )
        )
    panels += _local_review_panels(user, today)
    return panels


def _local_review_panels(user, today: date) -> list[Panel]:
    panels = []
    if has_role(user, Role.CSPRG, Role.REVIEWER):
        reviews = _with_clock(
            capped(selectors.open_local_reviews(user), link=reverse("rapid_reviews:local_list")), today
        )
        waiting = selectors.requests_waiting(user) if has_role(user, Role.REVIEWER) else {}

        def local_row(r) -> dict:
            return {
                "url": reverse("rapid_reviews:local", args=[r.pk]),
                "label": r.reference,
                "detail": f"{r.get_status_display()}, due {r.due_on:%-d %b %Y}"
                + (f"; {waiting[r.pk]} request(s) waiting for your reply" if waiting.get(r.pk) else ""),
                "clock": r.clock,
            }

        title = "Your local reviews" if has_role(user, Role.REVIEWER) else "Local reviews by clock"
        panels.append(
            _capped_panel(
                title, "local-reviews", reviews, local_row, "No local review is open.", "See all local reviews"
            )
        )
    if has_role(user, Role.QA_CHAIR):
        panels.append(
            _capped_panel(
                "Local review extensions awaiting your decision",
                "local-review-extensions",
                capped(selectors.extensions_awaiting(user), link=reverse("rapid_reviews:local_list")),
                lambda e: {
                    "url": reverse("rapid_reviews:local_extension_decide", args=[e.pk]),
                    "label": e.review.reference,
                    "detail": f"to {e.new_due_on:%-d %b %Y}",
                },
                "No extension awaits your decision.",
                "See all local reviews",
                order="oldest asked first",
            )
        )
    if has_role(user, Role.AGENCY_LEAD):
        panels.append(
            _capped_panel(
                "Your agency's actions from reviews",
                "review-actions",
                _with_clock(capped(selectors.agency_open_actions(user), link=reverse("rapid_reviews:actions")), today),
                lambda a: {
                    "url": reverse("rapid_reviews:action", args=[a.pk]),
                    "label": a.description[:80],
                    "detail": f"from {a.recommendation.source_reference}, due {a.due_on:%-d %b %Y}",
                    "clock": a.clock,
                },
                "Your agency has no open action from a review.",
                "See all actions",
            )
        )
    return panels


register("rapid_reviews", rapid_review_panels, order=20)

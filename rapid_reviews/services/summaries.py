"""Agency summary services: an agency lead saves a draft and submits it; the CSPRG returns it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp.audit.services import record, snapshot
from dcfp.roles import Role
from rapid_reviews import permissions
from rapid_reviews.models import AgencySummary
from rapid_reviews.services._common import EditConflict, message, move, people_with_role


def _locked(summary: AgencySummary) -> AgencySummary:
    return AgencySummary.objects.select_for_update().select_related("review", "organisation").get(pk=summary.pk)


def _apply(summary: AgencySummary, sections: dict[str, str]) -> None:
    for name in AgencySummary.SECTIONS:
        if name in sections:
            setattr(summary, name, (sections[name] or "").strip())


def _write(summary: AgencySummary, actor, version: int, sections: dict[str, str]) -> dict:
    permissions.can_write_summary.require(actor, summary)
    if summary.version != version:
        raise EditConflict(EditConflict.message)
    before = snapshot(summary)
    _apply(summary, sections)
    summary.version += 1
    return before


@transaction.atomic
def summary_save(*, summary: AgencySummary, actor, version: int, sections: dict[str, str]) -> AgencySummary:
    """An agency lead saves their agency's summary as a draft (nothing is checked for completeness)."""
    summary = _locked(summary)
    before = _write(summary, actor, version, sections)
    move(summary, AgencySummary.Status.DRAFT)
    summary.save()
    record(actor=actor, action="rapid_reviews.summary.save", target=summary, before=before, after=snapshot(summary))
    return summary


@transaction.atomic
def summary_submit(*, summary: AgencySummary, actor, version: int, sections: dict[str, str]) -> AgencySummary:
    """An agency lead submits their agency's summary, every section written. The CSPRG is told."""
    summary = _locked(summary)
    before = _write(summary, actor, version, sections)
    empty = {
        name: [f"Enter {label[:1].lower()}{label[1:]}"]
        for name, label in AgencySummary.SECTIONS.items()
        if not getattr(summary, name)
    }
    if empty:
        raise ValidationError(empty)
    move(summary, AgencySummary.Status.SUBMITTED)
    summary.submitted_at = timezone.now()
    summary.submitted_by = actor
    summary.save()
    record(actor=actor, action="rapid_reviews.summary.submit", target=summary, before=before, after=snapshot(summary))
    message(
        people_with_role(Role.CSPRG),
        f"Agency summary submitted for rapid review {summary.review.reference}",
        f"{summary.organisation.name} submitted its agency summary for rapid review {summary.review.reference}.",
        f"/rapid-reviews/summaries/{summary.pk}/",
    )
    return summary


@transaction.atomic
def summary_return(*, summary: AgencySummary, actor, reason: str) -> AgencySummary:
    """The CSPRG returns a submitted summary to the agency with a reason; its leads are told."""
    summary = _locked(summary)
    permissions.can_return_summary.require(actor, summary)
    if not reason.strip():
        raise ValidationError({"reason": ["Explain what the agency should change"]})
    before = snapshot(summary)
    move(summary, AgencySummary.Status.RETURNED)
    summary.returned_reason = reason.strip()
    summary.version += 1
    summary.save()
    record(
        actor=actor,
        action="rapid_reviews.summary.return",
        target=summary,
        before=before,
        after=snapshot(summary),
        detail={"reason": reason.strip()},
    )
    message(
        people_with_role(Role.AGENCY_LEAD, summary.organisation),
        f"Agency summary returned for rapid review {summary.review.reference}",
        f"The CSPRG returned {summary.organisation.name}'s summary for rapid review {summary.review.reference}. "
        "Read the reason in the service.",
        f"/rapid-reviews/summaries/{summary.pk}/",
    )
    return summary

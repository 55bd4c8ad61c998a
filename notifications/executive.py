"""Notifications copied to the Executive, through the shared mechanism in dcfp.copies.

Every notification is copied whatever its conclusion: agreed (notifiable or not), referred to another
authority, or withdrawn after it was sent for agreement. The copy is the member's read access (a rule
in dcfp.copies, not a stored permission), a message, their own watermarked PDF, and who opened it when.
"""

from django.urls import reverse

from dcfp.copies import services as copies
from dcfp.copies.models import CopiedDocument, Copy
from notifications.models import Incident


def _conclusion(incident: Incident) -> str:
    if incident.status == Incident.Status.REFERRED:
        return f"was concluded as referred to {incident.referred_to}"
    if incident.status == Incident.Status.WITHDRAWN:
        return f"was withdrawn after it was sent for agreement ({incident.withdrawn_reason})"
    if incident.outcome_recommended:
        return f"has been agreed ({incident.get_outcome_recommended_display().lower()})"
    return f"is {incident.get_status_display().lower()}"


def executive_copy_all(*, incident: Incident, conclusion: str = "") -> CopiedDocument:
    """Copy the notification to every active Executive member, telling them its conclusion (`conclusion`,
    or one worked out from its status). Idempotent per member; a new conclusion tells them again."""
    what = conclusion or _conclusion(incident)
    return copies.copy_to_executive(
        obj=incident,
        subject=f"Notification {incident.reference} copied to you",
        body=f"Serious incident notification {incident.reference} {what}, and is copied to you as an "
        "Executive member. Open your copy in the service.",
        link=reverse("notifications:detail", args=[incident.pk]),
    )


def executive_copy_open(*, incident: Incident, reader) -> Copy:
    """An Executive member opens their copy (the record page or the PDF): counted and recorded."""
    return copies.copy_open(obj=incident, reader=reader)

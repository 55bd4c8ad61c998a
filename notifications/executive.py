"""Copies of agreed notifications for the Executive, and who opened them."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from dcfp.audit.services import access, record
from dcfp.permissions import grant
from dcfp.roles import Role
from notifications import permissions
from notifications.models import ExecutiveCopy, Incident


def executive_copy_all(*, incident: Incident) -> list[ExecutiveCopy]:
    """Copy an agreed incident to every active Executive member: read access, a message, and their own
    watermarked PDF (made when they open it). Idempotent: a member is copied once."""
    from dcfp.models import User

    members = list(User.objects.filter(groups__name=Role.EXECUTIVE, is_active=True).distinct())
    copies = []
    new_members = []
    for member in members:
        copy, created = ExecutiveCopy.objects.get_or_create(incident=incident, member=member)
        grant("view", member, incident)
        copies.append(copy)
        if created:
            new_members.append(member)
            record(
                actor=None,
                actor_label="system",
                action="notifications.executive_copy.create",
                target=incident,
                detail={"member": member.pk},
            )
    if new_members:
        from dcfp.alerts.services import notify

        notify(
            recipients=new_members,
            subject=f"Notification {incident.reference} copied to you",
            body=f"Serious incident notification {incident.reference} has been agreed "
            f"({incident.get_outcome_recommended_display().lower()}) and copied to you as an Executive member. "
            "Open your copy in the service.",
            link=f"/notifications/{incident.pk}/",
        )
    return copies


@transaction.atomic
def executive_copy_open(*, incident: Incident, reader) -> ExecutiveCopy:
    """An Executive member opens their copy: count the opening and record who and when."""
    if not permissions.can_open_executive_copy(reader, incident):
        raise PermissionDenied("This copy is not yours.")
    now = timezone.now()
    ExecutiveCopy.objects.filter(incident=incident, member=reader).update(
        open_count=F("open_count") + 1, last_opened_at=now, first_opened_at=Coalesce(F("first_opened_at"), now)
    )
    access(actor=reader, action="notifications.executive_copy.open", target=incident)
    return ExecutiveCopy.objects.get(incident=incident, member=reader)

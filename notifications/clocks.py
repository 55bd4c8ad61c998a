"""The notification clock: a serious incident must be notified within 5 working days of the authority
becoming aware. Registered with the clock sweep (dcfp.alerts.registry)."""

from django.urls import NoReverseMatch, reverse

from dcfp.alerts.registry import Clock, ClockKind, people_with_roles, register
from dcfp.roles import Role
from notifications.models import Incident


def _link(incident: Incident) -> str:
    try:
        return reverse("notifications:detail", args=[incident.pk])
    except NoReverseMatch:
        return ""


NOTIFICATION = register(
    Clock(
        name="notification",
        label="serious incident notification",
        model=Incident,
        due_field="notification_due_on",
        # Open until notified, concluded not notifiable, or withdrawn.
        open_records=Incident.objects.open,
        # The CSPRG prepares and submits notifications.
        must_act=people_with_roles(Role.CSPRG),
        # Statutory: overdue goes to the QA Group chair and the Executive as well.
        kind=ClockKind.STATUTORY,
        describe=lambda incident: incident.reference,
        link=_link,
    )
)

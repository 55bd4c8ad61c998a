"""The notification clock: a serious incident must be notified within 5 working days of the authority
becoming aware. Registered with the clock sweep (dcfp.alerts.registry)."""

from collections.abc import Mapping, Sequence

from django.db.models import Model
from django.urls import NoReverseMatch, reverse

from dcfp.alerts.registry import Clock, ClockKind, people_with_roles, register
from dcfp.roles import Role
from notifications.models import Incident

_csprg = people_with_roles(Role.CSPRG)


def must_act(incidents: Sequence[Model]) -> Mapping[int, Sequence]:
    """Who must act on each incident in the state it is in: while it awaits agreement, the QA chair and
    each partner representative who may still give the decision the round needs; in draft or once
    agreed, the CSPRG (to finish and submit it, or to record it as notified). A few queries per batch."""
    from notifications.selectors import deciders_still_to_act

    deciders = deciders_still_to_act([i for i in incidents if isinstance(i, Incident)])
    # Nobody left who may decide (every partner representative wrote it, say): the CSPRG must sort it out.
    csprg = _csprg([i for i in incidents if not deciders.get(i.pk)])
    return {i.pk: deciders.get(i.pk) or csprg.get(i.pk, []) for i in incidents}


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
        # Whoever the incident's state waits for: the deciders while it awaits agreement, else the CSPRG.
        must_act=must_act,
        # Statutory: overdue goes to the QA Group chair and the Executive as well.
        kind=ClockKind.STATUTORY,
        describe=lambda incident: incident.reference,
        link=_link,
    )
)

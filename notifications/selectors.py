"""Reads of notifications that depend on who is asking. Each starts from `visible_incidents`."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from dcfp import deadlines
from dcfp.audit.models import AuditEvent
from dcfp.deadlines import ATTENTION, ClockState
from dcfp.models import User
from dcfp.roles import Role
from notifications import permissions
from notifications.models import NOTIFICATION_CLOCK, Agreement, Child, Incident, Referral


def incident_clock(incident: Incident, today: date) -> ClockState:
    """The notification clock's state on `today` (see Incident.clock_state and dcfp.deadlines)."""
    return incident.clock_state(today)


def child_count() -> Coalesce:
    """The number of an incident's children, as a subquery on the row itself: the database counts them for
    the rows of the page only (after the order and the limit), never for every visible incident, and the
    paginator's count leaves it out."""
    children = (
        Child.objects.filter(incident=OuterRef("pk")).order_by().values("incident").annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(children, output_field=IntegerField()), 0)


def incident_list(
    user: User, *, today: date | None = None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Incident]:
    """Incidents the person may see, newest first, with their area and number of children; narrowed by
    `filters` (notifications.filters.IncidentFilter's fields) when given. Pages and the API pass no
    filters: dcfp.lists applies the same FilterSet to this queryset, validates it and records the search.
    A fixed number of queries whatever the number of rows."""
    qs = (
        permissions.visible_incidents(user)
        .select_related("area")
        .annotate(child_count=child_count())
        .order_by("-aware_on", "-id")
    )
    if filters:
        from notifications.filters import IncidentFilter

        filterset = IncidentFilter(filters, queryset=qs, today=today)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        qs = filterset.qs
    return qs


def incident_count(user: User) -> int | None:
    """How many incidents the person's unfiltered list holds, when that can be counted without reading the
    incidents: for an Executive member, whom only their copies reach, the number of their copies of
    incidents (`dcfp.copies.selectors.copied_count`). None when the list must count its rows."""
    from dcfp.copies.selectors import copied_count

    return copied_count(user, Incident)


def awaiting_agreement(user: User) -> QuerySet[Incident]:
    """Incidents awaiting agreement that the person may see, soonest due first."""
    return (
        permissions.visible_incidents(user)
        .filter(status=Incident.Status.AWAITING_AGREEMENT)
        .order_by("notification_due_on", "id")
    )


def incidents_awaiting_my_agreement(user: User, *, window: int | None = None) -> list[Incident]:
    """Incidents awaiting agreement on which this person may give a decision now (QA chair and
    partner representatives; never one they wrote or submitted), soonest due first. With `window`, only
    the `window` soonest-due incidents awaiting agreement are considered (the dashboard's panel), so the
    work is bounded whatever the number awaiting."""
    qs = (
        awaiting_agreement(user)
        .exclude(created_by=user)
        .exclude(authors=user)
        .select_related("area")
        .prefetch_related("authors")
        .annotate(child_count=child_count())
        .order_by("notification_due_on", "id")
    )
    incidents: list[Incident] = list(qs if window is None else qs[:window])
    if not incidents:
        return []
    rounds = _current_round(incidents)
    chair_orgs = permissions.qa_chair_organisation_ids()
    return [
        i
        for i in incidents
        if permissions.agreement_capacity(user, i, rounds[i.pk], known_visible=True, chair_organisation_ids=chair_orgs)[
            0
        ]
        is not None
    ]


def _current_round(incidents: list[Incident]) -> dict[int, list[Agreement]]:
    """Each incident's decisions in its current round, in one query."""
    by_pk = {i.pk: i for i in incidents}
    rounds: dict[int, list[Agreement]] = {pk: [] for pk in by_pk}
    for agreement in Agreement.objects.filter(incident__in=incidents):
        if agreement.round == by_pk[agreement.incident_id].agreement_round:
            rounds[agreement.incident_id].append(agreement)
    return rounds


def deciders_still_to_act(incidents: list[Incident]) -> dict[int, list[User]]:
    """For each incident awaiting agreement, the people who may still give the decision this round
    needs: the QA chair if they have not decided, and each partner representative who could be the
    second agreement and has not decided. A fixed number of queries whatever the number of incidents
    (the people are a handful of role holders)."""
    from dcfp.models import User

    awaiting = [i for i in incidents if i.status == Incident.Status.AWAITING_AGREEMENT]
    if not awaiting:
        return {}
    prefetch_related_objects(awaiting, "authors")  # who wrote a version never decides (is_author)
    rounds = _current_round(awaiting)
    chair_orgs = permissions.qa_chair_organisation_ids()
    people = list(
        User.objects.filter(is_active=True, groups__name__in=[Role.QA_CHAIR, Role.PARTNER_REP])
        .select_related("organisation")
        .prefetch_related("groups")
        .distinct()
        .order_by("full_name", "pk")
    )
    for person in people:
        # What roles_of() would read, from the prefetch instead of a query per person.
        person._dcfp_roles = {g.name for g in person.groups.all() if g.name in Role.values}  # type: ignore[attr-defined]
    result: dict[int, list[User]] = {}
    for incident in awaiting:
        result[incident.pk] = [
            person
            for person in people
            if permissions.agreement_capacity(
                person, incident, rounds[incident.pk], known_visible=True, chair_organisation_ids=chair_orgs
            )[0]
            is not None
        ]
    return result


@dataclass
class WaitingRow:
    incident: Incident
    clock: ClockState
    waiting_for: list[str]


def awaiting_others_decision(user: User, *, today: date, window: int | None = None) -> list[WaitingRow]:
    """Incidents awaiting agreement that this person may see but not decide now (they decided, or it is
    someone else's decision), with each clock and the people whose decision it waits for, soonest due
    first. With `window`, only the `window` soonest-due incidents awaiting agreement are considered. A
    fixed number of queries whatever the number of rows."""
    awaiting = awaiting_agreement(user)
    incidents = list(awaiting if window is None else awaiting[:window])
    deciders = deciders_still_to_act(incidents)
    return [
        WaitingRow(
            incident=incident,
            clock=incident_clock(incident, today),
            waiting_for=[person.full_name for person in deciders.get(incident.pk, [])],
        )
        for incident in incidents
        if all(person.pk != user.pk for person in deciders.get(incident.pk, []))
    ]


def agreed_to_record(user: User) -> QuerySet[Incident]:
    """Agreed incidents still to be recorded as notified (or concluded), whatever their due date, for
    the CSPRG, soonest due first; none for anyone else."""
    if not permissions.can_create_incident(user):
        return Incident.objects.none()
    return (
        permissions.visible_incidents(user).filter(status=Incident.Status.AGREED).order_by("notification_due_on", "id")
    )


def drafts_to_finish(user: User) -> QuerySet[Incident]:
    """Drafts, including those returned from agreement, that this person may change now (the CSPRG),
    returned ones first, then by due date; none for anyone else."""
    if not permissions.can_create_incident(user):
        return Incident.objects.none()
    returned_first = Case(When(returned_reason="", then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        permissions.visible_incidents(user)
        .filter(status=Incident.Status.DRAFT)
        .order_by(returned_first, "notification_due_on", "id")
    )


def clocks_needing_attention(user: User, *, today: date) -> QuerySet[Incident]:
    """Open incidents the person may see whose notification clock is due soon, due today or overdue,
    most overdue first (the condition of the list's "needs attention" clock filter)."""
    return (
        permissions.visible_incidents(user)
        .filter(deadlines.clock_condition(NOTIFICATION_CLOCK, ATTENTION, today))
        .order_by("notification_due_on", "id")
    )


def with_clocks(incidents: Iterable[Incident], today: date) -> list[Incident]:
    """The incidents as a list, each carrying its `clock` state on `today`."""
    rows = list(incidents)
    for incident in rows:
        incident.clock = incident_clock(incident, today)
    return rows


def agreements_still_needed(incident: Incident) -> list[str]:
    """While an incident awaits agreement, whose decision is still needed in this round."""
    if incident.status != Incident.Status.AWAITING_AGREEMENT:
        return []
    given = set(
        incident.agreements.filter(round=incident.agreement_round, decision=Agreement.Decision.AGREE).values_list(
            "capacity", flat=True
        )
    )
    return [
        "The QA Group chair"
        if capacity == Agreement.Capacity.QA_CHAIR
        else "A representative of another Safeguarding Partner than the QA Group chair's organisation"
        for capacity in Agreement.Capacity.values
        if capacity not in given
    ]


def incident_detail(user: User, pk: int) -> Incident:
    """One incident the person may see, with what its page shows; 404 otherwise."""
    from dcfp.permissions import get_object_or_404

    qs = Incident.objects.select_related("area", "created_by").prefetch_related(
        "children__normally_resident_area", "agencies_involved"
    )
    return get_object_or_404(user, qs, "view", pk=pk)


@dataclass
class TimelineEntry:
    at: object
    who: str
    what: str
    detail: str = ""


ACTION_TEXT = {
    "notifications.incident.create": "Logged as a draft",
    "notifications.incident.update": "Draft changed",
    "notifications.incident.submit": "Submitted for agreement",
    "notifications.incident.agree": "Agreed",
    "notifications.incident.disagree": "Not agreed: returned to draft",
    "notifications.incident.notified": "Recorded as notified to the national notification system",
    "notifications.incident.not_notifiable": "Concluded as not notifiable",
    "notifications.incident.withdraw": "Withdrawn",
    "notifications.incident.referred": "Concluded as referred to another authority",
    "notifications.executive_copy.create": "Copied to an Executive member",
}


def incident_timeline(incident: Incident) -> list[TimelineEntry]:
    """Every change to the incident, oldest first, from the audit trail (the one record of events)."""
    events = AuditEvent.objects.filter(
        target_type=Incident._meta.label_lower, target_id=str(incident.pk), category=AuditEvent.Category.CHANGE
    ).select_related("actor")
    entries = []
    for event in events.order_by("at", "id"):
        detail = (event.changes or {}).get("detail") or {}
        what = ACTION_TEXT.get(event.action, event.action)
        if event.action == "notifications.incident.agree" and detail.get("capacity"):
            what = f"Agreed as {Agreement.Capacity(detail['capacity']).label}"
        who = event.actor.full_name if event.actor else (event.actor_label or "System")
        entries.append(TimelineEntry(at=event.at, who=who, what=what, detail=detail.get("reason") or ""))
    return entries


def referral_list(user: User) -> QuerySet[Referral]:
    """Referrals the person may see: open ones first, then newest first, with who made them, their
    organisation, area and the draft each became. A fixed number of queries whatever the number of rows."""
    return (
        permissions.visible_referrals(user)
        .select_related("referred_by", "organisation", "area", "incident")
        .annotate(
            open_first=Case(
                When(status=Referral.Status.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("open_first", "-created_at", "-id")
    )


def referral_detail(user: User, pk: int) -> Referral:
    """One referral the person may see (the CSPRG, or who made it); 404 otherwise."""
    from dcfp.permissions import get_object_or_404

    qs = Referral.objects.select_related("referred_by", "organisation", "area", "incident")
    return get_object_or_404(user, qs, "view", pk=pk)


def referrals_open(user: User) -> QuerySet[Referral]:
    """Open referrals for the CSPRG to decide, oldest first; none for anyone else."""
    from dcfp.permissions import has_model_permission

    if not has_model_permission(user, "change", Referral):
        return Referral.objects.none()
    return (
        permissions.visible_referrals(user)
        .filter(status=Referral.Status.OPEN)
        .select_related("organisation")
        .order_by("created_at", "id")
    )

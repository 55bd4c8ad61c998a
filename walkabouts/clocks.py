"""Walkabout clocks, registered with the clock sweep (dcfp.alerts.registry).

- Section 11 action: due on its due date; reminders to the leads of the owner's agency; overdue, the QA
  Group is told as well (and the CSPRG, as for every agency task). Only people who are active and have
  set up their account are told (dcfp.alerts.registry.alertable_people).
- Scrutiny programme: next year's programme is set by 1 April. While it has not been drafted, the QA
  chair is reminded from 1 March (31 days before 1 April, every year), again when it is due soon and on
  the day; if it is late, the QA chair and the Executive are told.
"""

from collections.abc import Mapping, Sequence

from django.db.models import Model
from django.urls import NoReverseMatch, reverse

from dcfp.alerts.registry import Clock, ClockKind, alertable_people, people_with_roles, register
from dcfp.roles import Role
from walkabouts.models import Action, ScrutinyProgramme


def _agency_leads_of_owner(records: Sequence[Model]) -> Mapping[int, Sequence]:
    """The agency leads of each action's owning organisation who are active and set up (a new starter
    who cannot sign in yet is not told), in one query for the batch."""
    org_ids = {record.owner_organisation_id for record in records}  # type: ignore[attr-defined]
    leads = alertable_people().filter(organisation_id__in=org_ids, groups__name=Role.AGENCY_LEAD).distinct()
    by_org: dict[int, list] = {}
    for lead in leads.order_by("pk"):
        by_org.setdefault(lead.organisation_id, []).append(lead)
    return {record.pk: by_org.get(record.owner_organisation_id, []) for record in records}  # type: ignore[attr-defined]


def _action_link(action: Action) -> str:
    try:
        return reverse("walkabouts:detail", args=[action.assessment_id])
    except NoReverseMatch:
        return ""


def _programme_link(programme: ScrutinyProgramme) -> str:
    try:
        return reverse("walkabouts:scrutiny_list")
    except NoReverseMatch:
        return ""


SECTION11_ACTION = register(
    Clock(
        name="section11_action",
        label="Section 11 action",
        model=Action,
        due_field="due_on",
        open_records=lambda: Action.objects.filter(status=Action.Status.OPEN),
        must_act=_agency_leads_of_owner,
        kind=ClockKind.AGENCY,
        escalate_to=people_with_roles(Role.QA_GROUP, Role.QA_CHAIR),
        describe=lambda action: f"{action.owner_organisation} (due {action.due_on:%-d %B %Y})",
        link=_action_link,
    )
)

SCRUTINY_PROGRAMME = register(
    Clock(
        name="scrutiny_programme",
        label="next scrutiny programme",
        model=ScrutinyProgramme,
        due_field="next_due_on",
        open_records=lambda: ScrutinyProgramme.objects.filter(next_set=False),
        must_act=people_with_roles(Role.QA_CHAIR),
        kind=ClockKind.STATUTORY,
        # 1 April less 31 days is always 1 March: the March reminder.
        remind_days_before=31,
        describe=lambda programme: f"the year after {programme.label}",
        link=_programme_link,
    )
)

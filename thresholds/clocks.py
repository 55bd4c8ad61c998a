"""The case resolution protocol's stage clocks: each stage of a disagreement has its own working-day
clock (defaults 2, 5, 5 and 10 working days; DCFP_DISAGREEMENT_STAGE_DAYS). Registered with the clock
sweep (dcfp.alerts.registry), one clock per stage, so each stage gets its own reminders and its own
overdue alert, which prompts the parties to escalate."""

from collections.abc import Mapping, Sequence

from django.urls import NoReverseMatch, reverse

from dcfp.alerts.registry import Clock, ClockKind, register
from dcfp.roles import Role
from thresholds.models import Disagreement, Party


def _link(disagreement: Disagreement) -> str:
    try:
        return reverse("thresholds:disagreement_detail", args=[disagreement.pk])
    except NoReverseMatch:
        return ""


def named_people(records: Sequence) -> Mapping[int, Sequence]:
    """The people named in each disagreement (one query per batch); at stage 4 also the QA chair."""
    from dcfp.models import User

    found: dict[int, list] = {record.pk: [] for record in records}
    for party in Party.objects.filter(
        disagreement__in=records, person__isnull=False, person__is_active=True
    ).select_related("person"):
        found[party.disagreement_id].append(party.person)
    at_stage_4 = [r.pk for r in records if r.stage == Disagreement.Stage.PARTNERSHIP]
    if at_stage_4:
        chairs = list(User.objects.filter(is_active=True, groups__name=Role.QA_CHAIR))
        for pk in at_stage_4:
            found[pk].extend(chairs)
    return found


def organisation_leads(records: Sequence) -> Mapping[int, Sequence]:
    """The safeguarding leads of every organisation named in each disagreement (two queries per batch)."""
    from dcfp.models import User

    orgs: dict[int, set[int]] = {record.pk: set() for record in records}
    for disagreement_id, organisation_id in Party.objects.filter(disagreement__in=records).values_list(
        "disagreement_id", "organisation_id"
    ):
        orgs[disagreement_id].add(organisation_id)
    wanted = set().union(*orgs.values()) if orgs else set()
    leads: dict[int, list] = {}
    for person in User.objects.filter(is_active=True, groups__name=Role.AGENCY_LEAD, organisation_id__in=wanted):
        leads.setdefault(person.organisation_id, []).append(person)
    return {pk: [p for org in sorted(ids) for p in leads.get(org, [])] for pk, ids in orgs.items()}


def _describe(stage: int):
    def describe(disagreement: Disagreement) -> str:
        if stage < Disagreement.Stage.PARTNERSHIP:
            return f"{disagreement.reference} (if it is not resolved, escalate it to stage {stage + 1})"
        return f"{disagreement.reference} (the partnership's final stage: the QA Group chair decides)"

    return describe


def _open_at(stage: int):
    return lambda: Disagreement.objects.at_stage(stage)


STAGE_CLOCKS = [
    register(
        Clock(
            name=f"disagreement_stage_{stage}",
            label=f"case disagreement at stage {stage}",
            model=Disagreement,
            due_field="stage_due_on",
            open_records=_open_at(stage),
            must_act=named_people,
            kind=ClockKind.AGENCY,
            escalate_to=organisation_leads,
            describe=_describe(stage),
            link=_link,
        )
    )
    for stage in Disagreement.Stage.values
]

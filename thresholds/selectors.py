"""Reads of threshold decisions and disagreements that depend on who is asking. Each starts from
`visible_decisions` or `visible_disagreements` (thresholds.permissions), which start from
dcfp.permissions.scope. Lists cost a fixed number of queries whatever the number of rows."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from dcfp import deadlines
from dcfp.deadlines import ClockState
from dcfp.lists import filtered_rows
from dcfp.models import LocalityPartnership, Organisation, User
from thresholds import permissions, tallies
from thresholds.filters import DecisionFilter
from thresholds.models import (
    AgeBand,
    Disability,
    Disagreement,
    Domain,
    Ethnicity,
    Indicator,
    Level,
    Note,
    Party,
    Sex,
    Strength,
    ThresholdDecision,
    ToolVersion,
)

_Item = TypeVar("_Item", Domain, Indicator, Strength)

TOP_AGENCIES = 15  # the agency breakdown names the busiest agencies and adds up the rest


# --- The tool ------------------------------------------------------------------------------------


def current_tool() -> ToolVersion | None:
    """The current version with its domains, indicators and strengths (three queries)."""
    return (
        ToolVersion.objects.filter(status=ToolVersion.Status.CURRENT)
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.prefetch_related("indicators")),
            "strengths",
        )
        .first()
    )


def tool_version_detail(pk: int) -> ToolVersion:
    try:
        return ToolVersion.objects.prefetch_related(
            Prefetch("domains", queryset=Domain.objects.prefetch_related("indicators")), "strengths"
        ).get(pk=pk)
    except ToolVersion.DoesNotExist as exc:
        raise Http404 from exc


def tool_item(version: ToolVersion, model: type[_Item], pk: int) -> _Item:
    """One domain, indicator or strength of this version; 404 for one of another version."""
    lookup = {"domain__version": version} if model is Indicator else {"version": version}
    try:
        return model.objects.select_related(*(["domain"] if model is Indicator else [])).get(pk=pk, **lookup)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def tool_versions() -> QuerySet[ToolVersion]:
    return ToolVersion.objects.annotate(decision_count=Count("decisions")).order_by("-id")


# --- Decisions -----------------------------------------------------------------------------------


def decision_list(user: User, queryset: QuerySet[ThresholdDecision] | None = None) -> QuerySet[ThresholdDecision]:
    """The decisions the person may see (their organisation's, or all for the QA Group), newest first,
    with what the log shows in the same query."""
    qs = permissions.visible_decisions(user, queryset)
    return qs.select_related("organisation", "locality").order_by("-decided_on", "-id")


def decision_detail(user: User, pk: int) -> ThresholdDecision:
    """One decision with its indicators (and their domains), strengths and tool version; 404 unless the
    person may see it."""
    qs = permissions.visible_decisions(user).select_related("organisation", "locality", "tool_version", "recorded_by")
    qs = qs.prefetch_related(Prefetch("indicators", queryset=Indicator.objects.select_related("domain")), "strengths")
    try:
        return qs.get(pk=pk)
    except ThresholdDecision.DoesNotExist as exc:
        raise Http404 from exc


def reasons_for(decision: ThresholdDecision) -> list[Indicator]:
    """The indicators behind the level the tool suggested (those at the highest level seen)."""
    return [i for i in decision.indicators.all() if i.level == decision.suggested_level]


@dataclass(frozen=True)
class Breakdown:
    """Counts of decisions by one characteristic, labelled for a chart and its table."""

    key: str
    title: str
    category_label: str
    rows: list[tuple[str, int]]


def _labelled(counts: dict[Any, int], choices: Iterable[tuple[Any, str]]) -> list[tuple[str, int]]:
    return [(label, counts.get(value, 0)) for value, label in choices]


# Counted together, one row per combination (a few thousand at most whatever the number of decisions);
# the agency is counted on its own, from the organisation's index (thousands of agencies would multiply
# the combinations).
COMBINED_FIELDS = ("level", "locality_id", "age_band", "sex", "ethnicity", "disability")


def _grouped_counts(decisions: QuerySet[ThresholdDecision], *, across_agencies: bool) -> dict[str, dict[Any, int]]:
    """Counts of the decisions by agency and by each of COMBINED_FIELDS, aggregated in the database (a
    few thousand rows at most come back, added up per field here). One agency's decisions: one query,
    the agency among the combined fields (it is the same agency throughout). Across agencies: two, the
    agency counted on its own from the organisation's index (thousands of agencies would multiply the
    combinations); PostgreSQL reads both in parallel."""
    base = decisions.order_by()
    fields = COMBINED_FIELDS if across_agencies else (*COMBINED_FIELDS, "organisation_id")
    found: dict[str, dict[Any, int]] = {field: {} for field in fields}
    for row in base.values(*fields).annotate(n=Count("pk")).values_list(*fields, "n"):
        count = row[-1]
        for field, value in zip(fields, row, strict=False):
            found[field][value] = found[field].get(value, 0) + count
    if across_agencies:
        found["organisation_id"] = dict(
            base.values("organisation_id").annotate(n=Count("pk")).values_list("organisation_id", "n")
        )
    return found


def decision_breakdown(decisions: QuerySet[ThresholdDecision], *, across_agencies: bool = True) -> list[Breakdown]:
    """The breakdown of a scoped, filtered set of decisions by level, agency, locality, age band, sex,
    ethnicity and disability, in a fixed number of queries whatever the number of decisions: the counts
    (one query, two `across_agencies`, for people who see more than their own agency's), then the
    names of the busiest agencies and the localities."""
    return _breakdowns(_grouped_counts(decisions, across_agencies=across_agencies))


# The only filters the tallies answer: the dates (the tallies hold months, not combinations).
TALLIED_FILTERS = frozenset({"decided_from", "decided_to"})


def searched_breakdown(user: User, filters: DecisionFilter) -> list[Breakdown]:
    """The breakdown of the decisions the log's search selects for this person (see decision_breakdown).

    Across the partnership (the QA Group), a search by dates alone, or none, is added up from the monthly
    tallies (thresholds.tallies) of the whole months it covers (one query) and, for the days of a month
    only partly covered, from those days' decisions (two more); any other filter, and one agency's
    decisions, are counted from the decisions themselves. Both give the same figures."""
    across = permissions.sees_all_decisions(user)
    decisions = filtered_rows(filters)
    searched = filters.searched_for()
    if not across or set(searched) - TALLIED_FILTERS:
        return decision_breakdown(decisions, across_agencies=across)
    data = filters.form.cleaned_data if searched else {}
    decided_from, decided_to = data.get("decided_from"), data.get("decided_to")
    months = tallies.whole_months(decided_from, decided_to)
    if months is None:
        return decision_breakdown(decisions, across_agencies=True)
    counts = tallies.tallied_counts(months)
    edges = tallies.part_months(decided_from, decided_to, months)
    if edges is not None:
        for field, found in _grouped_counts(decisions.filter(edges), across_agencies=True).items():
            into = counts[field]
            for value, n in found.items():
                into[value] = into.get(value, 0) + n
    return _breakdowns(counts)


def _breakdowns(counts: dict[str, dict[Any, int]]) -> list[Breakdown]:
    by_agency = Counter(counts["organisation_id"])
    # The busiest first; agencies with as many decisions in the order they were added to the partnership.
    top = sorted(by_agency.items(), key=lambda item: (-item[1], item[0]))[:TOP_AGENCIES]
    names = dict(Organisation.objects.filter(pk__in=[pk for pk, _ in top]).values_list("pk", "name"))
    agency_rows = [(names.get(pk, "Unknown"), n) for pk, n in top]
    rest = sum(by_agency.values()) - sum(n for _, n in top)
    if rest:
        agency_rows.append((f"{len(by_agency) - len(top)} other agencies", rest))
    localities = counts["locality_id"]
    locality_rows = [(lp.name, localities.get(lp.pk, 0)) for lp in LocalityPartnership.objects.order_by("name")]
    return [
        Breakdown("level", "Decisions by level of need", "Level", _labelled(counts["level"], Level.choices)),
        Breakdown("agency", "Decisions by agency", "Agency", agency_rows),
        Breakdown("locality", "Decisions by locality", "Locality", locality_rows),
        Breakdown("age_band", "Decisions by age", "Age", _labelled(counts["age_band"], AgeBand.choices)),
        Breakdown("sex", "Decisions by sex", "Sex", _labelled(counts["sex"], Sex.choices)),
        Breakdown(
            "ethnicity", "Decisions by ethnicity", "Ethnicity", _labelled(counts["ethnicity"], Ethnicity.choices)
        ),
        Breakdown(
            "disability", "Decisions by disability", "Disability", _labelled(counts["disability"], Disability.choices)
        ),
    ]


def my_recent_decisions(user: User, limit: int = 5) -> list[ThresholdDecision]:
    """The person's own latest decisions (dashboard)."""
    return list(decision_list(user).filter(recorded_by=user)[:limit])


def agency_recent_decisions(user: User, limit: int = 5) -> list[ThresholdDecision]:
    """The latest decisions of the person's organisation (agency lead's dashboard)."""
    return list(decision_list(user).filter(organisation_id=user.organisation_id)[:limit])


# --- Disagreements -------------------------------------------------------------------------------


def disagreement_clock(disagreement: Disagreement, today: date) -> ClockState:
    """The current stage's clock: running while open, met when resolved."""
    return disagreement.clock_state(today)


def _with_parties(qs: QuerySet[Disagreement]) -> QuerySet[Disagreement]:
    return qs.prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("organisation", "person__organisation"))
    )


def disagreement_list(user: User, *, status: str = "", stage: int | None = None) -> QuerySet[Disagreement]:
    """Disagreements the person may see, open ones first by due date, then resolved ones."""
    qs = permissions.visible_disagreements(user)
    if status:
        qs = qs.filter(status=status)
    if stage:
        qs = qs.filter(stage=stage)
    return _with_parties(qs.select_related("raised_by")).order_by("-status", "stage_due_on", "-id")


def disagreement_detail(user: User, pk: int) -> Disagreement:
    """One disagreement with its parties, stages, notes and linked decision; 404 unless visible."""
    qs = _with_parties(permissions.visible_disagreements(user)).select_related(
        "raised_by", "decision", "decision__organisation"
    )
    qs = qs.prefetch_related(
        "stages", Prefetch("notes", queryset=Note.objects.select_related("author", "organisation"))
    )
    try:
        return qs.get(pk=pk)
    except Disagreement.DoesNotExist as exc:
        raise Http404 from exc


def open_disagreements(user: User, *, stage: int | None = None) -> QuerySet[Disagreement]:
    """Open disagreements the person may see (at `stage` only, if given), soonest due first
    (`disagreement_clock` gives each its clock; the dashboard shows the first few and counts the rest)."""
    return disagreement_list(user, status=Disagreement.Status.OPEN, stage=stage)


def people_who_may_be_named(organisation_ids: list[int] | None) -> QuerySet[User]:
    """Active people who take part in casework (of these organisations, or of any), for naming in a
    disagreement."""
    from dcfp.roles import Role

    qs = User.objects.filter(is_active=True, groups__name__in=[Role.PRACTITIONER, Role.AGENCY_LEAD])
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return qs.select_related("organisation").distinct().order_by("organisation__name", "full_name")


def organisations_to_name() -> QuerySet[Organisation]:
    """Every organisation of the partnership, by name, for naming in a disagreement."""
    return Organisation.objects.order_by("name")


@dataclass(frozen=True)
class DisagreementReport:
    total: int
    open: int
    resolved: int
    by_type: list[tuple[str, int]]
    by_stage: list[tuple[str, int]]
    days_to_resolve: list[tuple[str, int]]
    average_days_by_type: list[tuple[str, int, str]]  # type, number resolved, average working days


DAY_BANDS = [(0, 2, "2 working days or fewer"), (3, 5, "3 to 5"), (6, 10, "6 to 10"), (11, 20, "11 to 20")]


def _band(days: int) -> str:
    for low, high, label in DAY_BANDS:
        if low <= days <= high:
            return label
    return "More than 20"


def disagreement_report(
    user: User, *, raised_from: date | None = None, raised_to: date | None = None
) -> DisagreementReport:
    """Disagreements by type, by the stage they reached, and working days from raising to resolution.

    Counts cover the disagreements the person may see; the QA Group's cover the whole partnership;
    `raised_from` and `raised_to` keep those raised between the two dates, both included. Two queries
    whatever the number of disagreements."""
    qs: QuerySet[Disagreement]
    if permissions.sees_all_disagreement_figures(user):
        qs = Disagreement.objects.all()
    else:
        qs = permissions.visible_disagreements(user)
    if raised_from is not None:
        qs = qs.filter(raised_on__gte=raised_from)
    if raised_to is not None:
        qs = qs.filter(raised_on__lte=raised_to)
    rows = list(qs.order_by().values_list("type", "stage", "status", "raised_on", "resolved_on"))
    by_type = Counter(r[0] for r in rows)
    by_stage = Counter(r[1] for r in rows)
    days: dict[str, list[int]] = {}
    bands: Counter[str] = Counter()
    for type_, _stage, status, raised_on, resolved_on in rows:
        if status == Disagreement.Status.RESOLVED and resolved_on:
            n = deadlines.working_days_between(raised_on, resolved_on)
            days.setdefault(type_, []).append(n)
            bands[_band(n)] += 1
    band_labels = [label for _, _, label in DAY_BANDS] + ["More than 20"]
    averages = [
        (label, len(days.get(value, [])), f"{sum(days[value]) / len(days[value]):.1f}" if days.get(value) else "-")
        for value, label in Disagreement.Type.choices
    ]
    resolved = sum(1 for r in rows if r[2] == Disagreement.Status.RESOLVED)
    return DisagreementReport(
        total=len(rows),
        open=len(rows) - resolved,
        resolved=resolved,
        by_type=_labelled(dict(by_type), Disagreement.Type.choices),
        by_stage=[(label, by_stage.get(value, 0)) for value, label in Disagreement.Stage.choices],
        days_to_resolve=[(label, bands.get(label, 0)) for label in band_labels],
        average_days_by_type=averages,
    )

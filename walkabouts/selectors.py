"""Reads of walkabouts that depend on who is asking. Each starts from `visible_assessments` (itself on
dcfp.permissions.scope), so the QA Group sees every assessment and an agency lead their own only.
Every list here costs a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from dcfp.deadlines import ClockState
from dcfp.models import Organisation
from walkabouts import permissions
from walkabouts.models import (
    Action,
    Assessment,
    Cycle,
    Expectation,
    Finding,
    Rating,
    ScrutinyProgramme,
    SecureHomeReport,
    SecureHomeRiskAssessment,
    Standard,
)

S = Assessment.Status
RATING_ORDER = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


def action_clock(action: Action, today: date) -> ClockState:
    """An action's clock: running while open, met (on time or late) by the day it was completed."""
    return action.clock_state(today)


def assessment_list(user) -> QuerySet[Assessment]:
    """Assessments the person may see, newest cycle first, with their ratings and open actions counted
    (walkabouts.filters.AssessmentFilter narrows them)."""
    qs = (
        permissions.visible_assessments(user)
        .select_related("cycle", "organisation", "assessment_group", "locality")
        .annotate(
            red=Count("findings", filter=Q(findings__rating=Rating.RED), distinct=True),
            amber=Count("findings", filter=Q(findings__rating=Rating.AMBER), distinct=True),
            green=Count("findings", filter=Q(findings__rating=Rating.GREEN), distinct=True),
            open_actions=Count("actions", filter=Q(actions__status=Action.Status.OPEN), distinct=True),
        )
    )
    return qs.order_by("-cycle__starts_on", "organisation__name", "assessment_group__name", "id")


def assessment_detail(user, pk: int) -> Assessment:
    """One assessment the person may see, with what its page shows; 404 otherwise."""
    qs = permissions.visible_assessments(user).select_related(
        "cycle",
        "organisation",
        "assessment_group",
        "locality",
        "qa_lead",
        "standard_version",
        "agreed_by",
        "agency_agreed_by",
        "from_risk_assessment",
    )
    qs = qs.prefetch_related(
        Prefetch("findings", queryset=Finding.objects.select_related("standard")),
        Prefetch("expectations", queryset=Expectation.objects.select_related("standard")),
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner_organisation", "standard").prefetch_related(
                "updates__by", "updates__evidence__upload"
            ),
        ),
        "evidence__upload",
        "evidence__added_by",
        "evidence__standard",
        "participants",
    )
    assessment = qs.filter(pk=pk).first()
    if assessment is None:
        raise Http404
    return assessment


@dataclass
class StandardRow:
    standard: Standard
    finding: Finding | None
    expectations: list = field(default_factory=list)


def standard_rows(assessment: Assessment) -> list[StandardRow]:
    """Each standard of the assessment's version with its finding and agreed expectations (from the
    prefetched detail: one query for the standards)."""
    findings = {f.standard_id: f for f in assessment.findings.all()}
    expectations: dict[int, list] = {}
    for expectation in assessment.expectations.all():
        expectations.setdefault(expectation.standard_id, []).append(expectation)
    return [
        StandardRow(standard=s, finding=findings.get(s.pk), expectations=expectations.get(s.pk, []))
        for s in assessment.standard_version.standards.all()
    ]


def open_actions(user) -> QuerySet[Action]:
    """Open actions on assessments the person may see, soonest due first (`action_clock` gives each its
    clock; the dashboard shows the first few and counts the rest)."""
    return (
        Action.objects.filter(status=Action.Status.OPEN, assessment__in=permissions.visible_assessments(user))
        .select_related(
            "assessment__cycle", "assessment__organisation", "assessment__assessment_group", "owner_organisation"
        )
        .order_by("due_on", "id")
    )


def awaiting_my_decision(user) -> QuerySet[Assessment]:
    """Findings waiting for this person: an agency lead's agreement for their agency, or (for the QA
    Group) the report to agree once the agency has agreed; oldest cycle first."""
    qs = permissions.visible_assessments(user).filter(status=S.FINDINGS_RECORDED)
    qs = qs.select_related("cycle", "organisation", "assessment_group").order_by("cycle__starts_on", "id")
    if permissions.is_qa_group(user):
        return qs.filter(agency_agreed_by__isnull=False)
    return qs.filter(agency_agreed_by__isnull=True)


def planned_or_in_fieldwork(user) -> QuerySet[Assessment]:
    """Walkabouts planned or in fieldwork that the person may see, soonest visit first."""
    return (
        permissions.visible_assessments(user)
        .filter(status__in=[S.PLANNED, S.FIELDWORK])
        .select_related("cycle", "organisation", "assessment_group")
        .order_by("visit_on", "id")
    )


def scrutiny_programmes(user) -> QuerySet[ScrutinyProgramme]:
    """The scrutiny programmes, newest first, with who endorsed them and their items (the QA Group and
    the Executive; nobody else: walkabouts.filters.ScrutinyFilter narrows them)."""
    if not permissions.can_view_scrutiny(user):
        return ScrutinyProgramme.objects.none()
    return ScrutinyProgramme.objects.select_related("endorsed_by").prefetch_related("items").order_by("-year")


def secure_home_reports(user) -> QuerySet[SecureHomeReport]:
    """The secure home's reports, newest first (the QA Group only; walkabouts.filters narrows them)."""
    if not permissions.can_view_secure_home(user):
        return SecureHomeReport.objects.none()
    return SecureHomeReport.objects.select_related("home", "upload").order_by("-received_on", "-id")


def secure_home_risks(user) -> QuerySet[SecureHomeRiskAssessment]:
    """The secure home's risk assessments, newest first (the QA Group only)."""
    if not permissions.can_view_secure_home(user):
        return SecureHomeRiskAssessment.objects.none()
    return (
        SecureHomeRiskAssessment.objects.select_related("home", "recorded_by")
        .prefetch_related("reports", "walkabouts")
        .order_by("-assessed_on", "-id")
    )


# --- Comparison across cycles ---


@dataclass
class Cell:
    standard_key: str
    standard_title: str
    this: str  # a Rating value or ""
    last: str

    @property
    def change(self) -> str:
        if not self.this or not self.last:
            return ""
        step = RATING_ORDER[Rating(self.this)] - RATING_ORDER[Rating(self.last)]
        return "better" if step > 0 else "worse" if step < 0 else "same"

    @property
    def change_in_words(self) -> str:
        return {"better": "Improved", "worse": "Worse", "same": "No change"}.get(self.change, "")


@dataclass
class ComparisonRow:
    subject: str
    kind: str
    locality: str
    assessment_id: int | None
    status: str  # this cycle's assessment's status, in words
    final: bool  # its findings are agreed with the agency and by the QA Group
    cells: list[Cell]


@dataclass
class Comparison:
    cycle: Cycle | None
    previous: Cycle | None
    standards: list[tuple[str, str]]  # (key, title), in position order
    rows: list[ComparisonRow]


def previous_cycle(cycle: Cycle) -> Cycle | None:
    return Cycle.objects.filter(starts_on__lt=cycle.starts_on).order_by("-starts_on").first()


def _kind_of(assessment: Assessment) -> str:
    if assessment.organisation is not None:
        return assessment.organisation.kind
    return Organisation.Kind.DISTRICT_COUNCIL


def comparison_assessments(user) -> QuerySet[Assessment]:
    """The assessments the comparison may show this person (walkabouts.filters.ComparisonFilter narrows
    them): those they may see, less those recorded as assessed by another partnership (no ratings)."""
    return permissions.visible_assessments(user).exclude(status=S.RECORDED_ELSEWHERE)


FINAL = (S.AGREED, S.ACTIONS_COMPLETE)


def comparison(assessments: QuerySet[Assessment], *, cycle: Cycle | None) -> Comparison:
    """Each organisation's (or group's) rating by standard in `cycle` beside the cycle before, from
    `assessments` (comparison_assessments, narrowed by the filters). Standards are matched across
    versions by their key; each row says whether its findings are final (agreed with the agency and
    by the QA Group). Four queries whatever the number of rows."""
    if cycle is None:
        return Comparison(cycle=None, previous=None, standards=[], rows=[])
    previous = previous_cycle(cycle)
    cycles = [c for c in (cycle, previous) if c is not None]
    qs = assessments.filter(cycle__in=cycles).select_related("organisation", "assessment_group", "locality")
    found = list(qs.prefetch_related(Prefetch("findings", queryset=Finding.objects.select_related("standard"))))
    standards: dict[str, tuple[int, str]] = {}
    by_subject: dict[tuple, dict] = {}
    for a in found:
        subject = ("org", a.organisation_id) if a.organisation_id else ("group", a.assessment_group_id)
        entry = by_subject.setdefault(subject, {"this": None, "last": None, "ratings": {"this": {}, "last": {}}})
        which = "this" if a.cycle_id == cycle.pk else "last"
        entry[which] = a
        for finding in a.findings.all():
            entry["ratings"][which][finding.standard.key] = finding.rating
            if finding.standard.key not in standards or a.cycle_id == cycle.pk:
                standards[finding.standard.key] = (finding.standard.position, finding.standard.title)
    ordered = sorted(standards.items(), key=lambda kv: kv[1][0])
    rows = []
    for entry in by_subject.values():
        shown = entry["this"] or entry["last"]
        rows.append(
            ComparisonRow(
                subject=shown.subject_name,
                kind=Organisation.Kind(_kind_of(shown)).label,
                locality=shown.locality.name if shown.locality else "",
                assessment_id=entry["this"].pk if entry["this"] else None,
                status=entry["this"].get_status_display() if entry["this"] else f"Not assessed in {cycle.name}",
                final=entry["this"] is not None and entry["this"].status in FINAL,
                cells=[
                    Cell(
                        standard_key=key,
                        standard_title=title,
                        this=entry["ratings"]["this"].get(key, ""),
                        last=entry["ratings"]["last"].get(key, ""),
                    )
                    for key, (_pos, title) in ordered
                ],
            )
        )
    rows.sort(key=lambda r: r.subject)
    return Comparison(cycle=cycle, previous=previous, standards=[(k, t) for k, (_p, t) in ordered], rows=rows)

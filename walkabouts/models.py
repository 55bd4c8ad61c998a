"""Section 11 assessments (walkabouts and self-assessments), their findings and actions; the secure
children's home's reports and risk assessments; the annual scrutiny programme.

The allowed status changes are written once, as data, in `Assessment.TRANSITIONS`; every change goes
through one service per transition in walkabouts/services.py. The seed's rules are constraints here
(one assessment of a subject per cycle; exactly one subject; an assessment made by another partnership
names it, its date and its evidence) and, where a constraint cannot see across tables (a member of an
assessment group is never assessed on its own), a PostgreSQL trigger (migration 0002).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from dcfp import deadlines
from dcfp.deadlines import ClockState
from dcfp.models import AssessmentGroup, LocalityPartnership, Organisation
from dcfp.uploads.models import Upload


class StandardVersion(models.Model):
    """One published version of the Section 11 standards. An assessment keeps the version it was made
    against, so publishing a new version never changes an assessment already made."""

    number = models.PositiveIntegerField(unique=True)
    published_on = models.DateField()
    notes = models.TextField(blank=True, help_text="What changed from the previous version.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.published_on:%-d %B %Y})"


class Standard(models.Model):
    """One of the eight Section 11 key features, in one version, with what good looks like."""

    version = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="standards")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(help_text="Stays the same across versions, so cycles compare.")
    title = models.CharField(max_length=200)
    what_good_looks_like = models.TextField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="standard_position_unique"),
            models.UniqueConstraint(fields=["version", "key"], name="standard_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Cycle(models.Model):
    """An assessment year, such as 2026-27 (1 April to 31 March)."""

    name = models.CharField(max_length=20, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="cycle_dates_in_order")
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class AssessmentQuerySet(models.QuerySet):
    def open_actions_due(self, on: date):
        return self.filter(actions__status=Action.Status.OPEN, actions__due_on__lte=on).distinct()


class Assessment(models.Model):
    """The Section 11 assessment of one organisation, or of one assessment group collectively, in one cycle."""

    class Route(models.TextChoices):
        WALKABOUT = "walkabout", "Walkabout"
        SELF_ASSESSMENT = "self_assessment", "Self-assessment (audit completion)"
        OTHER_PARTNERSHIP = "other_partnership", "Assessed by another partnership"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        FIELDWORK = "fieldwork", "Fieldwork"
        FINDINGS_RECORDED = "findings_recorded", "Findings recorded"
        AGREED = "agreed", "Agreed with the agency"
        ACTIONS_COMPLETE = "actions_complete", "Actions complete"
        RECORDED_ELSEWHERE = "recorded_elsewhere", "Assessed by another partnership"

    # Every allowed status change, and nothing else. Services check against this dict.
    TRANSITIONS: dict[Status, tuple[Status, ...]] = {
        Status.PLANNED: (Status.FIELDWORK,),
        Status.FIELDWORK: (Status.FINDINGS_RECORDED,),
        Status.FINDINGS_RECORDED: (Status.AGREED, Status.FIELDWORK),
        Status.AGREED: (Status.ACTIONS_COMPLETE,),
        Status.ACTIONS_COMPLETE: (),
        Status.RECORDED_ELSEWHERE: (),
    }

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="section11_assessments"
    )
    assessment_group = models.ForeignKey(
        AssessmentGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="section11_assessments"
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    standard_version = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="assessments")

    # A walkabout: when, where and who from the partnership; who from the front line is counted by role
    # in WalkaboutParticipant (`participants`), never named.
    visit_on = models.DateField("date of the walkabout", null=True, blank=True)
    team_or_site = models.CharField(max_length=200, blank=True)
    locality = models.ForeignKey(
        LocalityPartnership, null=True, blank=True, on_delete=models.PROTECT, related_name="section11_assessments"
    )
    qa_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A self-assessment: when the agency returned its audit.
    returned_on = models.DateField("date the self-assessment was returned", null=True, blank=True)
    # Assessed this cycle by another partnership: who, when and on what evidence.
    other_partnership = models.CharField(max_length=200, blank=True)
    other_assessed_on = models.DateField(null=True, blank=True)
    other_evidence = models.TextField(blank=True)

    summary = models.TextField(blank=True, help_text="The QA lead's overall summary for the report.")
    # The agency agrees the findings first (one of its leads); then the QA Group agrees the report.
    agency_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency_agreed_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True, help_text="Why the findings were last sent back.")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    actions_completed_at = models.DateTimeField(null=True, blank=True)
    from_risk_assessment = models.ForeignKey(
        "walkabouts.SecureHomeRiskAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="walkabouts",
    )

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(assessment_group__isnull=True))
                | (Q(organisation__isnull=True) & Q(assessment_group__isnull=False)),
                name="assessment_of_one_subject",
            ),
            models.UniqueConstraint(
                fields=["cycle", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_assessment_per_organisation_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["cycle", "assessment_group"],
                condition=Q(assessment_group__isnull=False),
                name="one_assessment_per_group_per_cycle",
            ),
            models.CheckConstraint(
                condition=~Q(route="other_partnership")
                | (
                    ~Q(other_partnership="")
                    & Q(other_assessed_on__isnull=False)
                    & ~Q(other_evidence="")
                    & Q(status="recorded_elsewhere")
                ),
                name="other_partnership_named_dated_evidenced",
            ),
            models.CheckConstraint(
                condition=Q(route="other_partnership") | ~Q(status="recorded_elsewhere"),
                name="recorded_elsewhere_only_by_other_partnership",
            ),
            models.CheckConstraint(
                condition=~Q(route="walkabout") | Q(visit_on__isnull=False), name="walkabout_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["agreed", "actions_complete"])
                | (Q(agreed_by__isnull=False) & Q(agreed_at__isnull=False) & Q(agency_agreed_by__isnull=False)),
                name="agreed_assessment_records_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}, {self.cycle.name}"

    @property
    def subject_name(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return str(self.assessment_group)

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class ParticipantRole(models.TextChoices):
    """The front-line roles a walkabout talks to. Participants are counted by role, never named, so
    nothing recorded about them can carry a child's or anyone else's name."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    SCHOOL_NURSE = "school_nurse", "School nurse"
    TEACHER = "teacher", "Teacher"
    DESIGNATED_SAFEGUARDING_LEAD = "designated_safeguarding_lead", "Designated safeguarding lead"
    POLICE_OFFICER = "police_officer", "Police officer"
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"
    YOUTH_WORKER = "youth_worker", "Youth worker"
    OTHER_PRACTITIONER = "other_practitioner", "Other practitioner"


# Each role in the plural, for "3 health visitors".
PARTICIPANT_ROLE_PLURALS: dict[str, str] = {
    ParticipantRole.SOCIAL_WORKER: "Social workers",
    ParticipantRole.TEAM_MANAGER: "Team managers",
    ParticipantRole.HEALTH_VISITOR: "Health visitors",
    ParticipantRole.SCHOOL_NURSE: "School nurses",
    ParticipantRole.TEACHER: "Teachers",
    ParticipantRole.DESIGNATED_SAFEGUARDING_LEAD: "Designated safeguarding leads",
    ParticipantRole.POLICE_OFFICER: "Police officers",
    ParticipantRole.EARLY_HELP_WORKER: "Early help workers",
    ParticipantRole.YOUTH_WORKER: "Youth workers",
    ParticipantRole.OTHER_PRACTITIONER: "Other practitioners",
}

# The most of one role a walkabout records: a team, not a workforce.
MAX_PARTICIPANTS_PER_ROLE = 999


class WalkaboutParticipant(models.Model):
    """How many people in one front-line role took part in a walkabout: a role and a count, no names."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=40, choices=ParticipantRole.choices)
    count = models.PositiveSmallIntegerField()

    class Meta:
        # Saved in the order of ParticipantRole, so the id keeps that order on every page.
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "role"], name="walkabout_participant_role_once"),
            models.CheckConstraint(
                condition=Q(count__gte=1) & Q(count__lte=MAX_PARTICIPANTS_PER_ROLE),
                name="walkabout_participant_count_positive",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="walkabout_participant_role_known"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """For example "3 health visitors" or "1 team manager"."""
        if self.count == 1:
            return f"1 {ParticipantRole(self.role).label.lower()}"
        return f"{self.count} {PARTICIPANT_ROLE_PLURALS[self.role].lower()}"


class Expectation(models.Model):
    """An expectation agreed with the agency for one standard, on top of what good looks like."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="expectations")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["standard__position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Finding(models.Model):
    """The rating for one standard, with its evidence, strengths and areas for improvement."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="findings")
    rating = models.CharField(max_length=10, choices=Rating.choices)
    evidence = models.TextField()
    strengths = models.TextField(blank=True)
    areas_for_improvement = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    # Bumped on every save: a change made from an older copy is a conflict, never a silent overwrite.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "standard__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "standard"], name="one_finding_per_standard"),
            models.CheckConstraint(condition=Q(rating__in=["red", "amber", "green"]), name="finding_rating_rag"),
            models.CheckConstraint(
                condition=Q(rating="green") | ~Q(areas_for_improvement=""), name="red_or_amber_names_improvement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_rating_display()}"


class Action(models.Model):
    """Something the agency will do, with an owner and a due date on the clock registry."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETE = "complete", "Complete"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    standard = models.ForeignKey(Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="The person or post who will do it.")
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="section11_actions")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Not stored: its clock's state on the day a page shows it (walkabouts.selectors.action_clock).
    clock: ClockState

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="complete") & Q(completed_on__isnull=False))
                | (Q(status="open") & Q(completed_on__isnull=True)),
                name="action_complete_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clock_state(self, today: date) -> ClockState:
        """The action's clock on `today`: running while open; met on time or late by the day it was completed."""
        return deadlines.clock_state(self.due_on, today, met=self.completed_on)


class ActionUpdate(models.Model):
    """Progress on an action, optionally with evidence."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    evidence = models.ForeignKey(
        "walkabouts.EvidenceFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class EvidenceFile(models.Model):
    """An uploaded document attached to an assessment (and, if given, one standard)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    standard = models.ForeignKey(Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    upload = models.OneToOneField(Upload, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "added_at", "id"]

    def __str__(self) -> str:
        return self.description


class SecureHomeReport(models.Model):
    """A document the QA Group receives about the secure children's home."""

    class Kind(models.TextChoices):
        OFSTED_ANNUAL = "ofsted_annual", "Annual Ofsted report"
        REGULATORY_VISIT = "regulatory_visit", "Notes of a regulatory visit"

    home = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="secure_home_reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    received_on = models.DateField()
    upload = models.OneToOneField(Upload, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.received_on:%-d %B %Y}"


class SecureHomeRiskAssessment(models.Model):
    """The QA Group's assessment of risk at the secure home, and its decision on a walkabout."""

    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Decision(models.TextChoices):
        NO_WALKABOUT = "no_walkabout", "No walkabout needed now"
        WALKABOUT = "walkabout", "Undertake a walkabout"

    home = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="secure_home_risk_assessments")
    assessed_on = models.DateField()
    risks = models.TextField()
    rating = models.CharField(max_length=10, choices=Level.choices)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    rationale = models.TextField()
    reports = models.ManyToManyField(SecureHomeReport, blank=True, related_name="risk_assessments")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=["low", "medium", "high"]), name="secure_home_risk_level")
        ]

    def __str__(self) -> str:
        return f"Risk assessment, {self.assessed_on:%-d %B %Y}: {self.get_rating_display()}"


class ScrutinyProgramme(models.Model):
    """The annual scrutiny programme, set every April: drafted by the QA Group, endorsed by the Executive."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ENDORSED = "endorsed", "Endorsed by the Executive"

    TRANSITIONS: dict[Status, tuple[Status, ...]] = {Status.DRAFT: (Status.ENDORSED,), Status.ENDORSED: ()}

    year = models.PositiveIntegerField(unique=True, help_text="The year it starts: 2026 for April 2026 to March 2027.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    # The clock: the next year's programme is to be set by 1 April; the QA chair is reminded in March.
    next_due_on = models.DateField()
    next_set = models.BooleanField(default=False, help_text="The next year's programme has been drafted.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(endorsed_by__isnull=False) & Q(endorsed_at__isnull=False)),
                name="endorsed_programme_records_who_and_when",
            )
        ]

    def __str__(self) -> str:
        return f"Scrutiny programme {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class ScrutinyItem(models.Model):
    class Method(models.TextChoices):
        PEER_REVIEW = "peer_review", "Peer review with a neighbouring partnership"
        BOUGHT_IN_EXPERT = "bought_in_expert", "Bought-in expert scrutiny"
        INTERNAL_PEER_REVIEW = "internal_peer_review", "Internal peer review"
        PRACTICE_EVALUATION = "practice_evaluation", "Practice evaluation"

    programme = models.ForeignKey(ScrutinyProgramme, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=30, choices=Method.choices)
    owner = models.CharField(max_length=200)
    timing = models.CharField(max_length=100, help_text="For example: autumn 2026.")
    findings = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    dissemination = models.TextField("how the lessons were spread", blank=True)

    class Meta:
        ordering = ["programme", "id"]

    def __str__(self) -> str:
        return self.title


class AssessmentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)


class AssessmentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)

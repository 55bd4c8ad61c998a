"""Levels of need, threshold decisions and case disagreements (the Case Resolution Protocol).

- A **ToolVersion** of the levels-of-need tool holds its domains, indicators and strengths. Versions
  move draft -> current -> retired (`ToolVersion.TRANSITIONS`); one is current at a time.
- A **ThresholdDecision** is an agency practitioner's recorded decision about a child or family. It
  keeps the tool version it used, the level the tool suggested and the level chosen.
- A **Disagreement** moves through stages 1 to 4 of the protocol, each with its own working-day clock
  (`stage_due_on`), until it is resolved (`Disagreement.TRANSITIONS`).

Every write goes through thresholds/services.py.
"""

from datetime import date

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from dcfp import deadlines
from dcfp.models import LocalityPartnership, Organisation


class Level(models.IntegerChoices):
    UNIVERSAL = 1, "Universal"
    EARLY_HELP = 2, "Early Help"
    TARGETED_HELP = 3, "Targeted Help"
    SPECIALIST = 4, "Specialist"


# What each level means, in words a family can follow (shown on the public page and the form).
LEVEL_MEANING = {
    Level.UNIVERSAL: "Your family's needs are met by everyday services, such as your school, nursery or doctor.",
    Level.EARLY_HELP: (
        "Your family could do with some extra help. One person who already knows you, such as a teacher or "
        "health visitor, works with you on an early help assessment and a plan."
    ),
    Level.TARGETED_HELP: (
        "Your family needs help from more than one service working together. A lead practitioner "
        "coordinates an early help assessment and a plan with you."
    ),
    Level.SPECIALIST: (
        "A child may be at risk of significant harm, or their needs are complex. The worker refers the child "
        "to children's social care, who decide on an assessment under the Children Act 1989."
    ),
}


class ToolVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        RETIRED = "retired", "Retired"

    TRANSITIONS: dict[Status, tuple[Status, ...]] = {
        Status.DRAFT: (Status.CURRENT,),
        Status.CURRENT: (Status.RETIRED,),
        Status.RETIRED: (),
    }

    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20, help_text="For example 2.0.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True, help_text="The last day it was in use.")
    introduction = models.TextField(blank=True, help_text="Plain-language introduction for families.")
    level_meanings = models.JSONField(
        default=dict, blank=True, help_text="What each level means in this version, by level number."
    )
    is_illustrative = models.BooleanField(
        default=False, help_text="An illustrative version for trying the system, not the partnership's own tool."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="current"), name="one_current_tool_version"
            ),
            models.UniqueConstraint(fields=["version"], name="tool_version_unique"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(effective_from__isnull=False),
                name="published_tool_has_effective_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def meaning_of(self, level: int) -> str:
        """What the level means in this version's words (the standard wording where it has none)."""
        return self.level_meanings.get(str(level)) or LEVEL_MEANING[Level(level)]

    def levels(self) -> list[tuple[Level, str]]:
        return [(Level(value), self.meaning_of(value)) for value in Level.values]

    def level_rows(self) -> list[dict]:
        return [{"level": level.value, "name": level.label, "meaning": meaning} for level, meaning in self.levels()]


class Domain(models.Model):
    version = models.ForeignKey(ToolVersion, on_delete=models.CASCADE, related_name="domains")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="indicators")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    wording = models.CharField(max_length=300, help_text="As practitioners record it.")
    plain_wording = models.CharField(max_length=300, help_text="In words a family can follow.")
    contextual_safeguarding = models.BooleanField(
        default=False, help_text="Harm outside the family, such as exploitation."
    )

    class Meta:
        ordering = ["domain__position", "level", "id"]

    def __str__(self) -> str:
        return self.wording


class Strength(models.Model):
    version = models.ForeignKey(ToolVersion, on_delete=models.CASCADE, related_name="strengths")
    wording = models.CharField(max_length=300)
    plain_wording = models.CharField(max_length=300)

    class Meta:
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return self.wording


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "0", "Under 1"
    ONE_TO_4 = "1-4", "1 to 4"
    FIVE_TO_9 = "5-9", "5 to 9"
    TEN_TO_15 = "10-15", "10 to 15"
    SIXTEEN_PLUS = "16+", "16 and over"
    FAMILY = "family", "Whole family"


class Sex(models.TextChoices):
    # The same choices as a notified child's (one choice set in the API schema).
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """The five broad groups of the England and Wales census."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_KNOWN = "not_known", "Not known or not recorded"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Response(models.TextChoices):
    UNIVERSAL_SERVICES = "universal_services", "Needs met by universal services"
    EARLY_HELP_ASSESSMENT = "early_help_assessment", "Early help assessment with a lead practitioner"
    SOCIAL_CARE_REFERRAL = "social_care_referral", "Referral to children's social care"


# The response each level calls for (written once; the service records it with the decision).
RESPONSE_FOR_LEVEL = {
    Level.UNIVERSAL: Response.UNIVERSAL_SERVICES,
    Level.EARLY_HELP: Response.EARLY_HELP_ASSESSMENT,
    Level.TARGETED_HELP: Response.EARLY_HELP_ASSESSMENT,
    Level.SPECIALIST: Response.SOCIAL_CARE_REFERRAL,
}


class ThresholdDecision(models.Model):
    """What an agency decided about a child or family, and why. Holds no name: a local identifier and
    the few characteristics the partnership monitors."""

    reference = models.CharField(max_length=20, unique=True)
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="decisions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="threshold_decisions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    local_identifier = models.CharField(max_length=50, help_text="Your agency's own reference for the child or family.")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(max_length=10, choices=Ethnicity.choices)
    disability = models.CharField(max_length=10, choices=Disability.choices)
    locality = models.ForeignKey(LocalityPartnership, on_delete=models.PROTECT, related_name="threshold_decisions")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="decisions")
    strengths = models.ManyToManyField(Strength, blank=True, related_name="decisions")
    suggested_level = models.PositiveSmallIntegerField(choices=Level.choices)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    rationale = models.TextField(blank=True)
    response = models.CharField(max_length=30, choices=Response.choices)
    lead_practitioner = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["-decided_on", "-id"], name="decision_log_order"),
            models.Index(fields=["organisation", "-decided_on", "-id"], name="decision_org_log_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=models.F("suggested_level")) | ~models.Q(rationale=""),
                name="different_level_has_rationale",
            ),
            models.CheckConstraint(
                condition=~models.Q(level__in=[2, 3]) | ~models.Q(lead_practitioner=""),
                name="early_help_has_lead_practitioner",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def differs_from_suggestion(self) -> bool:
        return self.level != self.suggested_level


class DecisionTally(models.Model):
    """How many decisions were made in a month with one value of one characteristic (a level, an agency,
    a locality, an age band, a sex, an ethnicity, a disability), kept by decision_record in the
    transaction that records the decision (thresholds.tallies). The breakdown across the partnership
    reads these instead of every decision."""

    class Characteristic(models.TextChoices):
        LEVEL = "level", "Level of need"
        ORGANISATION = "organisation_id", "Agency"
        LOCALITY = "locality_id", "Locality"
        AGE_BAND = "age_band", "Age"
        SEX = "sex", "Sex"
        ETHNICITY = "ethnicity", "Ethnicity"
        DISABILITY = "disability", "Disability"

    month = models.DateField(help_text="The first day of the month the decisions were made in.")
    characteristic = models.CharField(max_length=20, choices=Characteristic.choices)
    value = models.CharField(max_length=20, help_text="The value, as text (a level or a record's id as digits).")
    decisions = models.PositiveIntegerField()

    class Meta:
        ordering = ["month", "characteristic", "value"]
        constraints = [
            models.UniqueConstraint(fields=["month", "characteristic", "value"], name="one_tally_per_value"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="tally_month_starts_on_the_first"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.characteristic}={self.value}: {self.decisions}"


class DisagreementQuerySet(models.QuerySet):
    def open(self) -> "DisagreementQuerySet":
        return self.filter(status=Disagreement.Status.OPEN)

    def at_stage(self, stage: int) -> "DisagreementQuerySet":
        return self.open().filter(stage=stage)


class Disagreement(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    TRANSITIONS: dict[Status, tuple[Status, ...]] = {Status.OPEN: (Status.RESOLVED,), Status.RESOLVED: ()}

    class Stage(models.IntegerChoices):
        PRACTITIONERS = 1, "Stage 1: practitioner to practitioner"
        MANAGERS = 2, "Stage 2: manager to manager"
        SENIOR_MANAGERS = 3, "Stage 3: senior managers"
        PARTNERSHIP = 4, "Stage 4: the partnership, through the QA Group chair"

    class Type(models.TextChoices):
        THRESHOLD = "threshold", "Risk, need or threshold"
        ROLES = "roles", "Roles and responsibilities"
        COMMUNICATION = "communication", "Communication and information sharing"
        SERVICES = "services", "Services offered or provided"
        PLAN_PROGRESS = "plan_progress", "Progress of plans"
        STEP_UP_DOWN = "step_up_down", "Stepping up, stepping down or closing a case"

    class With(models.TextChoices):
        OTHER_AGENCY = "other_agency", "Another agency"
        OWN_MANAGER = "own_manager", "My own manager"
        OWN_EMPLOYER = "own_employer", "My own employing organisation"

    reference = models.CharField(max_length=20, unique=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    disagreement_with = models.CharField(max_length=20, choices=With.choices)
    type = models.CharField(max_length=20, choices=Type.choices)
    summary = models.TextField(help_text="What you disagree about and what you think should happen.")
    decision = models.ForeignKey(
        ThresholdDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="disagreements"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.PRACTITIONERS)
    stage_started_on = models.DateField()
    stage_due_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    objects = DisagreementQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["status", "stage", "stage_due_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(stage__gte=1, stage__lte=4), name="disagreement_stage_1_to_4"),
            models.CheckConstraint(
                condition=~models.Q(status="resolved") | (~models.Q(outcome="") & models.Q(resolved_on__isnull=False)),
                name="resolved_disagreement_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clock_state(self, today: date) -> deadlines.ClockState:
        """The current stage's clock (dcfp.deadlines): running while open, met on the day of resolution."""
        return deadlines.clock_state(self.stage_due_on, today, met=self.resolved_on)


class Party(models.Model):
    """A person or organisation named in a disagreement. An organisation without a person names the
    agency as a whole (its safeguarding leads answer for it)."""

    class Side(models.TextChoices):
        RAISING = "raising", "Raising the disagreement"
        RESPONDING = "responding", "Disagreed with"

    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="disagreement_parts"
    )
    side = models.CharField(max_length=12, choices=Side.choices)
    added_at_stage = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["disagreement", "side", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["disagreement", "person"], condition=models.Q(person__isnull=False), name="person_party_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else str(self.organisation)


class StageRecord(models.Model):
    """One stage a disagreement went through: when it started, when it was due and how it ended."""

    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="stages")
    stage = models.PositiveSmallIntegerField(choices=Disagreement.Stage.choices)
    started_on = models.DateField()
    due_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.CharField(max_length=12, blank=True, help_text="escalated or resolved")

    class Meta:
        ordering = ["disagreement", "stage"]
        constraints = [models.UniqueConstraint(fields=["disagreement", "stage"], name="one_record_per_stage")]

    def __str__(self) -> str:
        return f"{self.disagreement} stage {self.stage}"


class Note(models.Model):
    """What someone wrote on a disagreement: a response, a reason to escalate, or the resolution."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        RESPONSE = "response", "Response"
        ESCALATION = "escalation", "Escalated"
        RESOLUTION = "resolution", "Resolved"

    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    stage = models.PositiveSmallIntegerField(choices=Disagreement.Stage.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["disagreement", "at", "id"]

    def __str__(self) -> str:
        return f"{self.disagreement} {self.get_kind_display().lower()} by {self.author}"


class ThresholdDecisionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ThresholdDecision, on_delete=models.CASCADE)


class ThresholdDecisionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ThresholdDecision, on_delete=models.CASCADE)


class DisagreementUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Disagreement, on_delete=models.CASCADE)


class DisagreementGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Disagreement, on_delete=models.CASCADE)

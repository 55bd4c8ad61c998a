"""Rapid reviews of notified serious incidents, and the agency summaries they ask for.

A RapidReview starts from a notification recorded as notified (at most one per notification). The
allowed status changes are written once, as data, in `RapidReview.TRANSITIONS` and
`AgencySummary.TRANSITIONS`; every change goes through one service per transition in
rapid_reviews/services/.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from dcfp import deadlines
from dcfp.models import Organisation
from notifications.models import Incident


class RapidReviewQuerySet(models.QuerySet):
    def open(self) -> "RapidReviewQuerySet":
        """Rapid reviews whose clock runs: not yet sent to the National Panel."""
        return self.exclude(status=RapidReview.Status.SENT)

    def due(self, on: date) -> "RapidReviewQuerySet":
        return self.open().filter(due_on__lte=on)

    def in_clock_state(self, state: "deadlines.ClockState | str", today: date) -> "RapidReviewQuerySet":
        """Reviews whose clock is in `state` on `today` (as RapidReview.clock_state says).

        The clock is met on `sent_on`, a date already in England's calendar, so the met states compare
        that date with the due date directly; a rapid review is never stopped."""
        state = deadlines.ClockState(state)
        if state in deadlines.RUNNING_STATES:
            return self.open().filter(deadlines.running_condition("due_on", state, today))
        if state is deadlines.ClockState.MET_ON_TIME:
            return self.filter(status=RapidReview.Status.SENT, sent_on__lte=models.F("due_on"))
        if state is deadlines.ClockState.MET_LATE:
            return self.filter(status=RapidReview.Status.SENT, sent_on__gt=models.F("due_on"))
        return self.none()


class RapidReview(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SIGN_OFF = "sign_off", "Awaiting partner sign-off"
        ENDORSEMENT = "endorsement", "Awaiting Executive endorsement"
        READY = "ready", "Ready to send to the Panel"
        SENT = "sent", "Sent to the National Panel"

    # Every allowed status change, and nothing else. Services check against this dict.
    TRANSITIONS: dict[str, list[str]] = {
        Status.IN_PROGRESS: [Status.SIGN_OFF],
        Status.SIGN_OFF: [Status.ENDORSEMENT, Status.READY],
        Status.ENDORSEMENT: [Status.READY, Status.IN_PROGRESS],
        Status.READY: [Status.SENT],
        Status.SENT: [],
    }

    class Outcome(models.TextChoices):
        NATIONAL = "a", "(a) Complex or of national significance: the QA Group chair links with the Panel"
        NO_FURTHER_REVIEW = "b", "(b) Enough learning, no further review: for Executive endorsement"
        LOCAL_REVIEW = "c", "(c) A local child safeguarding practice review"

    class Reg11(models.TextChoices):
        """The criteria for a local child safeguarding practice review (Working Together, chapter 4)."""

        IMPROVEMENTS = "improvements", "It highlights or may highlight improvements needed to safeguard children"
        RECURRENT = "recurrent", "It highlights or may highlight recurrent themes in safeguarding children"
        MULTI_AGENCY = "multi_agency", "It highlights concerns about organisations working together effectively"
        PANEL = "panel", "The National Panel considered it and concluded a local review may be more appropriate"

    class PanelReply(models.TextChoices):
        AGREES = "agrees", "Agrees with the outcome"
        NATIONAL_REVIEW = "national_review", "Will carry out a national review"
        LOCAL_REVIEW = "local_review", "Asks for a local review"
        OTHER = "other", "Other"

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="rapid_review")
    reference = models.CharField(max_length=30, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    notified_on = models.DateField(help_text="England's calendar date on which the notification was submitted.")
    counted_from = models.DateField(help_text="The notification date, or its due date if it was late.")
    due_on = models.DateField(help_text="15 working days after the day it is counted from.")
    outcome = models.CharField(max_length=1, choices=Outcome.choices, blank=True)
    outcome_rationale = models.TextField(blank=True)
    reg11_criteria = models.JSONField(default=list, blank=True)
    panel_link = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sign_off_round = models.PositiveIntegerField(default=0)
    returned_reason = models.TextField(blank=True, help_text="Why the Executive last declined to endorse it.")
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField("date sent to the National Panel", null=True, blank=True)
    panel_reply = models.CharField(max_length=20, choices=PanelReply.choices, blank=True)
    panel_reply_on = models.DateField(null=True, blank=True)
    panel_reply_note = models.TextField(blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    objects = RapidReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_on__isnull=False), name="sent_has_date"
            ),
            models.CheckConstraint(
                condition=models.Q(panel_reply="") | models.Q(panel_reply_on__isnull=False),
                name="panel_reply_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def clock_met_at(self) -> date | None:
        """The clock is met on the day the report was sent to the National Panel (a date in England)."""
        return self.sent_on if self.status == self.Status.SENT else None

    def clock_state(self, today: date) -> deadlines.ClockState:
        """The rapid review clock on `today`: running until sent to the Panel, then met on time or late."""
        return deadlines.clock_state(self.due_on, today, met=self.clock_met_at)


class ReportSection(models.Model):
    """One section of the "Summary and Outcome of Rapid Review", saved on its own with its own version
    so that two people editing different sections never conflict, and two editing one section do."""

    class Key(models.TextChoices):
        FACTS = "facts", "Facts and chronology"
        CHILD = "child", "The child's experience"
        AGENCIES = "agencies", "Agency involvement and key practice episodes"
        ACTIONS = "actions", "Immediate safeguarding actions"
        LEARNING = "learning", "Learning and good practice"
        CONTEXT = "context", "Context, including inequalities, racism, ableism and protected characteristics"

    review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20, choices=Key.choices)
    position = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_key_display()}"


class SignOff(models.Model):
    """One Safeguarding Partner's sign-off of the report and its outcome, in one round."""

    review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="sign_offs")
    round = models.PositiveIntegerField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "round", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "round", "organisation"], name="one_sign_off_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.review} signed off for {self.organisation}"


class AgencySummaryQuerySet(models.QuerySet):
    def open(self) -> "AgencySummaryQuerySet":
        """Summaries still to be submitted (including those returned)."""
        return self.exclude(status=AgencySummary.Status.SUBMITTED)

    def in_clock_state(self, state: "deadlines.ClockState | str", today: date) -> "AgencySummaryQuerySet":
        """Summaries whose clock is in `state` on `today` (as AgencySummary.clock_state says)."""
        return self.filter(deadlines.clock_condition(SUMMARY_CLOCK, state, today))


class AgencySummary(models.Model):
    """One involved agency's individual summary for a rapid review, due on working day 10."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        DRAFT = "draft", "Draft saved"
        RETURNED = "returned", "Returned for changes"
        SUBMITTED = "submitted", "Submitted"

    TRANSITIONS: dict[str, list[str]] = {
        Status.REQUESTED: [Status.DRAFT, Status.SUBMITTED],
        Status.DRAFT: [Status.DRAFT, Status.SUBMITTED],
        Status.RETURNED: [Status.DRAFT, Status.SUBMITTED],
        Status.SUBMITTED: [Status.RETURNED],
    }
    EDITABLE = ("requested", "draft", "returned")
    SECTIONS = {
        "involvement": "Involvement with the child and family",
        "key_episodes": "Key practice episodes",
        "went_well": "What went well",
        "could_be_better": "What could have been better",
        "immediate_actions": "Immediate actions taken",
    }

    review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="summaries")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agency_summaries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    due_on = models.DateField(help_text="Working day 10 of the rapid review.")
    involvement = models.TextField(blank=True)
    key_episodes = models.TextField(blank=True)
    went_well = models.TextField(blank=True)
    could_be_better = models.TextField(blank=True)
    immediate_actions = models.TextField(blank=True)
    returned_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = AgencySummaryQuerySet.as_manager()

    class Meta:
        ordering = ["review", "organisation__name"]
        verbose_name_plural = "agency summaries"
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["review", "organisation"], name="one_summary_per_agency"),
            models.CheckConstraint(
                condition=~models.Q(status="returned") | ~models.Q(returned_reason=""), name="returned_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.organisation}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def clock_met_at(self) -> datetime | None:
        """The moment the summary was submitted (SUMMARY_CLOCK.met_at says the same to the database)."""
        return self.submitted_at if self.status == self.Status.SUBMITTED else None

    def clock_state(self, today: date) -> deadlines.ClockState:
        """The summary's clock on `today`: running until submitted (a returned one runs again), then met on
        time or late by England's date of submission."""
        return deadlines.clock_state(self.due_on, today, met=self.clock_met_at)

    def section_items(self) -> list[tuple[str, str, str]]:
        return [(name, label, getattr(self, name)) for name, label in self.SECTIONS.items()]


# The agency summary clock's columns, for deadlines.clock_condition: the same rule as AgencySummary.clock_state.
SUMMARY_CLOCK = deadlines.ClockColumns(
    due_field="due_on",
    running=~models.Q(status=AgencySummary.Status.SUBMITTED),
    met_at=models.Case(
        models.When(status=AgencySummary.Status.SUBMITTED, then=models.F("submitted_at")),
        output_field=models.DateTimeField(),
    ),
    stopped=models.Q(pk__isnull=True),  # a summary's clock is never stopped
)


class RapidReviewUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(RapidReview, on_delete=models.CASCADE)


class RapidReviewGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(RapidReview, on_delete=models.CASCADE)


class AgencySummaryUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(AgencySummary, on_delete=models.CASCADE)


class AgencySummaryGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AgencySummary, on_delete=models.CASCADE)

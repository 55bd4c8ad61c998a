"""Local child safeguarding practice reviews (LCSPR), their extensions, milestones and written requests
to the reviewer, and the recommendations and actions of rapid and local reviews.

The allowed status changes are written once, as data, in each model's TRANSITIONS.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from dcfp import deadlines
from dcfp.models import Organisation
from rapid_reviews.models.rapid import RapidReview


class LocalReviewQuerySet(models.QuerySet):
    def open(self) -> "LocalReviewQuerySet":
        """Local reviews whose clock runs: not yet published or concluded as not published."""
        return self.filter(status__in=LocalReview.OPEN_STATUSES)

    def in_clock_state(self, state: "deadlines.ClockState | str", today: date) -> "LocalReviewQuerySet":
        """Local reviews whose clock is in `state` on `today` (as LocalReview.clock_state says).

        The clock is met on a date already in England's calendar (publication, or the date sent when it
        will not be published), so the met states compare that date with the due date directly."""
        state = deadlines.ClockState(state)
        if state in deadlines.RUNNING_STATES:
            return self.open().filter(deadlines.running_condition("due_on", state, today))
        met_on = models.Case(
            models.When(status=LocalReview.Status.PUBLISHED, then=models.F("publication_on")),
            models.When(status=LocalReview.Status.NOT_PUBLISHED, then=models.F("sent_on")),
            output_field=models.DateField(),
        )
        qs = self.exclude(status__in=LocalReview.OPEN_STATUSES).annotate(_met_on=met_on)
        if state is deadlines.ClockState.MET_ON_TIME:
            return qs.filter(_met_on__lte=models.F("due_on"))
        if state is deadlines.ClockState.MET_LATE:
            return qs.filter(_met_on__gt=models.F("due_on"))
        return self.none()


class LocalReview(models.Model):
    class Status(models.TextChoices):
        DECIDED = "decided", "Decided: reviewer to appoint"
        UNDER_WAY = "under_way", "Under way"
        SENT = "sent", "Sent to the Panel, the Secretary of State and Ofsted"
        PUBLISHED = "published", "Published"
        NOT_PUBLISHED = "not_published", "Not to be published"

    TRANSITIONS: dict[str, list[str]] = {
        Status.DECIDED: [Status.UNDER_WAY],
        Status.UNDER_WAY: [Status.SENT],
        Status.SENT: [Status.PUBLISHED, Status.NOT_PUBLISHED],
        Status.PUBLISHED: [],
        Status.NOT_PUBLISHED: [],
    }
    # Open while it can still move on.
    OPEN_STATUSES = tuple(state for state, onward in TRANSITIONS.items() if onward)

    class Source(models.TextChoices):
        OUTCOME_C = "outcome_c", "Rapid review outcome (c)"
        PANEL = "panel", "The National Panel asked for a local review"

    class Methodology(models.TextChoices):
        APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry (Research in Practice)"
        OTHER = "other", "Another named methodology"

    class Sent(models.TextChoices):
        REPORT = "report", "The final report"
        IMPROVEMENTS = "improvements", "The improvements to be made (the report will not be published)"

    rapid_review = models.OneToOneField(RapidReview, on_delete=models.PROTECT, related_name="local_review")
    reference = models.CharField(max_length=30, unique=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DECIDED)
    decided_on = models.DateField("date of the decision")
    original_due_on = models.DateField(help_text="6 calendar months after the decision; never changes.")
    due_on = models.DateField(help_text="The original date, or the latest approved extension.")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="local_reviews"
    )
    terms_of_reference = models.TextField(blank=True)
    methodology = models.CharField(max_length=30, choices=Methodology.choices, default=Methodology.APPRECIATIVE_INQUIRY)
    methodology_other = models.CharField("other methodology", max_length=200, blank=True)
    sent_on = models.DateField("date sent to the Panel, the Secretary of State and Ofsted", null=True, blank=True)
    sent_what = models.CharField(max_length=20, choices=Sent.choices, blank=True)
    publication_on = models.DateField("publication date", null=True, blank=True)
    published_url = models.URLField("published address", blank=True)
    not_publishing_reason = models.TextField(blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    objects = LocalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="not_published") | ~models.Q(not_publishing_reason=""),
                name="not_published_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(publication_on__isnull=False),
                name="published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def methodology_label(self) -> str:
        if self.methodology == self.Methodology.OTHER:
            return self.methodology_other or "Another methodology"
        return self.get_methodology_display()

    @property
    def clock_met_at(self) -> date | None:
        """Met on the publication date, or, when it will not be published, on the date it was sent."""
        if self.status == self.Status.PUBLISHED:
            return self.publication_on
        if self.status == self.Status.NOT_PUBLISHED:
            return self.sent_on
        return None

    def clock_state(self, today: date) -> deadlines.ClockState:
        """Completion and publication: 6 calendar months after the decision, or the approved extension."""
        return deadlines.clock_state(self.due_on, today, met=self.clock_met_at)


class Extension(models.Model):
    """A request to extend a local review's date, with its reason; only the QA chair approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the QA Group chair"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    TRANSITIONS: dict[str, list[str]] = {
        Status.PENDING: [Status.APPROVED, Status.REFUSED],
        Status.APPROVED: [],
        Status.REFUSED: [],
    }

    review = models.ForeignKey(LocalReview, on_delete=models.CASCADE, related_name="extensions")
    new_due_on = models.DateField("new date")
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.review}: to {self.new_due_on}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class Milestone(models.Model):
    review = models.ForeignKey(LocalReview, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class InformationRequest(models.Model):
    """A written request to the reviewer, for information or a draft, and the reviewer's reply."""

    class Kind(models.TextChoices):
        INFORMATION = "information", "Information"
        DRAFT = "draft", "A draft"

    review = models.ForeignKey(LocalReview, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    reply = models.TextField(blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_kind_display()}"


class Recommendation(models.Model):
    """A recommendation of a rapid review or a local review; each becomes actions owned by agencies."""

    rapid_review = models.ForeignKey(
        RapidReview, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    local_review = models.ForeignKey(
        LocalReview, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rapid_review__isnull=False, local_review__isnull=True)
                | models.Q(rapid_review__isnull=True, local_review__isnull=False),
                name="recommendation_of_one_review",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def source_reference(self) -> str:
        review = self.rapid_review or self.local_review
        return review.reference if review else ""


class ActionQuerySet(models.QuerySet):
    def open(self) -> "ActionQuerySet":
        return self.filter(status=Action.Status.OPEN)

    def in_clock_state(self, state: "deadlines.ClockState | str", today: date) -> "ActionQuerySet":
        """Actions whose clock is in `state` on `today` (as Action.clock_state says)."""
        return self.filter(deadlines.clock_condition(ACTION_CLOCK, state, today))


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"

    TRANSITIONS: dict[str, list[str]] = {Status.OPEN: [Status.COMPLETED], Status.COMPLETED: []}

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="review_actions")
    description = models.TextField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:60]

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def clock_met_at(self) -> datetime | None:
        return self.completed_at if self.status == self.Status.COMPLETED else None

    def clock_state(self, today: date) -> deadlines.ClockState:
        """An action's clock: running until completed, then met on time or late by England's date."""
        return deadlines.clock_state(self.due_on, today, met=self.clock_met_at)


# The action clock's columns, for deadlines.clock_condition: the same rule as Action.clock_state.
ACTION_CLOCK = deadlines.ClockColumns(
    due_field="due_on",
    running=models.Q(status=Action.Status.OPEN),
    met_at=models.Case(
        models.When(status=Action.Status.COMPLETED, then=models.F("completed_at")),
        output_field=models.DateTimeField(),
    ),
    stopped=models.Q(pk__isnull=True),  # an action's clock is never stopped
)


class ActionUpdate(models.Model):
    """Progress on an action, with its evidence in words."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("progress and evidence")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.at:%Y-%m-%d}"


class LocalReviewUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(LocalReview, on_delete=models.CASCADE)


class LocalReviewGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(LocalReview, on_delete=models.CASCADE)


class ActionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Action, on_delete=models.CASCADE)


class ActionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Action, on_delete=models.CASCADE)

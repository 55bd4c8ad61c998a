"""Serious incident notifications: one Incident per event, covering 1 to 4 children.

The allowed status changes are written once, as data, in `Incident.TRANSITIONS`; every change goes
through one service per transition in notifications/services.py.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from dcfp import deadlines
from dcfp.models import Area, Organisation

MAX_CHILDREN = 4  # the national notification system's limit per notification
SUMMARY_MAX = 5000  # characters in an incident's summary
RATIONALE_MAX = 2000  # characters in the reasons an incident is not notifiable
CARE_LEAVER_MAX_AGE = 24  # the care-leaver death duty covers care leavers aged 24 or under


class IncidentQuerySet(models.QuerySet["Incident"]):
    def open(self) -> "IncidentQuerySet":
        """Incidents whose notification clock is running (not yet notified, concluded or withdrawn)."""
        return self.filter(status__in=Incident.OPEN_STATUSES)

    def due(self, on: date) -> "IncidentQuerySet":
        """Open incidents whose notification is due on or before `on`."""
        return self.open().filter(notification_due_on__lte=on)

    def in_clock_state(self, state: "deadlines.ClockState | str", today: date) -> "IncidentQuerySet":
        """Incidents whose notification clock is in `state` on `today` (as Incident.clock_state says)."""
        return self.filter(deadlines.clock_condition(NOTIFICATION_CLOCK, state, today))


class Incident(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_AGREEMENT = "awaiting_agreement", "Awaiting agreement"
        AGREED = "agreed", "Agreed"
        NOTIFIED = "notified", "Notified"
        NOT_NOTIFIABLE = "not_notifiable", "Not notifiable"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REFERRED = "referred", "Referred to another authority"

    # Every allowed status change, and nothing else. Services check against this dict.
    TRANSITIONS: dict[Status, tuple[Status, ...]] = {
        Status.DRAFT: (Status.AWAITING_AGREEMENT, Status.WITHDRAWN, Status.REFERRED),
        Status.AWAITING_AGREEMENT: (Status.AGREED, Status.DRAFT, Status.WITHDRAWN, Status.REFERRED),
        Status.AGREED: (Status.NOTIFIED, Status.NOT_NOTIFIABLE, Status.WITHDRAWN, Status.REFERRED),
        Status.NOTIFIED: (),
        Status.NOT_NOTIFIABLE: (),
        Status.WITHDRAWN: (),
        Status.REFERRED: (),
    }
    # The notification clock runs while the incident can still move on: every status with a way out.
    OPEN_STATUSES: tuple[Status, ...] = tuple(status for status, onward in TRANSITIONS.items() if onward)
    # The clock stops without being met: the incident is not this partnership's to notify.
    STOPPED_STATUSES: tuple[Status, ...] = (Status.WITHDRAWN, Status.REFERRED)

    class Nature(models.TextChoices):
        DEATH = "death", "Death"
        SERIOUS_HARM = "serious_harm", "Serious harm"
        OTHER = "other", "Other"

    class AbuseOrNeglect(models.TextChoices):
        KNOWN = "known", "Known"
        SUSPECTED = "suspected", "Suspected"
        NOT_SUSPECTED = "not_suspected", "Not known or suspected"

    class Category(models.TextChoices):
        NEGLECT = "neglect", "Neglect"
        PHYSICAL = "physical", "Physical abuse"
        SEXUAL = "sexual", "Sexual abuse"
        EMOTIONAL = "emotional", "Emotional abuse"
        MULTIPLE = "multiple", "Multiple"

    class Theme(models.TextChoices):
        SUDI = "sudi", "Sudden unexpected death in infancy (SUDI)"
        EXTRA_FAMILIAL_HARM = "extra_familial_harm", "Extra-familial harm"
        EXPLOITATION = "exploitation", "Exploitation"
        ONLINE_HARM = "online_harm", "Online harm"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
        SUICIDE = "suicide", "Suicide"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        NOTIFIABLE = "notifiable", "Notifiable"
        NOT_NOTIFIABLE = "not_notifiable", "Not notifiable"

    reference = models.CharField(max_length=20, unique=True, help_text="For example DCFP-2026-0001.")
    occurred_on = models.DateField("date of incident")
    occurred_time = models.TimeField("time of incident", null=True, blank=True)
    aware_on = models.DateField("date the authority became aware")
    nature = models.CharField(max_length=20, choices=Nature.choices)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents", help_text="Where it happened."
    )
    outside_england = models.BooleanField(default=False, help_text="It happened outside England.")
    abuse_or_neglect = models.CharField(max_length=20, choices=AbuseOrNeglect.choices)
    categories = models.JSONField(default=list, blank=True, help_text="Category values (see Category).")
    themes = models.JSONField(default=list, blank=True, help_text="Theme values (see Theme).")
    theme_other = models.CharField("other theme", max_length=200, blank=True)
    agencies_involved = models.ManyToManyField(Organisation, blank=True, related_name="incidents_involved_in")
    summary = models.TextField()

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    notification_due_on = models.DateField(help_text="5 working days after the date the authority became aware.")
    outcome_recommended = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    not_notifiable_rationale = models.TextField(blank=True)
    # Each submission for agreement opens a new round; only the current round's agreements count.
    agreement_round = models.PositiveIntegerField(default=0)
    returned_reason = models.TextField(blank=True, help_text="Why it was last returned to draft.")
    agreed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    referred_to = models.CharField(
        max_length=200, blank=True, help_text="The authority responsible for notifying it, when it is not this one."
    )
    referred_note = models.TextField(blank=True)
    national_reference = models.CharField(max_length=50, blank=True)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was submitted to the national notification system."
    )
    concluded_at = models.DateTimeField(null=True, blank=True, help_text="When it was notified or concluded.")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Everyone who created, changed or submitted the incident: none of them may give one of its agreements.
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency: an edit names the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    objects = IncidentQuerySet.as_manager()
    # Not stored: lists set it to the clock's state on the day they show (clock_state(today)).
    clock: deadlines.ClockState

    class Meta:
        ordering = ["-aware_on", "-id"]
        indexes = [
            models.Index(fields=["status", "notification_due_on"]),
            # The list's order, alone (also serving the aware-date filters) and under each filter it offers,
            # so a page is read from an index in order instead of sorting every visible incident.
            models.Index(fields=["-aware_on", "-id"], name="incident_list_order"),
            models.Index(fields=["status", "-aware_on", "-id"], name="incident_list_by_status"),
            models.Index(fields=["area", "-aware_on", "-id"], name="incident_list_by_area"),
            # The dashboard's panels in their own order, each over its own rows, so a panel reads its first
            # ten from an index instead of sorting every candidate: open clocks by due date, drafts
            # (returned ones first), and notified incidents by when they were notified.
            models.Index(
                "notification_due_on",
                "id",
                name="incident_open_clock_order",
                condition=models.Q(status__in=["draft", "awaiting_agreement", "agreed"]),
            ),
            models.Index(
                models.Case(
                    models.When(returned_reason="", then=models.Value(1)),
                    default=models.Value(0),
                    output_field=models.IntegerField(),
                ),
                "notification_due_on",
                "id",
                name="incident_draft_order",
                condition=models.Q(status="draft"),
            ),
            models.Index(
                fields=["submitted_at", "id"], name="incident_notified_order", condition=models.Q(status="notified")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(aware_on__gte=models.F("occurred_on")), name="aware_after_incident"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="notified")
                | (~models.Q(national_reference="") & models.Q(submitted_at__isnull=False)),
                name="notified_has_reference",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | ~models.Q(withdrawn_reason=""), name="withdrawn_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_notifiable") | ~models.Q(not_notifiable_rationale=""),
                name="not_notifiable_has_rationale",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="referred") | ~models.Q(referred_to=""), name="referred_names_authority"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def clock_met_at(self) -> datetime | None:
        """The moment the notification clock was met: submitted to the national system, or concluded
        not notifiable (NOTIFICATION_CLOCK.met_at says the same to the database)."""
        if self.status == self.Status.NOTIFIED:
            return self.submitted_at
        if self.status == self.Status.NOT_NOTIFIABLE:
            return self.concluded_at
        return None

    @property
    def clock_met_on(self) -> date | None:
        """England's calendar date of the moment the notification clock was met."""
        met_at = self.clock_met_at
        return deadlines.england_date(met_at) if met_at is not None else None

    def clock_state(self, today: date) -> deadlines.ClockState:
        """The notification clock's state on `today`: running while open, met when notified or
        concluded (on time or late by England's date), stopped when withdrawn."""
        return deadlines.clock_state(
            self.notification_due_on,
            today,
            met=self.clock_met_at,
            stopped=self.status in self.STOPPED_STATUSES,
        )

    def category_labels(self) -> list[str]:
        return [self.Category(v).label for v in self.categories if v in self.Category.values]

    def theme_labels(self) -> list[str]:
        labels = [self.Theme(v).label for v in self.themes if v in self.Theme.values and v != "other"]
        if "other" in self.themes:
            labels.append(f"Other: {self.theme_other}" if self.theme_other else "Other")
        return labels

    def clean(self) -> None:
        from notifications.validation import validate_incident

        validate_incident(self)


# The notification clock's columns, for deadlines.clock_condition: the same rule as Incident.clock_state.
NOTIFICATION_CLOCK = deadlines.ClockColumns(
    due_field="notification_due_on",
    running=models.Q(status__in=Incident.OPEN_STATUSES),
    met_at=models.Case(
        models.When(status=Incident.Status.NOTIFIED, then=models.F("submitted_at")),
        models.When(status=Incident.Status.NOT_NOTIFIABLE, then=models.F("concluded_at")),
        output_field=models.DateTimeField(),
    ),
    stopped=models.Q(status__in=Incident.STOPPED_STATUSES),
)


class ReferenceCounter(models.Model):
    """The last incident reference number given in a year. notifications.services locks the year's row
    to give the next number, so references count on as numbers (DCFP-2026-9999, then DCFP-2026-10000)
    and two incidents logged at once never get the same one, on PostgreSQL and on SQLite."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Child(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NOT_KNOWN = "not_known", "Not known"

    class Disability(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_KNOWN = "not_known", "Not known"

    class LegalStatus(models.TextChoices):
        NONE = "none", "None of these"
        CHILD_IN_NEED = "child_in_need", "Child in need plan"
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        LOOKED_AFTER = "looked_after", "Looked after child"
        CARE_LEAVER = "care_leaver", "Care leaver"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Where the date of birth is unknown.")
    sex = models.CharField(max_length=20, choices=Sex.choices)
    gender = models.CharField("gender identity", max_length=100, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, default=Disability.NOT_KNOWN)
    legal_status = models.CharField(max_length=20, choices=LegalStatus.choices, default=LegalStatus.NONE)
    normally_resident_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="resident_children"
    )
    resident_outside_england = models.BooleanField(default=False)
    local_identifier = models.CharField(max_length=50, blank=True)
    died = models.BooleanField(default=False)

    class Meta:
        ordering = ["incident", "position", "id"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(fields=["incident", "position"], name="child_position_unique"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_CHILDREN), name="child_position_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def age_on(self, day: date) -> int | None:
        """Age in whole years on `day`, from the date of birth if known, else the recorded age."""
        if self.date_of_birth:
            dob = self.date_of_birth
            return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
        return self.age_years

    def clean(self) -> None:
        if self.date_of_birth is None and self.age_years is None:
            raise ValidationError({"date_of_birth": "Enter the child's date of birth or their age"})


class Agreement(models.Model):
    """One person's decision on the proposed outcome in one round of agreement."""

    class Capacity(models.TextChoices):
        QA_CHAIR = "qa_chair", "QA Group chair"
        PARTNER_REP = "partner_rep", "Safeguarding Partner representative"

    class Decision(models.TextChoices):
        AGREE = "agree", "Agreed"
        DISAGREE = "disagree", "Disagreed"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="agreements")
    round = models.PositiveIntegerField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    # What was agreed (or not): the outcome proposed when this round opened.
    proposed_outcome = models.CharField(max_length=20, choices=Incident.Outcome.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "round", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "round", "capacity"], name="one_decision_per_capacity_per_round"
            ),
            models.UniqueConstraint(fields=["incident", "round", "person"], name="one_decision_per_person_per_round"),
            models.CheckConstraint(
                condition=~models.Q(decision="disagree") | ~models.Q(reason=""), name="disagreement_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident} {self.get_capacity_display()}: {self.get_decision_display()}"


REFERRAL_SUMMARY_MAX = 2000  # characters: a short account; the CSPRG gathers the rest


class Referral(models.Model):
    """An agency's referral of a possible serious incident to the CSPRG, its first recipient. The CSPRG
    turns it into a draft incident or closes it with a reason; the referrer sees which."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the CSPRG"
        DRAFTED = "drafted", "Made into a draft incident"
        CLOSED = "closed", "Closed"

    TRANSITIONS: dict[Status, tuple[Status, ...]] = {
        Status.OPEN: (Status.DRAFTED, Status.CLOSED),
        Status.DRAFTED: (),
        Status.CLOSED: (),
    }

    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals")
    occurred_on = models.DateField("date of incident")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals", help_text="Where it happened."
    )
    child_name = models.CharField("child's name", max_length=200)
    summary = models.TextField("what happened", max_length=REFERRAL_SUMMARY_MAX)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    incident = models.OneToOneField(Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="referral")
    closed_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(closed_reason=""), name="closed_referral_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="drafted") | models.Q(incident__isnull=False),
                name="drafted_referral_has_incident",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class ReferralUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Referral, on_delete=models.CASCADE)


class ReferralGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Referral, on_delete=models.CASCADE)


class IncidentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Incident, on_delete=models.CASCADE)


class IncidentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Incident, on_delete=models.CASCADE)

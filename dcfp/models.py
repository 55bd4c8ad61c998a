"""The partnership: areas, organisations, localities, groups and the people who use the system."""

import unicodedata

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.db import models
from django.utils import timezone


class Area(models.Model):
    """A local-authority area. Areas in the jurisdiction are where this partnership notifies incidents."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    responsible_authority = models.CharField(
        max_length=200, help_text="The local authority that notifies serious incidents in this area."
    )
    in_jurisdiction = models.BooleanField(
        default=False, help_text="Serious incidents in this area are notified by this partnership."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AssessmentGroup(models.Model):
    """Organisations assessed together for Section 11 (the eight district councils)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        POLICE = "police", "Police"
        HEALTH_COMMISSIONER = "health_commissioner", "Health commissioner"
        HEALTH_PROVIDER = "health_provider", "Health provider"
        SCHOOL = "school", "School"
        DISTRICT_COUNCIL = "district_council", "District council"
        VOLUNTARY = "voluntary", "Voluntary or community body"
        SECURE_CHILDRENS_HOME = "secure_childrens_home", "Secure children's home"
        OTHER = "other", "Other"

    class Domain(models.TextChoices):
        CHILD_PROTECTION = "child_protection", "Child protection"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        WELL_BEING = "well_being", "Well-being"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    is_safeguarding_partner = models.BooleanField(default=False)
    lead_domain = models.CharField(max_length=32, choices=Domain.choices, blank=True)
    areas = models.ManyToManyField(Area, related_name="organisations", blank=True)
    assessment_group = models.ForeignKey(
        AssessmentGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    # Object permissions given to an organisation are held by this group; its people are its members.
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisation", editable=False)
    is_demo = models.BooleanField(default=False, help_text="Demo data, not a real organisation.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_safeguarding_partner=False) | ~models.Q(lead_domain=""),
                name="safeguarding_partner_leads_a_domain",
            )
        ]

    def __str__(self) -> str:
        return self.name


class LocalityPartnership(models.Model):
    """One of the four locality partnerships, co-terminous with a community safety partnership."""

    name = models.CharField(max_length=200, unique=True)
    community_safety_partnership = models.CharField(max_length=200, blank=True)
    members = models.ManyToManyField("dcfp.User", related_name="localities", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "locality partnerships"

    def __str__(self) -> str:
        return self.name


class PartnershipGroup(models.Model):
    """A named group of the partnership with members (Expert by Experience, thematic and sector groups).

    The QA Group and the Executive are roles (Django groups), because membership of them grants access.
    """

    class Kind(models.TextChoices):
        EXPERT_BY_EXPERIENCE = "expert_by_experience", "Expert by Experience"
        THEMATIC = "thematic", "Thematic group"
        SECTOR = "sector", "Sector sub-group"
        NETWORK = "network", "Network"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    members = models.ManyToManyField("dcfp.User", related_name="partnership_groups", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def normalise_email(value: str | None) -> str:
    """The one form of an email address that is stored, looked up and counted for lockout: trimmed,
    Unicode NFKC and case-folded. Every spelling that folds to the same form is the same account and
    shares one budget of failed sign-ins; a spelling that folds to another form (a dotless ı, say) is
    another address, which finds no account, rather than a second key to the same one."""
    folded = unicodedata.normalize("NFKC", (value or "").strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("Every person needs an email address.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person: one organisation, several roles (Django groups)."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False, help_text="Demo account, not a real person.")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "organisation"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})" if self.organisation_id else self.full_name

    @classmethod
    def normalize_username(cls, username):
        """Model forms (the admin site's included) store the address in its one normal form."""
        return normalise_email(username)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0]

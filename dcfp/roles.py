"""Roles are Django groups. A role grants model-wide permissions; records are otherwise reached only
through object permissions (see dcfp.permissions)."""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import models


class Role(models.TextChoices):
    CSPRG = "csprg", "Child Safeguarding Practice Review Group"
    QA_CHAIR = "qa_chair", "QA Group chair"
    QA_GROUP = "qa_group", "QA Group member"
    PARTNER_REP = "partner_rep", "Safeguarding Partner representative"
    EXECUTIVE = "executive", "Executive member"
    AGENCY_LEAD = "agency_lead", "Agency safeguarding lead"
    PRACTITIONER = "practitioner", "Practitioner"
    REVIEWER = "reviewer", "Independent reviewer"
    ADMIN = "admin", "System administrator"


# The QA Group's work on Section 11 assessments, the secure children's home and the scrutiny programme.
WALKABOUTS_QA = [
    "walkabouts.view_assessment",
    "walkabouts.add_assessment",
    "walkabouts.change_assessment",
    "walkabouts.view_action",
    "walkabouts.add_standardversion",
    "walkabouts.view_securehomereport",
    "walkabouts.add_securehomereport",
    "walkabouts.view_scrutinyprogramme",
    "walkabouts.add_scrutinyprogramme",
    "walkabouts.change_scrutinyprogramme",
]

# Model-wide permissions each role holds, as "app_label.codename". Case content is never listed for
# the admin role: administrators manage people and organisations only (separation of duties).
# Apps add their own entries here when they add protected models.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMIN: [
        "dcfp.add_user",
        "dcfp.change_user",
        "dcfp.view_user",
        "dcfp.add_organisation",
        "dcfp.change_organisation",
        "dcfp.view_organisation",
        "dcfp.add_area",
        "dcfp.change_area",
        "dcfp.view_area",
        "dcfp.add_assessmentgroup",
        "dcfp.change_assessmentgroup",
        "dcfp.view_assessmentgroup",
        "dcfp.add_localitypartnership",
        "dcfp.change_localitypartnership",
        "dcfp.view_localitypartnership",
        "dcfp.add_partnershipgroup",
        "dcfp.change_partnershipgroup",
        "dcfp.view_partnershipgroup",
        "auth.view_group",
    ],
    Role.CSPRG: [
        "notifications.view_incident",
        "notifications.add_incident",
        "notifications.change_incident",
        "notifications.view_referral",
        "notifications.change_referral",
        "rapid_reviews.view_rapidreview",
        "rapid_reviews.add_rapidreview",
        "rapid_reviews.change_rapidreview",
        "rapid_reviews.view_agencysummary",
        "rapid_reviews.change_agencysummary",
        "rapid_reviews.view_localreview",
        "rapid_reviews.add_localreview",
        "rapid_reviews.change_localreview",
        "rapid_reviews.view_action",
        "rapid_reviews.add_action",
    ],
    Role.QA_CHAIR: [
        "notifications.view_incident",
        "thresholds.view_thresholddecision",
        *WALKABOUTS_QA,
        "rapid_reviews.view_rapidreview",
        "rapid_reviews.view_localreview",
        "rapid_reviews.view_action",
    ],
    Role.QA_GROUP: ["thresholds.view_thresholddecision", *WALKABOUTS_QA, "rapid_reviews.view_action"],
    Role.PARTNER_REP: ["notifications.view_incident", "rapid_reviews.view_rapidreview"],
    Role.EXECUTIVE: ["walkabouts.view_scrutinyprogramme"],
    Role.AGENCY_LEAD: [],
    Role.PRACTITIONER: [],
    Role.REVIEWER: [],
}


# A grant to one person (not to a group or an organisation) on a record of these models is given because
# they hold one of these roles, and counts only while they still do (dcfp.permissions checks both
# together, so a role removed ends every such grant at once). A model not listed takes no grants to
# people. Apps add their models here when they give people object permissions.
PERSONAL_GRANT_ROLES: dict[str, tuple[str, ...]] = {
    # Executive members. Their copies reach them through the copy rule (dcfp.copies), checked with the
    # role too; a grant to one member on one incident counts the same way.
    "notifications.incident": (Role.EXECUTIVE,),
    # A person named as a party to a case disagreement, while they hold any role but administrator.
    "thresholds.disagreement": tuple(role for role in Role if role != Role.ADMIN),
    # The person who referred a possible serious incident, while they are an agency's lead or practitioner.
    "notifications.referral": (Role.AGENCY_LEAD, Role.PRACTITIONER),
    # The independent reviewer appointed to a local review, while they hold the reviewer role.
    "rapid_reviews.localreview": (Role.REVIEWER,),
}


def _permission(label: str) -> Permission | None:
    app_label, codename = label.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def sync_roles() -> None:
    """Create every role group and set its model permissions to exactly ROLE_PERMISSIONS."""
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [p for p in (_permission(label) for label in ROLE_PERMISSIONS.get(role, [])) if p]
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, app_config=None, using="default", apps=global_apps, **kwargs) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions of every app must exist before they are given to roles.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles()


def roles_of(user) -> set[str]:
    """The role names a person holds (empty for anonymous or inactive people)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_dcfp_roles", None)
    if cached is None:
        names = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        cached = user._dcfp_roles = names
    return cached


def has_role(user, *roles: str) -> bool:
    """True when the person holds at least one of the roles."""
    return bool(roles_of(user) & set(roles))

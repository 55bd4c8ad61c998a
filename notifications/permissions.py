"""Who may see and do what with serious incident notifications. Built on dcfp.permissions.

- CSPRG (model-wide view, add, change): every incident; creates, edits drafts, submits, records the
  outcome, withdraws.
- QA chair and Safeguarding Partner representatives (model-wide view): every incident, because they
  must read a case to agree it and may be asked about any case before it reaches them; they decide only
  while a case awaits agreement.
- Executive members: read only, and only the incidents copied to them (dcfp.copies: every notification
  agreed, referred or withdrawn after it was sent for agreement), while they hold the executive role.
- Agencies involved, practitioners, reviewers, administrators: nothing here. Involved agencies take part
  through the rapid review, which gives them their own agency summary, not the notification.

Anyone else gets 404 on pages, the API and PDFs (lists start from `visible_incidents`).
"""

from django.db.models import QuerySet

from dcfp.copies.permissions import can_open_copy
from dcfp.models import User
from dcfp.permissions import has_model_permission, has_object_permission, is_active_person, rule, scope
from dcfp.roles import Role, has_role, roles_of
from notifications.models import Agreement, Incident, IncidentQuerySet, Referral


def visible_incidents(user: User, queryset: IncidentQuerySet | None = None) -> IncidentQuerySet:
    """Every list of incidents starts here."""
    return scope(user, queryset if queryset is not None else Incident.objects.all(), "view")


@rule("You cannot see this incident.")
def can_view_incident(user: User, incident: Incident) -> bool:
    """CSPRG, QA chair and partner representatives see every incident; an Executive member sees those
    copied to them while they hold the role."""
    return has_object_permission(user, "view", incident)


def can_list_incidents(user: User) -> bool:
    """The incident list is for roles that see incidents: the CSPRG, QA chair, partner representatives
    and Executive members (who see only the incidents copied to them)."""
    return has_model_permission(user, "view", Incident) or has_role(user, Role.EXECUTIVE)


@rule("Only the CSPRG logs serious incidents.")
def can_create_incident(user: User) -> bool:
    """Only the CSPRG logs incidents."""
    return has_model_permission(user, "add", Incident)


@rule("Only the CSPRG changes a draft incident.")
def can_edit_incident(user: User, incident: Incident) -> bool:
    """The CSPRG edits an incident while it is a draft (including after it is returned)."""
    return incident.status == Incident.Status.DRAFT and has_object_permission(user, "change", incident)


@rule("Only the CSPRG sends a draft for agreement.")
def can_submit_incident(user: User, incident: Incident) -> bool:
    """The CSPRG sends a draft (including a returned one) for agreement: whoever may change it."""
    return can_edit_incident(user, incident)


@rule("Only the CSPRG records the outcome of an agreed incident.")
def can_record_outcome(user: User, incident: Incident) -> bool:
    """The CSPRG records an agreed incident as notified, or concludes it as not notifiable."""
    return incident.status == Incident.Status.AGREED and has_object_permission(user, "change", incident)


@rule("Only the CSPRG withdraws an open incident.")
def can_withdraw_incident(user: User, incident: Incident) -> bool:
    """The CSPRG withdraws an incident that is not yet notified or concluded."""
    return incident.can_move_to(Incident.Status.WITHDRAWN) and has_object_permission(user, "change", incident)


@rule("Only the CSPRG concludes an open incident as referred to another authority.")
def can_refer_incident(user: User, incident: Incident) -> bool:
    """The CSPRG concludes an open incident as referred to another authority (the service accepts it
    only when the incident is not this partnership's to notify)."""
    return incident.can_move_to(Incident.Status.REFERRED) and has_object_permission(user, "change", incident)


SAME_ORGANISATION = (
    "The second agreement must come from a Safeguarding Partner other than the QA Group chair's organisation."
)


def agreement_capacity(
    user: User,
    incident: Incident,
    decided: list[Agreement] | None = None,
    *,
    known_visible: bool = False,
    chair_organisation_ids: set[int] | None = None,
) -> tuple[str | None, str]:
    """The capacity in which a person may agree (or disagree with) this incident now, or why not.

    Agreement needs two people in each round: the QA chair, and a Safeguarding Partner representative
    of a partner other than the QA chair's organisation. Nobody decides on an incident they created,
    changed or submitted (see `is_author`); nobody decides twice in one round; a QA chair is never the
    partner agreement. The two come from different organisations whoever decides first, and even if
    the QA chair role changed hands during the round: each decision is checked against the
    organisation recorded with the other.

    Lists pass what they already know (`decided`, `known_visible`, `chair_organisation_ids`) so that
    deciding for many incidents costs no query per incident.
    """
    if incident.status != Incident.Status.AWAITING_AGREEMENT:
        return None, "It is not awaiting agreement."
    roles = roles_of(user)
    if not roles & {Role.QA_CHAIR, Role.PARTNER_REP}:
        return None, "Only the QA Group chair and Safeguarding Partner representatives agree notifications."
    if not known_visible and not can_view_incident(user, incident):
        return None, can_view_incident.denial
    if is_author(user, incident):
        return None, "You wrote or submitted this incident, so someone else must agree it."
    if decided is None:
        decided = list(incident.agreements.filter(round=incident.agreement_round).select_related("organisation"))
    if any(a.person_id == user.pk for a in decided):
        return None, "You have already given your decision in this round."
    taken = {a.capacity: a for a in decided}
    if Role.QA_CHAIR in roles:
        if Agreement.Capacity.QA_CHAIR in taken:
            return None, "The QA Group chair has already agreed; the second agreement must be a partner representative."
        partner = taken.get(Agreement.Capacity.PARTNER_REP)
        # The partner may have decided first, or the chair's role may have changed hands since.
        if partner is not None and partner.organisation_id == user.organisation_id:
            return None, SAME_ORGANISATION
        return Agreement.Capacity.QA_CHAIR, ""
    if Agreement.Capacity.PARTNER_REP in taken:
        return None, "A partner representative has already agreed in this round."
    organisation = user.organisation
    if not organisation.is_safeguarding_partner:
        return None, "Your organisation is not a Safeguarding Partner."
    chair = taken.get(Agreement.Capacity.QA_CHAIR)
    if chair is not None:
        chair_orgs = {chair.organisation_id}
    elif chair_organisation_ids is not None:
        chair_orgs = chair_organisation_ids
    else:
        chair_orgs = qa_chair_organisation_ids()
    if organisation.pk in chair_orgs:
        return None, SAME_ORGANISATION
    return Agreement.Capacity.PARTNER_REP, ""


def is_author(user: User, incident: Incident) -> bool:
    """True when the person created, changed or submitted this incident, in any round: the version
    being agreed is built on every earlier one, so whoever wrote any of it is no independent check.
    Reads `authors` from a prefetch when the caller made one."""
    if incident.created_by_id == user.pk:
        return True
    cache = getattr(incident, "_prefetched_objects_cache", {})
    if "authors" in cache:
        return any(author.pk == user.pk for author in cache["authors"])
    return incident.authors.filter(pk=user.pk).exists()


def qa_chair_organisation_ids() -> set[int]:
    """The organisations of the people who hold the QA chair role now."""
    return set(
        User.objects.filter(groups__name=Role.QA_CHAIR, is_active=True).values_list("organisation_id", flat=True)
    )


def can_agree_incident(user: User, incident: Incident) -> bool:
    """True when the person may give a decision (agree or disagree) on this incident now."""
    return agreement_capacity(user, incident)[0] is not None


def can_open_executive_copy(user: User, incident: Incident) -> bool:
    """Only the Executive member a copy was made for opens their watermarked copy, while they hold the role."""
    return can_open_copy(user, incident)


def can_download_record(user: User, incident: Incident) -> bool:
    """The unmarked notification record PDF: the CSPRG, the QA chair and partner representatives.
    Executive members get only their own copy, watermarked with their name and the date."""
    return has_model_permission(user, "view", Incident) and can_view_incident(user, incident)


# Referrals of possible serious incidents, from any agency to the CSPRG:
# - agency safeguarding leads and practitioners refer; each sees the referrals they made and what became
#   of them (an object permission given to the referrer), never the incident the CSPRG made of it;
# - the CSPRG (model-wide view and change) sees every referral and makes it a draft or closes it;
# - anyone else gets 404.


def visible_referrals(user: User, queryset: "QuerySet[Referral] | None" = None) -> "QuerySet[Referral]":
    """Every list of referrals starts here."""
    return scope(user, queryset if queryset is not None else Referral.objects.all(), "view")


@rule("Agency safeguarding leads and practitioners refer possible serious incidents.")
def can_refer_possible_incident(user: User) -> bool:
    """Any agency's safeguarding lead or practitioner refers a possible serious incident to the CSPRG."""
    return is_active_person(user) and has_role(user, Role.AGENCY_LEAD, Role.PRACTITIONER)


def can_list_referrals(user: User) -> bool:
    """The referrals list: the CSPRG (all of them) and those who may refer (their own)."""
    return has_model_permission(user, "view", Referral) or can_refer_possible_incident(user)


@rule("Only the CSPRG decides an open referral: it makes it a draft incident or closes it.")
def can_decide_referral(user: User, referral: Referral) -> bool:
    """The CSPRG makes an open referral a draft incident, or closes it with a reason."""
    return referral.status == referral.Status.OPEN and has_object_permission(user, "change", referral)

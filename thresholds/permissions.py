"""Who may see and do what with levels of need, threshold decisions and case disagreements. Built on
dcfp.permissions.

- Anyone, signed in or not: reads the current levels-of-need tool (the public page).
- Practitioners and agency leads: read every tool version; record threshold decisions for their own
  organisation and see their own organisation's (an object permission given to the organisation);
  raise a disagreement at any time and see those in which they are named. An agency lead also sees
  every disagreement that names their organisation.
- QA Group members (the QA chair among them): maintain the tool (draft a version from the current
  one, change the draft's wording, domains, indicators and strengths, publish it, retire versions);
  see every decision, the decision log and its breakdown across the partnership, and the
  disagreements report's figures for the whole partnership (counts only).
- The QA chair: also sees every disagreement that reached stage 4.
- Everyone else (CSPRG, partner representatives, Executive, reviewers, administrators): no decision;
  a disagreement only when named in it. Administrators see no case content even in their own
  organisation.

Acting on a disagreement (responding, naming another party, escalating, resolving) is for those who
see it because they are part of it: a named person, an agency lead of a named organisation, and at stage 4 the QA chair.
Anyone who may not see a record gets 404 (lists start from `visible_decisions` and
`visible_disagreements`, which start from `dcfp.permissions.scope`).
"""

from django.db.models import Q, QuerySet

from dcfp.models import User
from dcfp.permissions import is_active_person, rule, scope
from dcfp.roles import Role, has_role
from thresholds.models import Disagreement, Party, ThresholdDecision, ToolVersion

DECISION_ROLES = (Role.PRACTITIONER, Role.AGENCY_LEAD, Role.QA_GROUP, Role.QA_CHAIR)
RECORDING_ROLES = (Role.PRACTITIONER, Role.AGENCY_LEAD)
TOOL_KEEPERS = (Role.QA_GROUP, Role.QA_CHAIR)


def visible_decisions(user: User, queryset: QuerySet[ThresholdDecision] | None = None) -> QuerySet[ThresholdDecision]:
    """Every list of threshold decisions starts here: the QA Group's role gives all of them; a
    practitioner or agency lead gets those given to their organisation; anyone else none (an
    administrator in the same organisation sees no case content)."""
    qs = queryset if queryset is not None else ThresholdDecision.objects.all()
    if not has_role(user, *DECISION_ROLES):
        return qs.none()
    if has_role(user, *TOOL_KEEPERS):
        return scope(user, qs, "view")  # the QA Group's role: every decision
    # Anyone else: the decisions given to them. A decision is given only to the organisation that recorded
    # it (decision_record), so this condition names the same decisions as the grants; stated, it lets the
    # database start from the organisation's index rather than test every decision in the partnership
    # against the grants. It only ever narrows what scope() allows. The person's groups are read first, so
    # that PostgreSQL estimates a large agency's grants at their number rather than at one row.
    return scope(user, qs, "view", resolve_groups=True).filter(organisation_id=user.organisation_id)


def sees_all_decisions(user: User) -> bool:
    """The QA Group sees every decision (pages say "across the partnership" and offer every agency)."""
    return is_active_person(user) and has_role(user, *TOOL_KEEPERS)


def can_list_decisions(user: User) -> bool:
    """The decision log and its breakdown: practitioners, agency leads and the QA Group."""
    return is_active_person(user) and has_role(user, *DECISION_ROLES)


def can_view_decision(user: User, decision: ThresholdDecision) -> bool:
    """The recording organisation's practitioners and leads, and the QA Group."""
    return visible_decisions(user, ThresholdDecision.objects.filter(pk=decision.pk)).exists()


@rule("Only practitioners and agency leads record threshold decisions.")
def can_record_decision(user: User) -> bool:
    """A practitioner or agency lead records decisions for their own organisation."""
    return is_active_person(user) and has_role(user, *RECORDING_ROLES)


def can_view_tool_versions(user: User) -> bool:
    """Every version, drafts included: the people who use or keep the tool."""
    return is_active_person(user) and has_role(user, *DECISION_ROLES)


@rule("Only the QA Group maintains the levels-of-need tool.")
def can_maintain_tool(user: User) -> bool:
    """The QA Group maintains the levels-of-need tool."""
    return is_active_person(user) and has_role(user, *TOOL_KEEPERS)


@rule("Only the QA Group publishes a draft version of the tool.")
def can_publish_tool_version(user: User, version: ToolVersion) -> bool:
    """The QA Group makes a draft current (the current one retires the day before)."""
    return version.can_move_to(ToolVersion.Status.CURRENT) and can_maintain_tool(user)


@rule("Only the QA Group changes a draft version of the tool; a published version never changes.")
def can_edit_tool_version(user: User, version: ToolVersion) -> bool:
    """The QA Group changes a draft's levels' wording, domains, indicators and strengths. A current or
    retired version never changes: the decisions made with it keep meaning what they meant."""
    return version.is_draft and can_maintain_tool(user)


@rule("Only the QA Group retires the current version.")
def can_retire_tool_version(user: User, version: ToolVersion) -> bool:
    return version.can_move_to(ToolVersion.Status.RETIRED) and can_maintain_tool(user)


def visible_disagreements(user: User, queryset: QuerySet[Disagreement] | None = None) -> QuerySet[Disagreement]:
    """Every list of disagreements starts here: those where the person is named (an object permission
    given to each named person), every one naming an agency lead's organisation, and for the QA chair
    every one that reached stage 4."""
    qs = queryset if queryset is not None else Disagreement.objects.all()
    if not is_active_person(user):
        return qs.none()
    rule = Q(pk__in=scope(user, Disagreement.objects.all(), "view").values("pk"))
    if has_role(user, Role.AGENCY_LEAD):
        rule |= Q(pk__in=Party.objects.filter(organisation_id=user.organisation_id).values("disagreement_id"))
    if has_role(user, Role.QA_CHAIR):
        rule |= Q(stage=Disagreement.Stage.PARTNERSHIP)
    return qs.filter(rule)


def can_list_disagreements(user: User) -> bool:
    """Anyone signed in has a list (empty until they are part of one)."""
    return is_active_person(user)


@rule("Only people in casework raise case disagreements.")
def can_raise_disagreement(user: User) -> bool:
    """Raising is never blocked: any signed-in person with a role in casework (practitioners, agency
    leads, QA Group, CSPRG, partner representatives). Administrators do no casework."""
    return is_active_person(user) and has_role(
        user, Role.PRACTITIONER, Role.AGENCY_LEAD, Role.QA_GROUP, Role.QA_CHAIR, Role.CSPRG, Role.PARTNER_REP
    )


def can_view_disagreement(user: User, disagreement: Disagreement) -> bool:
    return visible_disagreements(user, Disagreement.objects.filter(pk=disagreement.pk)).exists()


def is_part_of(user: User, disagreement: Disagreement) -> bool:
    """A named person, an agency lead of a named organisation, or at stage 4 the QA chair."""
    if not is_active_person(user):
        return False
    parties = list(disagreement.parties.all())
    if any(p.person_id == user.pk for p in parties):
        return True
    if has_role(user, Role.AGENCY_LEAD) and any(p.organisation_id == user.organisation_id for p in parties):
        return True
    return disagreement.stage == Disagreement.Stage.PARTNERSHIP and has_role(user, Role.QA_CHAIR)


@rule("You are not part of this disagreement.")
def can_respond_to_disagreement(user: User, disagreement: Disagreement) -> bool:
    """Anyone part of an open disagreement adds to it."""
    return disagreement.is_open and is_part_of(user, disagreement)


@rule("Only someone taking part in an open disagreement names others in it.")
def can_add_party_to_disagreement(user: User, disagreement: Disagreement) -> bool:
    """Anyone part of an open disagreement names another organisation or person in it after it was
    raised (the new party sees it at once)."""
    return disagreement.is_open and is_part_of(user, disagreement)


@rule("You cannot escalate this disagreement.")
def can_escalate_disagreement(user: User, disagreement: Disagreement) -> bool:
    """Anyone part of an open disagreement below stage 4 escalates it: escalation is expected."""
    return (
        disagreement.is_open and disagreement.stage < Disagreement.Stage.PARTNERSHIP and is_part_of(user, disagreement)
    )


@rule("You cannot resolve this disagreement.")
def can_resolve_disagreement(user: User, disagreement: Disagreement) -> bool:
    """Anyone part of an open disagreement records its resolution, with the outcome and learning."""
    return disagreement.can_move_to(Disagreement.Status.RESOLVED) and is_part_of(user, disagreement)


def sees_all_disagreement_figures(user: User) -> bool:
    """The QA Group reads the report's counts for the whole partnership (figures, never cases)."""
    return is_active_person(user) and has_role(user, *TOOL_KEEPERS)


def can_view_disagreement_report(user: User) -> bool:
    """The report counts the disagreements the person may see (the QA Group: all of them)."""
    return can_raise_disagreement(user)

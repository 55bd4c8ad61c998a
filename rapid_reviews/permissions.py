"""Who may see and do what with rapid reviews and agency summaries. Built on dcfp.permissions.

Who sees what:

- CSPRG (model-wide view, add, change): every review; opens one, writes the report, records the
  outcome, sends it to the Panel. Every agency summary; adds agencies, returns a summary with a reason.
- QA chair (model-wide view): every review (escalation; the Panel link for outcome (a)). No summaries.
- Partner representatives (model-wide view): every review; sign off for their own organisation only.
  No summaries.
- Executive members: the reports copied to them (dcfp.copies: every review once all Safeguarding
  Partners have signed it off), while they hold the executive role; endorse or decline outcome (b).
  No summaries.
- An involved agency's leads: no review; their own agency's summary only (an object permission given
  to the organisation, which only people with the agency_lead role use).
- Local reviews: the CSPRG (model-wide view, add, change) commissions and runs them; the QA chair
  (model-wide view) approves extensions; a reviewer sees only the local reviews they are appointed to
  (an object permission given to them, taken back if another is appointed) and nothing else in the
  system.
- Actions on recommendations: the CSPRG (view, add) and the QA Group (view) see all; an agency's leads
  see and update only their own agency's (an object permission given to the organisation).
- Practitioners, administrators and anyone else: nothing here.

Anyone without access gets 404 on pages, the API and PDFs (lists start from `visible_reviews` and
`visible_summaries`). A person who may see a record but not take an action gets 403 with the reason:
each rule a view or service enforces is declared with `rule()` and carries its denial reason, so pages,
the API and services refuse in the same words.
"""

from rest_framework.permissions import BasePermission

from dcfp.copies.permissions import can_open_copy
from dcfp.permissions import has_model_permission, has_object_permission, is_active_person, rule, scope
from dcfp.roles import Role, has_role
from rapid_reviews.models import Action, AgencySummary, Extension, InformationRequest, LocalReview, RapidReview


def visible_reviews(user, queryset=None):
    """Every list of rapid reviews starts here."""
    return scope(user, queryset if queryset is not None else RapidReview.objects.all(), "view")


def visible_summaries(user, queryset=None):
    """Every list of agency summaries starts here: all of them for the CSPRG; an agency lead's own
    agency's (given to the organisation); nothing for anyone else, whatever else their organisation was
    given."""
    qs = queryset if queryset is not None else AgencySummary.objects.all()
    if has_model_permission(user, "view", AgencySummary):
        return qs
    if not has_role(user, Role.AGENCY_LEAD):
        return qs.none()
    return scope(user, qs, "view").filter(organisation_id=user.organisation_id)


def can_list_reviews(user) -> bool:
    """The rapid review list is for the CSPRG, the QA chair, partner representatives and Executive
    members (who see only the reports copied to them)."""
    return has_model_permission(user, "view", RapidReview) or has_role(user, Role.EXECUTIVE)


def can_view_review(user, review: RapidReview) -> bool:
    """The CSPRG, the QA chair and partner representatives see every review; an Executive member those
    copied to them while they hold the role."""
    return has_object_permission(user, "view", review)


@rule("Only the CSPRG opens a rapid review.")
def can_start_review(user) -> bool:
    """Only the CSPRG opens a rapid review."""
    return has_model_permission(user, "add", RapidReview)


def can_manage_review(user, review: RapidReview) -> bool:
    """The CSPRG runs a review: adds agencies, returns summaries, sends it to the Panel."""
    return has_object_permission(user, "change", review)


@rule("Only the CSPRG adds agencies to a rapid review.")
def can_add_agency(user, review: RapidReview) -> bool:
    """The CSPRG asks more agencies for a summary (until it is sent to the Panel, which the service checks)."""
    return can_manage_review(user, review)


@rule("Only the CSPRG writes the report, while the review is in progress.")
def can_edit_report(user, review: RapidReview) -> bool:
    """The CSPRG writes the report while the review is in progress."""
    return review.status == RapidReview.Status.IN_PROGRESS and can_manage_review(user, review)


@rule("Only the CSPRG records the outcome, while the review is in progress.")
def can_record_outcome(user, review: RapidReview) -> bool:
    """The CSPRG records (or changes) the outcome while the review is in progress."""
    return can_edit_report(user, review)


@rule("Only the CSPRG sends the report for sign-off, while the review is in progress.")
def can_send_for_sign_off(user, review: RapidReview) -> bool:
    """The CSPRG sends the finished report for partner sign-off from in progress."""
    return can_edit_report(user, review)


@rule("Only the CSPRG records the report as sent to the National Panel.")
def can_record_sent(user, review: RapidReview) -> bool:
    """The CSPRG records the date it was sent (once signed off and, for (b), endorsed: the service checks)."""
    return can_manage_review(user, review)


@rule("Only the CSPRG records the National Panel's reply.")
def can_record_panel_reply(user, review: RapidReview) -> bool:
    """The CSPRG records the Panel's reply (once the report is sent: the service checks)."""
    return can_manage_review(user, review)


def sign_off_refusal(user, review: RapidReview, signed_organisation_ids: set[int] | None = None) -> str:
    """Why this person may not sign off this review now ("" when they may).

    One representative of each Safeguarding Partner signs off the report and outcome, for their own
    organisation only, once per round."""
    if review.status != RapidReview.Status.SIGN_OFF:
        return "It is not awaiting sign-off."
    if not has_role(user, Role.PARTNER_REP):
        return "Only Safeguarding Partner representatives sign off a rapid review."
    if not can_view_review(user, review):
        return "You cannot see this review."
    organisation = user.organisation
    if not organisation.is_safeguarding_partner:
        return "Your organisation is not a Safeguarding Partner."
    if signed_organisation_ids is None:
        signed_organisation_ids = set(
            review.sign_offs.filter(round=review.sign_off_round).values_list("organisation_id", flat=True)
        )
    if organisation.pk in signed_organisation_ids:
        return f"{organisation.name} has already signed off this review."
    return ""


def can_sign_off(user, review: RapidReview) -> bool:
    return not sign_off_refusal(user, review)


@rule("Only an Executive member endorses a review that awaits endorsement.")
def can_endorse(user, review: RapidReview) -> bool:
    """An Executive member who may see the review endorses (or declines) outcome (b) while it waits."""
    return (
        review.status == RapidReview.Status.ENDORSEMENT
        and has_role(user, Role.EXECUTIVE)
        and can_view_review(user, review)
    )


def can_download_report(user, review: RapidReview) -> bool:
    """The unmarked report PDF: the CSPRG, the QA chair and partner representatives. Executive members
    get only their own copy, watermarked with their name and the date."""
    return has_model_permission(user, "view", RapidReview) and can_view_review(user, review)


def can_open_executive_copy(user, review: RapidReview) -> bool:
    """Only the Executive member a copy was made for opens their watermarked copy, while they hold the role."""
    return can_open_copy(user, review)


def can_view_summary(user, summary: AgencySummary) -> bool:
    """The CSPRG sees every summary; an agency lead only their own agency's."""
    return is_active_person(user) and visible_summaries(user).filter(pk=summary.pk).exists()


def can_list_summaries(user) -> bool:
    return has_model_permission(user, "view", AgencySummary) or has_role(user, Role.AGENCY_LEAD)


def sees_every_summary(user) -> bool:
    """The CSPRG sees every agency's summaries; an agency lead only their own agency's."""
    return has_model_permission(user, "view", AgencySummary)


@rule("Only the agency's own safeguarding leads write its summary, while it is open.")
def can_write_summary(user, summary: AgencySummary) -> bool:
    """Only the agency's own leads write and submit their summary, while it is open (requested, draft or
    returned). The CSPRG reads it but does not write it for them."""
    return (
        summary.is_editable
        and has_role(user, Role.AGENCY_LEAD)
        and user.organisation_id == summary.organisation_id
        and can_view_summary(user, summary)
    )


@rule("Only the CSPRG returns a submitted summary.")
def can_return_summary(user, summary: AgencySummary) -> bool:
    """The CSPRG returns a submitted summary with a reason."""
    return summary.status == AgencySummary.Status.SUBMITTED and has_model_permission(user, "change", AgencySummary)


# --- Local reviews -----------------------------------------------------------------------------


def visible_local_reviews(user, queryset=None):
    """Every list of local reviews starts here (a reviewer's: only those they are appointed to)."""
    return scope(user, queryset if queryset is not None else LocalReview.objects.all(), "view")


def can_list_local_reviews(user) -> bool:
    return has_model_permission(user, "view", LocalReview) or has_role(user, Role.REVIEWER)


def can_view_local_review(user, review: LocalReview) -> bool:
    """The CSPRG and the QA chair see every local review; a reviewer only those they are appointed to."""
    return has_object_permission(user, "view", review)


def can_manage_local_review(user, review: LocalReview) -> bool:
    """The CSPRG appoints the reviewer, sets the terms of reference, milestones and requests, and records
    sending and publication."""
    return has_object_permission(user, "change", review)


@rule("Only the CSPRG appoints the reviewer.")
def can_appoint_reviewer(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG sets the terms of reference.")
def can_set_terms(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG adds milestones.")
def can_add_milestone(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG asks for an extension.")
def can_request_extension(user, review: LocalReview) -> bool:
    """The CSPRG asks for a later date; the QA Group chair decides."""
    return can_manage_local_review(user, review)


@rule("Only the CSPRG writes to the reviewer.")
def can_write_to_reviewer(user, review: LocalReview) -> bool:
    """The CSPRG asks the reviewer, in writing, for information or a draft."""
    return can_manage_local_review(user, review)


@rule("Only the CSPRG records the report as sent to the Panel, the Secretary of State and Ofsted.")
def can_record_local_sent(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG records publication.")
def can_record_publication(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG records that a report will not be published.")
def can_record_not_publishing(user, review: LocalReview) -> bool:
    return can_manage_local_review(user, review)


@rule("Only the CSPRG commissions a local review.")
def can_commission_local_review(user) -> bool:
    """The CSPRG records the decision to hold a local review."""
    return has_model_permission(user, "add", LocalReview)


def commission_refusal(user, review: RapidReview) -> str:
    """Why this person may not commission a local review from this rapid review ("" when they may)."""
    if not can_commission_local_review(user):
        return can_commission_local_review.denial
    if LocalReview.objects.filter(rapid_review=review).exists():
        return "This rapid review already has a local review."
    if review.outcome == RapidReview.Outcome.LOCAL_REVIEW and review.status == RapidReview.Status.SENT:
        return ""
    if review.panel_reply == RapidReview.PanelReply.LOCAL_REVIEW:
        return ""
    return "A local review follows outcome (c), once the report is sent to the Panel, or the Panel's request."


@rule("Only the QA Group chair decides an extension that waits.")
def can_decide_extension(user, extension: Extension) -> bool:
    """Only the QA Group chair approves or refuses an extension, while it waits."""
    return (
        extension.status == Extension.Status.PENDING
        and has_role(user, Role.QA_CHAIR)
        and can_view_local_review(user, extension.review)
    )


@rule("Only the appointed reviewer replies to a request, once.")
def can_reply_to_request(user, request: InformationRequest) -> bool:
    """The appointed reviewer replies, in writing, to a request not yet answered."""
    return (
        not request.replied_at
        and request.review.reviewer_id == user.pk
        and has_role(user, Role.REVIEWER)
        and can_view_local_review(user, request.review)
    )


# --- Actions ---------------------------------------------------------------------------------------


def visible_actions(user, queryset=None):
    """Every list of actions starts here: all for the CSPRG and the QA Group; an agency lead's own
    agency's; nothing for anyone else."""
    qs = queryset if queryset is not None else Action.objects.all()
    if has_model_permission(user, "view", Action):
        return qs
    if not has_role(user, Role.AGENCY_LEAD):
        return qs.none()
    return scope(user, qs, "view").filter(organisation_id=user.organisation_id)


def can_list_actions(user) -> bool:
    return has_model_permission(user, "view", Action) or has_role(user, Role.AGENCY_LEAD)


def sees_every_action(user) -> bool:
    """The CSPRG and the QA Group see every agency's actions; an agency lead only their own agency's."""
    return has_model_permission(user, "view", Action)


def can_view_action(user, action: Action) -> bool:
    return is_active_person(user) and visible_actions(user).filter(pk=action.pk).exists()


@rule("Only the CSPRG gives agencies actions.")
def can_add_actions(user) -> bool:
    """The CSPRG turns recommendations into actions."""
    return has_model_permission(user, "add", Action)


@rule("Only the CSPRG records recommendations.")
def can_add_recommendation(user) -> bool:
    """The CSPRG records the recommendations of rapid and local reviews."""
    return can_add_actions(user)


@rule("Only the agency's own leads update its open actions.")
def can_update_action(user, action: Action) -> bool:
    """An agency's own leads record progress on, and complete, their agency's open actions."""
    return (
        action.status == Action.Status.OPEN
        and has_role(user, Role.AGENCY_LEAD)
        and user.organisation_id == action.organisation_id
        and can_view_action(user, action)
    )


class CanViewReview(BasePermission):
    """DRF: object access delegates to can_view_review (lists are scoped by visible_reviews)."""

    def has_object_permission(self, request, view, obj) -> bool:
        return can_view_review(request.user, obj)

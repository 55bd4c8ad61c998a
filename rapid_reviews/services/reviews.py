"""Rapid review services: open one from a notified incident, write the report, record the outcome,
partner sign-off, Executive endorsement, sent to the Panel and the Panel's reply."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dcfp import deadlines
from dcfp.audit.services import record, snapshot
from dcfp.models import Organisation
from dcfp.permissions import grant
from dcfp.roles import Role
from notifications import criteria
from notifications.models import Incident
from rapid_reviews import permissions
from rapid_reviews.executive import report_copy_all
from rapid_reviews.models import AgencySummary, RapidReview, ReportSection, SignOff
from rapid_reviews.services._common import EditConflict, InvalidTransition, message, move, people_with_role


def _link(review: RapidReview) -> str:
    return f"/rapid-reviews/{review.pk}/"


def _locked(review: RapidReview) -> RapidReview:
    return RapidReview.objects.select_for_update().get(pk=review.pk)


def _save(review: RapidReview, actor, action: str, before: dict, **detail) -> None:
    """Save a changed review under its next version and record the change in the audit trail."""
    review.version += 1
    review.save()
    record(actor=actor, action=action, target=review, before=before, after=snapshot(review), detail=detail or None)


def start_refusal(incident: Incident) -> str:
    """Why no rapid review can be opened from this notification ("" when one can)."""
    if incident.status != Incident.Status.NOTIFIED:
        return "A rapid review starts only from a notification recorded as notified to the national system."
    if RapidReview.objects.filter(incident=incident).exists():
        return "This notification already has a rapid review."
    result = criteria.evaluate(incident, list(incident.children.all()))
    if not result.rapid_review_needed:
        return (
            "No rapid review is needed: it follows a serious incident under the Children Act 2004 s16C(1). "
            "A care leaver's death, or a looked-after child's death where abuse or neglect is not known or "
            "suspected, is notified but not reviewed."
        )
    return ""


def _request_summary(review: RapidReview, organisation: Organisation, actor) -> AgencySummary:
    summary = AgencySummary.objects.create(
        review=review, organisation=organisation, due_on=deadlines.agency_summary_due(review.counted_from)
    )
    # Given to the organisation; only its agency leads use it (see permissions.visible_summaries).
    grant("view", organisation, summary)
    grant("change", organisation, summary)
    record(
        actor=actor,
        action="rapid_reviews.summary.request",
        target=summary,
        after=snapshot(summary),
        detail={"review": review.pk, "organisation": organisation.pk},
    )
    message(
        people_with_role(Role.AGENCY_LEAD, organisation),
        f"Agency summary requested for rapid review {review.reference}",
        f"{organisation.name} is asked for its individual agency summary for rapid review {review.reference}, "
        f"due {summary.due_on:%-d %B %Y}.",
        f"/rapid-reviews/summaries/{summary.pk}/",
    )
    return summary


@transaction.atomic
def review_start(*, incident: Incident, actor, is_demo: bool = False) -> RapidReview:
    """The CSPRG opens the rapid review of a notified incident, at most one per notification. Its clock
    is due 15 working days after England's calendar date of the notification, or after the notification's
    due date if the notification was late (lateness never extends the review). Each involved agency is
    asked for its summary at once, due on working day 10."""
    permissions.can_start_review.require(actor)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    refusal = start_refusal(incident)
    if refusal:
        raise InvalidTransition(refusal)
    assert incident.submitted_at is not None  # a notified incident always has its submission time
    notified_on = deadlines.england_date(incident.submitted_at)
    counted_from = min(notified_on, incident.notification_due_on)
    review = RapidReview.objects.create(
        incident=incident,
        reference=f"RR-{incident.reference.removeprefix('DCFP-')}",
        notified_on=notified_on,
        counted_from=counted_from,
        due_on=deadlines.rapid_review_due(notified_on, incident.notification_due_on),
        created_by=actor,
        is_demo=is_demo,
    )
    ReportSection.objects.bulk_create(
        ReportSection(review=review, key=key, position=i) for i, key in enumerate(ReportSection.Key.values, start=1)
    )
    record(actor=actor, action="rapid_reviews.review.start", target=review, after=snapshot(review))
    for organisation in incident.agencies_involved.order_by("name"):
        _request_summary(review, organisation, actor)
    return review


@transaction.atomic
def review_add_agency(*, review: RapidReview, organisation: Organisation, actor) -> AgencySummary:
    """The CSPRG asks one more agency for a summary (due on the same working day 10)."""
    review = _locked(review)
    permissions.can_add_agency.require(actor, review)
    if review.status == RapidReview.Status.SENT:
        raise InvalidTransition("The review has been sent to the Panel.")
    if review.summaries.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [f"{organisation.name} has already been asked for a summary"]})
    return _request_summary(review, organisation, actor)


@transaction.atomic
def section_save(*, section: ReportSection, actor, text: str, version: int) -> ReportSection:
    """The CSPRG saves one section of the report. `version` is the section's version the edit started
    from: if someone else saved that section in between, nothing is saved and EditConflict says so."""
    section = ReportSection.objects.select_for_update().select_related("review").get(pk=section.pk)
    permissions.can_edit_report.require(actor, section.review)
    if section.version != version:
        raise EditConflict(EditConflict.message)
    before = {"text": section.text, "version": section.version}
    section.text = text.strip()
    section.version += 1
    section.updated_by = actor
    section.updated_at = timezone.now()
    section.save()
    record(
        actor=actor,
        action="rapid_reviews.report.section",
        target=section.review,
        before=before,
        after={"text": section.text, "version": section.version},
        detail={"section": section.key},
    )
    return section


@transaction.atomic
def review_record_outcome(
    *, review: RapidReview, actor, outcome: str, rationale: str, reg11_criteria: list[str] | None = None
) -> RapidReview:
    """The CSPRG records the outcome: (a) national significance, with the QA Group chair recorded as the
    link with the Panel; (b) no further review, for Executive endorsement; (c) a local review, naming the
    criteria it meets."""
    review = _locked(review)
    permissions.can_record_outcome.require(actor, review)
    errors: dict[str, list[str]] = {}
    if outcome not in RapidReview.Outcome.values:
        errors["outcome"] = ["Select the outcome of the rapid review"]
    if not rationale.strip():
        errors["rationale"] = ["Explain the reasons for the outcome"]
    chosen = [c for c in (reg11_criteria or []) if c in RapidReview.Reg11.values]
    if outcome == RapidReview.Outcome.LOCAL_REVIEW and not chosen:
        errors["reg11_criteria"] = ["Select the criteria for a local review that the case meets"]
    chair = people_with_role(Role.QA_CHAIR)
    if outcome == RapidReview.Outcome.NATIONAL and not chair:
        errors["outcome"] = ["There is no QA Group chair to link with the Panel: the role must be given first"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    review.outcome = outcome
    review.outcome_rationale = rationale.strip()
    review.reg11_criteria = chosen if outcome == RapidReview.Outcome.LOCAL_REVIEW else []
    review.panel_link = chair[0] if outcome == RapidReview.Outcome.NATIONAL else None
    _save(review, actor, "rapid_reviews.review.outcome", before, outcome=outcome)
    return review


@transaction.atomic
def review_send_for_sign_off(*, review: RapidReview, actor) -> RapidReview:
    """The CSPRG sends the finished report and outcome to one representative of each Safeguarding
    Partner. Every section must be written and the outcome recorded. A new round of sign-off opens."""
    review = _locked(review)
    permissions.can_send_for_sign_off.require(actor, review)
    empty = [s.get_key_display() for s in review.sections.all() if not s.text.strip()]
    errors = {}
    if empty:
        errors["sections"] = [f"Write every section of the report first: {', '.join(empty)}"]
    if not review.outcome:
        errors["outcome"] = ["Record the outcome before sending the report for sign-off"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    move(review, RapidReview.Status.SIGN_OFF)
    review.sign_off_round += 1
    _save(review, actor, "rapid_reviews.review.sign_off_requested", before)
    message(
        people_with_role(Role.PARTNER_REP),
        f"Rapid review {review.reference} awaits your sign-off",
        f"The Summary and Outcome of Rapid Review {review.reference} is ready for Safeguarding Partner sign-off. "
        f"The review is due {review.due_on:%-d %B %Y}.",
        _link(review),
    )
    return review


def partner_organisations() -> list[Organisation]:
    return list(Organisation.objects.filter(is_safeguarding_partner=True).order_by("name"))


@transaction.atomic
def review_sign_off(*, review: RapidReview, actor) -> RapidReview:
    """A partner representative signs off the report and outcome for their own organisation. When every
    Safeguarding Partner has signed off in this round, outcome (b) goes to the Executive for
    endorsement; the others are ready to send to the Panel."""
    review = _locked(review)
    refusal = permissions.sign_off_refusal(actor, review)
    if refusal:
        raise PermissionDenied(refusal)
    before = snapshot(review)
    SignOff.objects.create(review=review, round=review.sign_off_round, organisation=actor.organisation, person=actor)
    signed = set(review.sign_offs.filter(round=review.sign_off_round).values_list("organisation_id", flat=True))
    complete = {o.pk for o in partner_organisations()} <= signed
    if complete and review.outcome == RapidReview.Outcome.NO_FURTHER_REVIEW:
        move(review, RapidReview.Status.ENDORSEMENT)
    elif complete:
        move(review, RapidReview.Status.READY)
        message(
            [review.created_by],
            f"Rapid review {review.reference} is signed off",
            f"Every Safeguarding Partner has signed off rapid review {review.reference}. Send it to the Panel.",
            _link(review),
        )
    _save(review, actor, "rapid_reviews.review.sign_off", before, organisation=actor.organisation_id)
    if complete:
        # Signed off by every partner: the report and its outcome go to every Executive member.
        report_copy_all(review=review)
    return review


@transaction.atomic
def review_endorse(*, review: RapidReview, actor) -> RapidReview:
    """An Executive member endorses outcome (b), no further review: it is ready to send to the Panel."""
    review = _locked(review)
    permissions.can_endorse.require(actor, review)
    before = snapshot(review)
    move(review, RapidReview.Status.READY)
    review.endorsed_by = actor
    review.endorsed_at = timezone.now()
    _save(review, actor, "rapid_reviews.review.endorse", before)
    message(
        [review.created_by],
        f"Rapid review {review.reference} is endorsed",
        f"An Executive member endorsed rapid review {review.reference}. Send it to the Panel.",
        _link(review),
    )
    return review


@transaction.atomic
def review_decline_endorsement(*, review: RapidReview, actor, reason: str) -> RapidReview:
    """An Executive member declines to endorse, with a reason: the review returns to the CSPRG, and a
    new sign-off round will be needed."""
    review = _locked(review)
    permissions.can_endorse.require(actor, review)
    if not reason.strip():
        raise ValidationError({"reason": ["Explain why you do not endorse it"]})
    before = snapshot(review)
    move(review, RapidReview.Status.IN_PROGRESS)
    review.returned_reason = reason.strip()
    _save(review, actor, "rapid_reviews.review.decline", before, reason=reason.strip())
    message(
        [review.created_by],
        f"Rapid review {review.reference} was not endorsed",
        f"An Executive member declined to endorse rapid review {review.reference}. Read the reason in the service.",
        _link(review),
    )
    return review


@transaction.atomic
def review_record_sent(*, review: RapidReview, actor, sent_on: date) -> RapidReview:
    """The CSPRG records the date the signed-off report was sent to the National Panel. The clock is met
    on that date (on time if on or before the due date)."""
    review = _locked(review)
    permissions.can_record_sent.require(actor, review)
    if review.status != RapidReview.Status.READY:
        raise InvalidTransition("Only a signed-off (and, for outcome (b), endorsed) report can be sent to the Panel.")
    if sent_on is None or sent_on > timezone.localdate():
        raise ValidationError({"sent_on": ["The date sent must be today or in the past"]})
    if sent_on < review.notified_on:
        raise ValidationError({"sent_on": ["The date sent must be on or after the date of notification"]})
    before = snapshot(review)
    move(review, RapidReview.Status.SENT)
    review.sent_on = sent_on
    _save(review, actor, "rapid_reviews.review.sent", before)
    report_copy_all(review=review)  # every member is told it went to the Panel
    return review


@transaction.atomic
def review_record_panel_reply(
    *, review: RapidReview, actor, reply: str, replied_on: date, note: str = ""
) -> RapidReview:
    """The CSPRG records the National Panel's reply and its date."""
    review = _locked(review)
    permissions.can_record_panel_reply.require(actor, review)
    if review.status != RapidReview.Status.SENT:
        raise InvalidTransition("The Panel replies only after the report is sent to it.")
    errors: dict[str, list[str]] = {}
    if reply not in RapidReview.PanelReply.values:
        errors["reply"] = ["Select the Panel's reply"]
    if replied_on is None or replied_on > timezone.localdate():
        errors["replied_on"] = ["The date of the reply must be today or in the past"]
    elif review.sent_on and replied_on < review.sent_on:
        errors["replied_on"] = ["The date of the reply must be on or after the date the report was sent"]
    if reply == RapidReview.PanelReply.OTHER and not note.strip():
        errors["note"] = ["Say what the Panel replied"]
    if errors:
        raise ValidationError(errors)
    before = snapshot(review)
    review.panel_reply = reply
    review.panel_reply_on = replied_on
    review.panel_reply_note = note.strip()
    _save(review, actor, "rapid_reviews.review.panel_reply", before, reply=reply)
    return review

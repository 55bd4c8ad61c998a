"""Referrals of possible serious incidents to the CSPRG: every write, one service per change.

Seed 5.5: the CSPRG is the first recipient of agencies' notifications of incidents that might need a
review. An agency's lead or practitioner refers; the CSPRG makes the referral a draft incident (through
the incident form, filled in from the referral) or closes it with a reason; the referrer is told which.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dcfp.audit.services import record, snapshot
from dcfp.permissions import grant
from dcfp.roles import Role
from notifications import permissions
from notifications.models import REFERRAL_SUMMARY_MAX, Incident, Referral


def _link(referral: Referral) -> str:
    return reverse("notifications:referral_detail", args=[referral.pk])


def _tell(recipients, subject: str, body: str, referral: Referral) -> None:
    # Messages name the referral's number only: emails never carry a child's details.
    from dcfp.alerts.services import notify

    notify(recipients=recipients, subject=subject, body=body, link=_link(referral))


def _csprg() -> list:
    from dcfp.models import User

    return list(User.objects.filter(groups__name=Role.CSPRG, is_active=True).distinct())


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_create(
    *, actor, occurred_on: date, area, child_name: str, summary: str, is_demo: bool = False
) -> Referral:
    """An agency's lead or practitioner refers a possible serious incident to the CSPRG. The referrer
    may follow it from then on; the CSPRG is told at once."""
    permissions.can_refer_possible_incident.require(actor)
    errors: dict[str, list[str]] = {}
    if occurred_on is None:
        errors["occurred_on"] = ["Enter the date of the incident"]
    elif occurred_on > timezone.localdate():
        errors["occurred_on"] = ["Date of incident must be today or in the past"]
    if not child_name.strip():
        errors["child_name"] = ["Enter the child's name"]
    if not summary.strip():
        errors["summary"] = ["Say what happened"]
    elif len(summary) > REFERRAL_SUMMARY_MAX:
        errors["summary"] = [f"What happened must be {REFERRAL_SUMMARY_MAX} characters or fewer"]
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        referred_by=actor,
        organisation=actor.organisation,
        occurred_on=occurred_on,
        area=area,
        child_name=child_name.strip(),
        summary=summary.strip(),
        is_demo=is_demo,
    )
    grant("view", actor, referral)
    record(actor=actor, action="notifications.referral.create", target=referral, after=snapshot(referral))
    _tell(
        _csprg(),
        f"Referral {referral.pk}: a possible serious incident",
        f"{actor.organisation.name} has referred a possible serious incident to the CSPRG. Read it in the service "
        "and make it a draft incident or close it with a reason.",
        referral,
    )
    return referral


@transaction.atomic
def referral_make_draft(*, referral: Referral, incident: Incident, actor) -> Referral:
    """The CSPRG records that a referral became the draft `incident` (made from it in the incident form,
    in the same transaction). The referrer is told, without the incident's details."""
    referral = _locked(referral)
    permissions.can_decide_referral.require(actor, referral)
    before = snapshot(referral)
    referral.status = Referral.Status.DRAFTED
    referral.incident = incident
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.save()
    record(
        actor=actor,
        action="notifications.referral.drafted",
        target=referral,
        before=before,
        after=snapshot(referral),
        detail={"incident": incident.reference},
    )
    _tell(
        [referral.referred_by],
        f"Referral {referral.pk} is now a draft incident",
        f"The CSPRG has made your referral {referral.pk} a draft serious incident ({incident.reference}); it will "
        "decide with the Safeguarding Partners whether it is notified.",
        referral,
    )
    return referral


@transaction.atomic
def referral_close(*, referral: Referral, actor, reason: str) -> Referral:
    """The CSPRG closes a referral that is not a possible serious incident, with the reason, which the
    referrer sees."""
    referral = _locked(referral)
    permissions.can_decide_referral.require(actor, referral)
    if not reason.strip():
        raise ValidationError({"reason": ["Explain why the referral is closed"]})
    before = snapshot(referral)
    referral.status = Referral.Status.CLOSED
    referral.closed_reason = reason.strip()
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.save()
    record(
        actor=actor, action="notifications.referral.closed", target=referral, before=before, after=snapshot(referral)
    )
    _tell(
        [referral.referred_by],
        f"Referral {referral.pk} closed",
        f"The CSPRG has closed your referral {referral.pk}. Read the reason in the service.",
        referral,
    )
    return referral

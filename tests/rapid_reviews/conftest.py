"""Rapid reviews made through the services, as people make them.

Every fixture runs on a frozen clock (Thursday 12 November 2026, London), so due dates and clock states
never change with the real date: the notification is aware on 3 November (due 10 November) and
submitted on 5 November, so the review counts from 5 November and is due 26 November; summaries are due
on working day 10, 19 November.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifications import services as notification_services
from notifications.models import Incident
from rapid_reviews import services
from rapid_reviews.models import RapidReview
from tests.notifications.conftest import incident_input

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 12)


@pytest.fixture
def on_12_november_2026(time_machine):
    time_machine.move_to(datetime(2026, 11, 12, 12, 0, tzinfo=LONDON), tick=False)


def notified_incident(*, csprg, qa_chair, partner_rep, devon, agencies=(), submitted_at=None, **fields):
    """An incident taken through agreement and recorded as notified (on 5 November 2026 by default)."""
    incident = notification_services.incident_create(
        actor=csprg, data=incident_input(devon, agencies_involved=list(agencies), **fields)
    )
    incident = notification_services.incident_submit_for_agreement(incident=incident, actor=csprg)
    notification_services.incident_agree(incident=incident, actor=qa_chair)
    incident = notification_services.incident_agree(incident=incident, actor=partner_rep)
    submitted_at = submitted_at or datetime(2026, 11, 5, 11, 0, tzinfo=LONDON)
    # Agreed an hour before it was submitted, as it would have been (a submission never precedes it).
    Incident.objects.filter(pk=incident.pk).update(agreed_at=submitted_at - timedelta(hours=1))
    incident.refresh_from_db()
    return notification_services.incident_record_notified(
        incident=incident, actor=csprg, national_reference="SIN-1", submitted_at=submitted_at
    )


@pytest.fixture
def make_notified(on_12_november_2026, csprg, qa_chair, partner_rep, devon, nursing, school, agency_lead):
    """make_notified(**fields) -> a notified incident naming the nursing service (whose lead is
    `agency_lead`) and the school."""

    def make(**fields):
        fields.setdefault("agencies", [nursing, school])
        return notified_incident(csprg=csprg, qa_chair=qa_chair, partner_rep=partner_rep, devon=devon, **fields)

    return make


@pytest.fixture
def review(make_notified, csprg) -> RapidReview:
    """A rapid review opened by the CSPRG, with summaries asked of the nursing service and the school."""
    return services.review_start(incident=make_notified(), actor=csprg)


def write_report(review: RapidReview, actor) -> None:
    for section in review.sections.all():
        services.section_save(
            section=section, actor=actor, text=f"{section.get_key_display()}: text.", version=section.version
        )


@pytest.fixture
def council_signer(council):
    from dcfp.roles import Role
    from tests.factories import UserFactory

    return UserFactory(email="council-signer@example.org", organisation=council, roles=[Role.PARTNER_REP])


@pytest.fixture
def health_signer(health):
    from dcfp.roles import Role
    from tests.factories import UserFactory

    return UserFactory(email="health-signer@example.org", organisation=health, roles=[Role.PARTNER_REP])


@pytest.fixture
def make_review_at(review, csprg, partner_rep, council_signer, health_signer, executive):
    """make_review_at(stage, outcome="b") -> the review taken to "sign_off", "signed" (every partner has
    signed off: awaiting endorsement for (b), ready otherwise), "ready" or "sent"."""

    def make(stage: str, outcome: str = RapidReview.Outcome.NO_FURTHER_REVIEW, reg11=None) -> RapidReview:
        write_report(review, csprg)
        services.review_record_outcome(
            review=review, actor=csprg, outcome=outcome, rationale="Enough learning.", reg11_criteria=reg11
        )
        r = services.review_send_for_sign_off(review=review, actor=csprg)
        if stage == "sign_off":
            return r
        for signer in (council_signer, health_signer, partner_rep):
            r = services.review_sign_off(review=r, actor=signer)
        if stage == "signed":
            return r
        if r.status == RapidReview.Status.ENDORSEMENT:
            r = services.review_endorse(review=r, actor=executive)
        if stage == "ready":
            return r
        return services.review_record_sent(review=r, actor=csprg, sent_on=TODAY)

    return make


@pytest.fixture
def local_review(make_review_at, csprg):
    """A local review commissioned on 12 November 2026 from an outcome (c) rapid review sent that day."""
    rapid = make_review_at("sent", outcome=RapidReview.Outcome.LOCAL_REVIEW, reg11=["multi_agency"])
    return services.local_review_commission(rapid_review=rapid, actor=csprg, decided_on=TODAY)


@pytest.fixture
def under_way(local_review, csprg, reviewer):
    """The local review with its reviewer appointed."""
    return services.local_review_appoint_reviewer(review=local_review, actor=csprg, reviewer=reviewer)

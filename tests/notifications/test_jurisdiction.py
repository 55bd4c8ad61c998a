"""Jurisdiction is enforced: an incident outside the partnership's area is not notified here. It is
concluded as referred to the authority responsible, which the system names, and copied to the Executive."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dcfp.audit.models import AuditEvent
from dcfp.copies.models import Copy
from dcfp.deadlines import ClockState
from notifications import selectors, services
from notifications.models import Incident
from tests.notifications.conftest import child_values, incident_input

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def in_plymouth(csprg, plymouth):
    return services.incident_create(actor=csprg, data=incident_input(plymouth))


def test_an_incident_in_plymouth_cannot_be_sent_for_agreement_as_notifiable(in_plymouth, csprg):
    with pytest.raises(ValidationError) as error:
        services.incident_submit_for_agreement(incident=in_plymouth, actor=csprg)
    (message,) = error.value.message_dict["outcome_recommended"]
    assert "This incident is for Plymouth City Council to notify, not this partnership" in message
    assert "Conclude it as referred to Plymouth City Council" in message
    assert Incident.objects.get(pk=in_plymouth.pk).status == Incident.Status.DRAFT


def test_an_incident_already_awaiting_agreement_cannot_be_agreed_once_it_is_known_to_be_elsewhere(
    awaiting, plymouth, qa_chair, partner_rep
):
    # Sent for agreement as in Devon; the area is then found to be Plymouth.
    Incident.objects.filter(pk=awaiting.pk).update(area=plymouth)
    with pytest.raises(ValidationError, match="for Plymouth City Council to notify"):
        services.incident_agree(incident=awaiting, actor=qa_chair)
    assert not awaiting.agreements.exists()


def test_an_agreed_incident_found_to_be_elsewhere_cannot_be_recorded_as_notified(agreed, plymouth, csprg):
    Incident.objects.filter(pk=agreed.pk).update(area=plymouth)
    with pytest.raises(services.InvalidTransition, match="for Plymouth City Council to notify"):
        services.incident_record_notified(
            incident=agreed, actor=csprg, national_reference="SIN-1", submitted_at=timezone.now()
        )


def test_referring_records_the_authority_stops_the_clock_and_is_audited(in_plymouth, csprg):
    incident = services.incident_refer(incident=in_plymouth, actor=csprg, note="Passed to Plymouth by phone.")

    assert incident.status == Incident.Status.REFERRED
    assert incident.get_status_display() == "Referred to another authority"
    assert incident.referred_to == "Plymouth City Council"
    assert incident.referred_note == "Passed to Plymouth by phone."
    assert selectors.incident_clock(incident, timezone.localdate()) == ClockState.STOPPED
    event = AuditEvent.objects.get(action="notifications.incident.referred")
    assert event.actor == csprg
    assert event.changes["detail"] == {"authority": "Plymouth City Council"}
    assert event.changes["after"]["status"] == "referred"


def test_a_referred_incident_is_copied_to_the_executive(in_plymouth, csprg, executive):
    services.incident_refer(incident=in_plymouth, actor=csprg)
    assert Copy.objects.filter(object_id=in_plymouth.pk, member=executive).exists()
    (message,) = executive.messages.all()
    assert "was concluded as referred to Plymouth City Council" in message.body


def test_an_incident_in_the_partnerships_area_cannot_be_referred(make_incident, csprg):
    with pytest.raises(services.InvalidTransition, match="notified here"):
        services.incident_refer(incident=make_incident(), actor=csprg)


def test_only_the_csprg_refers(in_plymouth, qa_chair):
    with pytest.raises(PermissionDenied):
        services.incident_refer(incident=in_plymouth, actor=qa_chair)


def test_a_looked_after_childs_death_stays_with_the_partnership_where_the_child_lives(csprg, plymouth, devon):
    child = child_values(legal_status="looked_after", died=True, normally_resident_area=devon)
    incident = services.incident_create(
        actor=csprg, data=incident_input(plymouth, nature=Incident.Nature.DEATH, children=[child])
    )
    assert services.incident_submit_for_agreement(incident=incident, actor=csprg).status == "awaiting_agreement"


def test_the_page_names_the_authority_and_offers_the_referral(in_plymouth, csprg, sign_in):
    client = sign_in(csprg)
    check = client.get(f"/notifications/{in_plymouth.pk}/check/")
    assert "This incident is for Plymouth City Council to notify, not this partnership" in check.content.decode()
    refused = client.post(f"/notifications/{in_plymouth.pk}/check/")
    assert refused.status_code == 400
    assert "Conclude it as referred to Plymouth City Council" in refused.content.decode()

    page = client.get(f"/notifications/{in_plymouth.pk}/")
    assert "Conclude as referred to Plymouth City Council" in page.content.decode()
    done = client.post(f"/notifications/{in_plymouth.pk}/refer/", {"note": ""}, follow=True)
    text = done.content.decode()
    assert "Referred to another authority" in text
    assert "Plymouth City Council" in text
    assert "Concluded as referred to another authority" in text


def test_the_api_concludes_a_referral_and_shows_it(in_plymouth, csprg, sign_in):
    client = sign_in(csprg)
    refused = client.post(f"/api/v1/notifications/incidents/{in_plymouth.pk}/submit/")
    assert refused.status_code == 400
    assert "Plymouth City Council" in refused.json()["outcome_recommended"][0]
    done = client.post(f"/api/v1/notifications/incidents/{in_plymouth.pk}/refer/", {}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["status"] == "referred"
    assert done.json()["referred_to"] == "Plymouth City Council"
    assert done.json()["clock"]["state"] == "stopped"


# The time submitted to the national system


@pytest.fixture
def agreed_at_noon(on_26_november_2026, agreed):
    """Agreed at noon on 26 November 2026 (London), with the clock frozen there."""
    return agreed


def test_the_submission_cannot_be_before_the_agreement(agreed_at_noon, csprg):
    before = datetime(2026, 11, 26, 11, 30, tzinfo=LONDON)
    with pytest.raises(ValidationError) as error:
        services.incident_record_notified(
            incident=agreed_at_noon, actor=csprg, national_reference="SIN-1", submitted_at=before
        )
    (message,) = error.value.message_dict["submitted_at"]
    assert message == (
        "The time it was submitted must be after the agreement, at 12:00 on 26 November 2026: "
        "it cannot have been submitted before it was agreed"
    )


def test_the_submission_cannot_be_in_the_future(agreed_at_noon, csprg):
    later = timezone.now() + timedelta(minutes=30)
    with pytest.raises(ValidationError) as error:
        services.incident_record_notified(
            incident=agreed_at_noon, actor=csprg, national_reference="SIN-1", submitted_at=later
        )
    assert error.value.message_dict["submitted_at"] == [
        "The time it was submitted must be now or in the past, not in the future"
    ]


def test_the_minute_of_the_agreement_itself_is_accepted(agreed_at_noon, csprg):
    at_noon = datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)
    incident = services.incident_record_notified(
        incident=agreed_at_noon, actor=csprg, national_reference="SIN-1", submitted_at=at_noon
    )
    assert incident.status == Incident.Status.NOTIFIED


def test_the_page_says_why_a_submission_before_the_agreement_is_refused(agreed_at_noon, csprg, sign_in):
    response = sign_in(csprg).post(
        f"/notifications/{agreed_at_noon.pk}/notified/",
        {
            "national_reference": "SIN-1",
            "submitted_on_day": "26",
            "submitted_on_month": "11",
            "submitted_on_year": "2026",
            "submitted_time": "09:15",
        },
    )
    assert response.status_code == 400
    assert "it cannot have been submitted before it was agreed" in response.content.decode()

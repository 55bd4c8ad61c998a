"""An outcome that no longer fits the incident's state is refused with a message, never a server error."""

import pytest
from django.urls import reverse

from notifications import services
from notifications.models import Incident
from tests.notifications.test_views import split_dates

NOT_NOTIFIABLE = {
    "outcome_recommended": Incident.Outcome.NOT_NOTIFIABLE,
    "not_notifiable_rationale": "The harm was accidental and no agency could have prevented it.",
}


@pytest.fixture
def agreed_not_notifiable(make_incident, csprg, qa_chair, partner_rep):
    incident = services.incident_submit_for_agreement(incident=make_incident(**NOT_NOTIFIABLE), actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    return services.incident_agree(incident=incident, actor=partner_rep)


def test_concluding_an_incident_agreed_as_notifiable_is_a_409_page_with_the_reason(sign_in, csprg, agreed):
    response = sign_in(csprg).post(reverse("notifications:conclude", args=[agreed.pk]), {"note": "Closing."})
    assert response.status_code == 409
    assert "agreed as notifiable: record it as notified instead" in response.content.decode()
    agreed.refresh_from_db()
    assert agreed.status == Incident.Status.AGREED


def test_recording_as_notified_an_incident_agreed_as_not_notifiable_is_a_409_page(
    sign_in, csprg, agreed_not_notifiable, on_26_november_2026
):
    data = split_dates({"national_reference": "NAT-1", "submitted_on": "2026-11-25", "submitted_time": "10:00"})
    response = sign_in(csprg).post(reverse("notifications:notified", args=[agreed_not_notifiable.pk]), data)
    assert response.status_code == 409
    assert "agreed as not notifiable: conclude it instead" in response.content.decode()
    agreed_not_notifiable.refresh_from_db()
    assert agreed_not_notifiable.status == Incident.Status.AGREED


def test_the_api_answers_409_with_the_reason_for_an_outcome_that_does_not_fit(
    sign_in, csprg, agreed, agreed_not_notifiable
):
    client = sign_in(csprg)
    concluded = client.post(reverse("api:incident-conclude", args=[agreed.pk]), {}, content_type="application/json")
    assert concluded.status_code == 409
    assert concluded.json() == {"detail": "This incident was agreed as notifiable: record it as notified instead."}
    notified = client.post(
        reverse("api:incident-record-notified", args=[agreed_not_notifiable.pk]),
        {"national_reference": "NAT-1", "submitted_at": "2026-11-25T10:00:00Z"},
        content_type="application/json",
    )
    assert notified.status_code == 409
    assert notified.json() == {"detail": "This incident was agreed as not notifiable: conclude it instead."}

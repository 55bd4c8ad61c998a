"""Emails are read outside the service, so their links are full addresses; in-app messages keep paths."""

from django.core import mail

from dcfp.alerts.models import Message, OutboundEmail
from dcfp.alerts.tasks import send_email
from notifications import services
from tests.notifications.conftest import incident_input


def test_an_alert_email_links_to_the_record_by_its_full_address(db, settings, csprg, qa_chair, devon, eager_celery):
    settings.DCFP_SITE_URL = "https://reviews.example.org"
    incident = services.incident_create(actor=csprg, data=incident_input(devon))
    with_commit = services.incident_submit_for_agreement(incident=incident, actor=csprg)
    email = OutboundEmail.objects.get(recipient=qa_chair)
    assert f"https://reviews.example.org/notifications/{with_commit.pk}/" in email.body
    message = Message.objects.get(recipient=qa_chair)
    assert message.link == f"/notifications/{incident.pk}/"
    assert message.safe_link == f"/notifications/{incident.pk}/"
    send_email(email.pk)
    (sent,) = [m for m in mail.outbox if qa_chair.email in m.to]
    assert f"https://reviews.example.org/notifications/{incident.pk}/" in sent.body


def test_only_paths_inside_the_service_become_full_addresses(db, settings, csprg):
    from dcfp.alerts.services import notify

    settings.DCFP_SITE_URL = "https://reviews.example.org/"
    notify(recipients=[csprg], subject="Inside", body="A clock is due.", link="/notifications/7/")
    notify(recipients=[csprg], subject="Elsewhere", body="Look.", link="//elsewhere.example/x")
    bodies = dict(OutboundEmail.objects.values_list("subject", "body"))
    assert bodies["Inside"] == "A clock is due.\n\nhttps://reviews.example.org/notifications/7/"
    assert "reviews.example.org" not in bodies["Elsewhere"]

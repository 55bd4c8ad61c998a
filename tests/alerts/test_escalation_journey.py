"""From a notification logged late to the QA chair reading the escalation, through the real services."""

from datetime import UTC, date, datetime

import time_machine

from dcfp.alerts.sweep import sweep
from notifications.services import incident_create
from tests.notifications.conftest import incident_input


def test_after_one_sweep_an_overdue_notification_is_in_the_qa_chairs_message_centre(
    sign_in, csprg, qa_chair, executive, partner_rep, devon
):
    with time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=UTC), tick=False):
        # Aware Thursday 12 November: due Thursday 19 November, five working days later.
        incident = incident_create(
            actor=csprg, data=incident_input(devon, occurred_on=date(2026, 11, 11), aware_on=date(2026, 11, 12))
        )
        assert incident.notification_due_on == date(2026, 11, 19)
        sweep()
    subject = f"Overdue: serious incident notification for {incident.reference}"
    chair = sign_in(qa_chair)
    page = chair.get("/messages/").content.decode()
    assert subject in page
    assert '1<span class="govuk-visually-hidden"> unread</span>' in page
    message = qa_chair.messages.get()
    detail = chair.get(f"/messages/{message.pk}/").content.decode()
    assert "was due on Thursday 19 November 2026" in detail
    assert "the QA Group chair and the Executive are told" in detail
    assert executive.messages.filter(subject=subject).exists()
    assert csprg.messages.filter(subject=subject).exists()
    assert not partner_rep.messages.exists()

"""The demo: after `load_demo` and one sweep, the QA chair sees the overdue notification's escalation."""

from django.core.management import call_command
from django.utils import timezone

from dcfp.alerts.sweep import sweep
from dcfp.models import User
from notifications.models import Incident
from tests.conftest import signed_in


def test_after_load_demo_and_one_sweep_the_qa_chair_sees_the_overdue_notification(client, db):
    call_command("load_demo", verbosity=0)
    sweep()
    overdue = Incident.objects.filter(is_demo=True).open().filter(notification_due_on__lt=timezone.localdate())
    assert overdue.exists()
    qa_chair = User.objects.get(groups__name="qa_chair", is_demo=True)
    page = signed_in(client, qa_chair).get("/messages/").content.decode()
    for incident in overdue:
        assert f"Overdue: serious incident notification for {incident.reference}" in page

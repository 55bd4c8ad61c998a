"""Demo incidents: one in each state, one overdue awaiting agreement, and loading twice changes nothing."""

from datetime import date

import pytest

from dcfp.copies.models import Copy
from dcfp.demo import load_demo
from notifications import selectors
from notifications.demo import load_notification_demo
from notifications.models import Incident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_26_november_2026")]


def test_demo_incidents_cover_each_state_and_load_only_once():
    load_demo()
    assert load_notification_demo(today=date(2026, 11, 26)) == 7
    assert load_notification_demo(today=date(2026, 11, 26)) == 0
    assert set(Incident.objects.values_list("status", flat=True)) == {
        "draft",
        "awaiting_agreement",
        "agreed",
        "notified",
        "not_notifiable",
        "withdrawn",
        "referred",
    }
    assert all(Incident.objects.values_list("is_demo", flat=True))


def test_the_demo_case_awaiting_agreement_is_overdue_for_the_sweep():
    load_demo()
    load_notification_demo(today=date(2026, 11, 26))
    awaiting = Incident.objects.get(status="awaiting_agreement")
    assert selectors.incident_clock(awaiting, date(2026, 11, 26)).value == "overdue"
    assert awaiting in Incident.objects.due(on=date(2026, 11, 26))
    assert not Copy.objects.filter(object_id=awaiting.pk).exists()
    assert Copy.objects.filter(object_id=Incident.objects.get(status="agreed").pk).count() == 1


def test_demo_referrals_give_the_agency_lead_practitioner_and_csprg_an_outcome_or_a_decision():
    from notifications.demo import load_referral_demo
    from notifications.models import Referral

    load_demo()
    load_notification_demo(today=date(2026, 11, 26))
    assert load_referral_demo(today=date(2026, 11, 26)) == 3
    assert load_referral_demo(today=date(2026, 11, 26)) == 0
    by_handle = {
        r.referred_by.email.split("@")[0] + ":" + r.status for r in Referral.objects.select_related("referred_by")
    }
    assert by_handle == {"practitioner:open", "practitioner:closed", "agency-lead:drafted"}
    assert Referral.objects.get(status="drafted").incident.status == "draft"

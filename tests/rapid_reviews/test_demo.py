"""The demo gives every role of a rapid review something to do on its dashboard."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from dcfp.models import User
from rapid_reviews.models import AgencySummary, RapidReview
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(time_machine):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    call_command("load_demo", verbosity=0)


def _dashboard(client, handle: str) -> str:
    client.logout()
    return (
        signed_in(client, User.objects.get(email=f"{handle}@demo.dcfp.test")).get(reverse("dashboard")).content.decode()
    )


def test_the_demo_has_a_review_at_each_stage_and_a_late_summary(demo):
    assert sorted(RapidReview.objects.values_list("status", flat=True)) == [
        "endorsement",
        "in_progress",
        "sent",
        "sign_off",
    ]
    late = AgencySummary.objects.filter(review__status="in_progress", status="draft").get()
    assert late.organisation.name == "Virgin Care Public Health Nursing Hubs"
    assert late.due_on < late.review.due_on


def test_each_demo_role_finds_its_rapid_review_work(demo, client):
    in_progress, sign_off, endorsement = (
        RapidReview.objects.get(status=s) for s in ("in_progress", "sign_off", "endorsement")
    )
    page = _dashboard(client, "csprg")
    assert in_progress.reference in page and "Rapid reviews by clock" in page
    page = _dashboard(client, "agency-lead")
    assert "Agency summaries to write" in page and in_progress.reference in page and "Overdue" in page
    for handle in ("partner-rep", "health-rep"):
        assert sign_off.reference in _dashboard(client, handle), handle
    assert endorsement.reference in _dashboard(client, "executive")


def test_loading_the_demo_twice_adds_no_second_review(demo):
    call_command("load_demo", verbosity=0)
    assert RapidReview.objects.count() == 4

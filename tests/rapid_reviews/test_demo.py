"""The demo gives every role of a rapid review something to do on its dashboard."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from dcfp.models import User
from rapid_reviews.models import Action, AgencySummary, Extension, InformationRequest, LocalReview, RapidReview
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
    page = _dashboard(client, "executive")
    assert endorsement.reference in page and "Copies you have not opened" in page


def test_the_demo_has_a_local_review_under_way_with_its_reviewer_and_work_for_each_role(demo, client):
    local = LocalReview.objects.get()
    assert local.rapid_review.outcome == "c" and local.status == LocalReview.Status.UNDER_WAY
    assert local.reviewer.email == "reviewer@demo.dcfp.test" and local.terms_of_reference
    assert local.milestones.count() == 2
    assert Extension.objects.get(review=local).status == Extension.Status.PENDING
    assert InformationRequest.objects.get(review=local).replied_at is None
    assert sorted(Action.objects.values_list("organisation__name", flat=True)) == [
        "Exe Valley Primary School (demo)",
        "Virgin Care Public Health Nursing Hubs",
    ]
    page = _dashboard(client, "reviewer")
    assert "Your local reviews" in page and local.reference in page and "waiting for your reply" in page
    assert local.rapid_review.reference not in page.replace(local.reference, "")
    page = _dashboard(client, "qa-chair")
    assert "Local review extensions awaiting your decision" in page and local.reference in page
    page = _dashboard(client, "agency-lead")
    assert "actions from reviews" in page and "health visiting record" in page
    page = _dashboard(client, "csprg")
    assert local.reference in page


def test_loading_the_demo_twice_adds_no_second_review(demo):
    call_command("load_demo", verbosity=0)
    assert RapidReview.objects.count() == 4 and LocalReview.objects.count() == 1 and Action.objects.count() == 2

"""Every rapid review list costs the same number of queries at 5 rows as at 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapid_reviews import services
from rapid_reviews.models import AgencySummary, RapidReview

pytestmark = pytest.mark.django_db


def _reviews(make_notified, csprg, n):
    for _ in range(n):
        services.review_start(incident=make_notified(), actor=csprg)


def _count(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, permissions) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["rapid_reviews:list", "api:rapid-review-list"])
def test_review_lists_stay_flat_from_5_to_50_rows(sign_in, csprg, make_notified, url):
    client = sign_in(csprg)
    _reviews(make_notified, csprg, 5)
    few = _count(client, reverse(url) + "?page_size=50")
    _reviews(make_notified, csprg, 45)
    assert RapidReview.objects.count() == 50
    assert _count(client, reverse(url) + "?page_size=50") == few


@pytest.mark.parametrize("url", ["rapid_reviews:summaries", "api:agency-summary-list", "dashboard"])
def test_an_agency_leads_summary_lists_stay_flat_from_5_to_50_rows(sign_in, csprg, agency_lead, make_notified, url):
    client = sign_in(agency_lead)
    _reviews(make_notified, csprg, 5)
    few = _count(client, reverse(url) + "?page_size=50")
    _reviews(make_notified, csprg, 45)
    assert AgencySummary.objects.filter(organisation=agency_lead.organisation).count() == 50
    assert _count(client, reverse(url) + "?page_size=50") == few


def test_the_csprg_dashboard_stays_flat_from_5_to_50_reviews(sign_in, csprg, make_notified):
    client = sign_in(csprg)
    _reviews(make_notified, csprg, 5)
    few = _count(client, reverse("dashboard"))
    _reviews(make_notified, csprg, 45)
    assert _count(client, reverse("dashboard")) == few


def test_the_review_page_stays_flat_however_many_agencies(sign_in, csprg, make_notified):
    from tests.factories import OrganisationFactory

    review = services.review_start(incident=make_notified(), actor=csprg)
    client = sign_in(csprg)
    for _ in range(3):
        services.review_add_agency(review=review, organisation=OrganisationFactory(), actor=csprg)
    few = _count(client, reverse("rapid_reviews:detail", args=[review.pk]))
    for _ in range(45):
        services.review_add_agency(review=review, organisation=OrganisationFactory(), actor=csprg)
    assert _count(client, reverse("rapid_reviews:detail", args=[review.pk])) == few


def _local_reviews(make_notified, csprg, n):
    """n local reviews commissioned through the service. Each rapid review is put straight into the state
    a commission needs (outcome (c), sent to the Panel today): the list reads the local review and its
    reviewer only, never the rapid review's report or sign-offs."""
    from rapid_reviews.models import RapidReview
    from tests.rapid_reviews.conftest import TODAY

    for _ in range(n):
        rapid = services.review_start(incident=make_notified(), actor=csprg)
        RapidReview.objects.filter(pk=rapid.pk).update(
            status=RapidReview.Status.SENT, outcome=RapidReview.Outcome.LOCAL_REVIEW, sent_on=TODAY
        )
        services.local_review_commission(rapid_review=rapid, actor=csprg, decided_on=TODAY)


@pytest.mark.parametrize("url", ["rapid_reviews:local_list", "api:local-review-list"])
def test_local_review_lists_stay_flat_from_5_to_50_rows(sign_in, csprg, make_notified, url):
    from rapid_reviews.models import LocalReview

    client = sign_in(csprg)
    _local_reviews(make_notified, csprg, 5)
    few = _count(client, reverse(url) + "?page_size=50&status=decided")
    _local_reviews(make_notified, csprg, 45)
    assert LocalReview.objects.count() == 50
    assert _count(client, reverse(url) + "?page_size=50&status=decided") == few


def _actions(recommendation, csprg, organisation, n):
    from datetime import date

    for i in range(n):
        services.action_add(
            recommendation=recommendation,
            actor=csprg,
            organisation=organisation,
            description=f"Action {i}.",
            due_on=date(2027, 1, 29),
        )


@pytest.mark.parametrize("url", ["rapid_reviews:actions", "api:review-action-list", "dashboard"])
def test_an_agency_leads_action_lists_stay_flat_from_5_to_50_rows(sign_in, csprg, agency_lead, review, url):
    from rapid_reviews.models import Action

    recommendation = services.recommendation_add(review=review, actor=csprg, text="Share concerns.")
    client = sign_in(agency_lead)
    _actions(recommendation, csprg, agency_lead.organisation, 5)
    few = _count(client, reverse(url) + "?page_size=50&clock=on_track")
    _actions(recommendation, csprg, agency_lead.organisation, 45)
    assert Action.objects.filter(organisation=agency_lead.organisation).count() == 50
    assert _count(client, reverse(url) + "?page_size=50&clock=on_track") == few

"""Every list in thresholds costs the same number of queries at 5 rows as at 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thresholds import services

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, permissions) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "route", ["thresholds:decision_log", "thresholds:breakdown", "api:threshold-decision-list", "dashboard"]
)
def test_decision_lists_stay_flat_from_5_to_50_rows(route, sign_in, practitioner, make_decision):
    client = sign_in(practitioner)
    for _ in range(5):
        make_decision()
    few = _count(client, reverse(route) + "?page_size=50" if route.startswith("api") else reverse(route))
    for _ in range(45):
        make_decision()
    many = _count(client, reverse(route) + "?page_size=50" if route.startswith("api") else reverse(route))
    assert many == few


@pytest.mark.parametrize(
    "route", ["thresholds:disagreement_list", "api:disagreement-list", "thresholds:disagreement_report", "dashboard"]
)
def test_disagreement_lists_stay_flat_from_5_to_50_rows(route, sign_in, practitioner, raise_disagreement, nurse):
    client = sign_in(practitioner)

    def make(n):
        for i in range(n):
            disagreement = raise_disagreement()
            if i % 2:
                services.disagreement_escalate(disagreement=disagreement, actor=nurse, reason="No.")

    make(5)
    url = reverse(route) + ("?page_size=50" if route.startswith("api") else "")
    few = _count(client, url)
    make(45)
    assert _count(client, url) == few


def test_the_qa_groups_log_stays_flat_across_agencies(sign_in, qa_member, make_decision, other_agency, agency_lead):
    client = sign_in(qa_member)
    for actor in (other_agency, agency_lead) * 2:
        make_decision(actor=actor)
    few = _count(client, reverse("thresholds:decision_log"))
    for actor in (other_agency, agency_lead) * 20:
        make_decision(actor=actor)
    assert _count(client, reverse("thresholds:decision_log")) == few

"""The decision log counts up to 10,000 decisions and pages that far, so that its first page across a
million decisions never counts them all; the page links are a window (dcfp.lists)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.lists import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_30(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 30)


def _rows(html: str) -> int:
    return html.count('href="/thresholds/decisions/')


def test_beyond_the_cap_the_log_says_more_than_and_pages_only_that_far(cap_of_30, sign_in, qa_member, make_decision):
    for _ in range(36):
        make_decision()
    client = sign_in(qa_member)
    first = client.get(reverse("thresholds:decision_log")).content.decode()
    assert "More than 30 decisions" in first
    assert "The pages hold the latest 30 of them. Narrow the search to see older ones." in first
    assert 'aria-label="Page 2"' in first and 'aria-label="Page 3"' not in first
    assert 'rel="next"' in first
    assert _rows(first) == 25
    # The last page stops at the cap; a page beyond it shows the last page.
    for page in ("2", "3"):
        last = client.get(reverse("thresholds:decision_log"), {"page": page}).content.decode()
        assert _rows(last) == 5 and 'rel="prev"' in last and 'rel="next"' not in last
    # A narrower search under the cap is counted exactly.
    narrow = client.get(reverse("thresholds:decision_log"), {"level": "4"}).content.decode()
    assert "No decisions match." in narrow


def test_under_the_cap_the_log_counts_exactly(cap_of_30, sign_in, practitioner, make_decision):
    for _ in range(3):
        make_decision()
    html = sign_in(practitioner).get(reverse("thresholds:decision_log")).content.decode()
    assert "3 decisions" in html and "More than" not in html and "Narrow the search" not in html


def test_the_count_stops_reading_after_ten_thousand_and_one(sign_in, qa_member, make_decision):
    make_decision()
    with CaptureQueriesContext(connection) as queries:
        assert sign_in(qa_member).get(reverse("thresholds:decision_log")).status_code == 200
    (count,) = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT COUNT(*)") and "thresholds_thresholddecision" in q["sql"]
    ]
    assert "LIMIT 10001" in count, count

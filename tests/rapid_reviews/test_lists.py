"""The rapid review list's filters are one FilterSet shared by the page and the API: the same rows, the
same messages, and every search recorded in the audit trail."""

import pytest
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from rapid_reviews import services
from tests.rapid_reviews.conftest import write_report

pytestmark = pytest.mark.django_db


def test_the_page_and_the_api_filter_by_status_alike_and_each_search_is_recorded(sign_in, csprg, make_notified):
    in_progress = services.review_start(incident=make_notified(), actor=csprg)
    for_sign_off = services.review_start(incident=make_notified(), actor=csprg)
    write_report(for_sign_off, csprg)
    services.review_record_outcome(review=for_sign_off, actor=csprg, outcome="b", rationale="Learning.")
    services.review_send_for_sign_off(review=for_sign_off, actor=csprg)
    client = sign_in(csprg)

    page = client.get(reverse("rapid_reviews:list"), {"status": "sign_off"}).content.decode()
    assert for_sign_off.reference in page and in_progress.reference not in page
    answer = client.get(reverse("api:rapid-review-list"), {"status": "sign_off"}).json()
    assert [row["reference"] for row in answer["results"]] == [for_sign_off.reference]

    searches = AuditEvent.objects.filter(action="rapid_reviews.review.search", actor=csprg)
    assert searches.count() == 2
    assert all(e.changes["detail"] == {"filters": {"status": "sign_off"}, "rows": 1} for e in searches)
    client.get(reverse("rapid_reviews:list"))  # no filter given: not a search
    assert searches.count() == 2


def test_a_filter_that_is_not_valid_is_refused_by_the_api_and_explained_on_the_page(sign_in, csprg, make_notified):
    review = services.review_start(incident=make_notified(), actor=csprg)
    client = sign_in(csprg)
    response = client.get(reverse("api:rapid-review-list"), {"clock": "late"})
    assert response.status_code == 400 and "clock" in response.json()
    assert client.get(reverse("api:rapid-review-list"), {"status": ""}).status_code == 400
    page = client.get(reverse("rapid_reviews:list"), {"clock": "late"}).content.decode()
    assert "Select a valid choice" in page and review.reference in page

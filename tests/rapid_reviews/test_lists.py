"""The rapid review list's filters are one FilterSet shared by the page and the API: the same rows, the
same messages, and every search recorded in the audit trail."""

import functools

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


def _submit(summary, lead):
    from rapid_reviews.models import AgencySummary

    sections = dict.fromkeys(AgencySummary.SECTIONS, "Written.")
    return services.summary_submit(summary=summary, actor=lead, version=summary.version, sections=sections)


def _ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def _references(answer) -> list[str]:
    return [row["organisation"] for row in answer["results"]]


def test_the_csprg_filters_agency_summaries_alike_on_the_page_and_in_the_api(
    sign_in, csprg, agency_lead, review, nursing, school
):
    _submit(review.summaries.get(organisation=nursing), agency_lead)
    client = sign_in(csprg)

    answer = client.get(reverse("api:agency-summary-list"), {"status": "submitted"}).json()
    assert _references(answer) == [nursing.name]
    page = client.get(reverse("rapid_reviews:summaries"), {"status": "submitted"}).content.decode()
    # Every agency is offered in the filter; the table has a cell for the nursing service's summary only.
    assert f"{nursing.name}</td>" in page and f"{school.name}</td>" not in page and "1 agency summary" in page

    answer = client.get(reverse("api:agency-summary-list"), {"agency": school.pk, "clock": "on_track"}).json()
    assert _references(answer) == [school.name]
    answer = client.get(reverse("api:agency-summary-list"), {"review": review.reference.lower()}).json()
    assert sorted(_references(answer)) == sorted([nursing.name, school.name])
    assert client.get(reverse("api:agency-summary-list"), {"review": "RR-0000-999"}).json()["count"] == 0

    searches = AuditEvent.objects.filter(action="rapid_reviews.summary.search", actor=csprg)
    assert searches.count() == 5
    assert searches.filter(changes__detail={"filters": {"status": "submitted"}, "rows": 1}).count() == 2


def test_an_agency_lead_filtering_summaries_is_offered_and_shown_only_their_own_agency(
    sign_in, agency_lead, other_agency, review, school
):
    client = sign_in(agency_lead)
    response = client.get(reverse("api:agency-summary-list"), {"agency": school.pk})
    assert response.status_code == 400 and "agency" in response.json()
    page = client.get(reverse("rapid_reviews:summaries"), {"agency": school.pk}).content.decode()
    assert "Select a valid choice" in page and school.name not in page  # not even offered in the filter
    assert client.get(reverse("api:agency-summary-list"), {"status": "requested"}).json()["count"] == 1
    outsider = sign_in(other_agency)
    assert outsider.get(reverse("api:agency-summary-list"), {"status": "requested"}).json()["count"] == 0
    page = outsider.get(reverse("rapid_reviews:summaries"), {"status": "requested"}).content.decode()
    assert review.reference not in page


@pytest.mark.parametrize("url", ["api:agency-summary-list", "api:local-review-list", "api:review-action-list"])
@pytest.mark.parametrize("name", ["status", "clock"])
def test_a_filter_named_with_no_value_is_refused(sign_in, csprg, url, name):
    response = sign_in(csprg).get(reverse(url), {name: ""})
    assert response.status_code == 400 and name in response.json()


def test_local_reviews_are_filtered_alike_on_the_page_and_in_the_api(sign_in, csprg, reviewer, under_way):
    for who in (csprg, reviewer):
        client = sign_in(who)
        answer = client.get(reverse("api:local-review-list"), {"status": "under_way", "clock": "on_track"}).json()
        assert [row["reference"] for row in answer["results"]] == [under_way.reference]
        assert client.get(reverse("api:local-review-list"), {"status": "published"}).json()["count"] == 0
        page = client.get(reverse("rapid_reviews:local_list"), {"clock": "overdue"}).content.decode()
        assert under_way.reference not in page and "No local reviews match" in page
        page = client.get(reverse("rapid_reviews:local_list"), {"status": "under_way"}).content.decode()
        assert under_way.reference in page
    assert AuditEvent.objects.filter(action="rapid_reviews.local_review.search").count() == 8


def test_actions_are_filtered_alike_on_the_page_and_in_the_api_and_an_agency_sees_only_its_own(
    sign_in, csprg, review, agency_lead, other_agency, qa_member, nursing, school
):
    from datetime import date

    recommendation = services.recommendation_add(review=review, actor=csprg, text="Share concerns.")
    add = functools.partial(services.action_add, recommendation=recommendation, actor=csprg)
    ours = add(organisation=nursing, description="Prompt.", due_on=date(2027, 1, 29))
    theirs = add(organisation=school, description="Train.", due_on=date(2026, 11, 13))
    services.action_update(action=ours, actor=agency_lead, text="Done.", complete=True)

    client = sign_in(qa_member)
    by_agency = client.get(reverse("api:review-action-list"), {"agency": school.pk}).json()
    assert [row["id"] for row in by_agency["results"]] == [theirs.pk]
    assert _ids(client.get(reverse("api:review-action-list"), {"clock": "due_soon"})) == [theirs.pk]
    done = client.get(reverse("api:review-action-list"), {"status": "completed", "clock": "met_on_time"}).json()
    assert [row["id"] for row in done["results"]] == [ours.pk]
    page = client.get(reverse("rapid_reviews:actions"), {"status": "open"}).content.decode()
    assert "Train." in page and "Prompt." not in page

    lead = sign_in(agency_lead)
    assert lead.get(reverse("api:review-action-list"), {"agency": school.pk}).status_code == 400
    assert _ids(lead.get(reverse("api:review-action-list"), {"status": "completed"})) == [ours.pk]
    assert lead.get(reverse("api:review-action-list"), {"status": "open"}).json()["count"] == 0
    outsider = sign_in(other_agency)
    assert outsider.get(reverse("api:review-action-list"), {"status": "open"}).json()["count"] == 0
    assert "Train." not in outsider.get(reverse("rapid_reviews:actions"), {"status": "open"}).content.decode()


@pytest.mark.parametrize("url", ["api:rapid-review-list", "api:agency-summary-list", "api:review-action-list"])
def test_a_page_named_with_no_number_is_refused(sign_in, csprg, url):
    response = sign_in(csprg).get(reverse(url), {"page": ""})
    assert response.status_code == 400 and "page" in response.json()

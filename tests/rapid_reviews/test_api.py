"""The rapid review API: the same rules as the pages, in the OpenAPI schema."""

import pytest
from django.urls import reverse

from rapid_reviews.models import AgencySummary, RapidReview

pytestmark = pytest.mark.django_db


def test_a_stale_section_save_answers_409_and_saves_nothing(sign_in, csprg, review):
    client = sign_in(csprg)
    url = reverse("api:rapid-review-section", args=[review.pk, "facts"])
    assert client.put(url, {"text": "First.", "version": 1}, content_type="application/json").status_code == 200
    response = client.put(url, {"text": "Second.", "version": 1}, content_type="application/json")
    assert response.status_code == 409
    assert review.sections.get(key="facts").text == "First."


def test_an_agency_lead_gets_404_on_another_agencys_summary_and_writes_their_own(sign_in, agency_lead, review):
    own = review.summaries.get(organisation=agency_lead.organisation)
    other = review.summaries.exclude(organisation=agency_lead.organisation).get()
    client = sign_in(agency_lead)
    assert client.get(reverse("api:agency-summary-detail", args=[other.pk])).status_code == 404
    listed = client.get(reverse("api:agency-summary-list")).json()
    assert [row["id"] for row in listed["results"]] == [own.pk]
    body = {"version": 1, **dict.fromkeys(AgencySummary.SECTIONS, "Written.")}
    response = client.post(reverse("api:agency-summary-submit", args=[own.pk]), body, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert response.json()["clock"]["state"] == "met_on_time"


def test_the_whole_review_runs_through_the_api(
    client, sign_in, make_notified, csprg, partner_rep, council_signer, health_signer
):
    incident = make_notified()
    api = sign_in(csprg)
    review = api.post(reverse("api:rapid-review-list"), {"incident": incident.pk}, content_type="application/json")
    assert review.status_code == 201
    pk = review.json()["id"]
    for section in review.json()["sections"]:
        url = reverse("api:rapid-review-section", args=[pk, section["key"]])
        api.put(url, {"text": "Written.", "version": section["version"]}, content_type="application/json")
    outcome = {"outcome": "c", "rationale": "Learning.", "reg11_criteria": ["multi_agency"]}
    assert (
        api.post(reverse("api:rapid-review-outcome", args=[pk]), outcome, content_type="application/json").status_code
        == 200
    )
    assert api.post(reverse("api:rapid-review-send-for-sign-off", args=[pk])).status_code == 200
    for signer in (partner_rep, council_signer, health_signer):
        assert sign_in(signer).post(reverse("api:rapid-review-sign-off", args=[pk])).status_code == 200
    api = sign_in(csprg)
    sent = api.post(
        reverse("api:rapid-review-sent", args=[pk]), {"sent_on": "2026-11-12"}, content_type="application/json"
    )
    assert sent.json()["status"] == "sent" and sent.json()["clock"]["state"] == "met_on_time"
    assert RapidReview.objects.get(pk=pk).status == RapidReview.Status.SENT


def test_the_schema_documents_the_rapid_review_api(sign_in, csprg):
    schema = sign_in(csprg).get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in [
        "/api/v1/rapid-reviews/",
        "/api/v1/rapid-reviews/{id}/sections/{key}/",
        "/api/v1/rapid-reviews/summaries/{id}/submit/",
    ]:
        assert path in schema

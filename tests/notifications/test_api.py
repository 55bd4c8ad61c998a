"""The notifications API: same rules as the pages, 404 for others, 409 on a stale version."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Incident
from tests.conftest import assert_not_found

pytestmark = pytest.mark.django_db


def body(**overrides) -> dict:
    data = {
        "occurred_on": "2026-11-02",
        "aware_on": "2026-11-03",
        "nature": "serious_harm",
        "area": "devon",
        "abuse_or_neglect": "suspected",
        "categories": ["neglect"],
        "themes": ["online_harm"],
        "summary": "Admitted with injuries after months of missed appointments.",
        "outcome_recommended": "notifiable",
        "children": [{"name": "Ada Example", "age_years": 3, "sex": "female", "normally_resident_area": "devon"}],
    }
    data.update(overrides)
    return data


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_csprg_creates_an_incident_and_gets_its_criteria_reasoning(sign_in, csprg, devon):
    response = post(sign_in(csprg), reverse("api:incident-list"), body())
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["reference"].startswith("DCFP-")
    assert data["status"] == "draft"
    assert data["clock"]["due_on"] == "2026-11-10"
    assert data["criteria"]["notifiable"] is True
    assert "Ada Example was seriously harmed in the partnership's area." in data["criteria"]["reasons"]
    assert data["children"][0]["normally_resident_area"] == "devon"


def test_api_validation_gives_the_same_messages_as_the_pages(sign_in, csprg, devon):
    response = post(
        sign_in(csprg),
        reverse("api:incident-list"),
        body(aware_on="2026-11-01", children=[{"name": "A", "sex": "female"}]),
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["aware_on"] == ["Date the authority became aware must be the same as or after the date of incident"]
    assert errors["children.0.date_of_birth"] == ["Enter the child's date of birth, or their age if it is not known"]
    assert not Incident.objects.exists()


def test_more_than_four_children_are_refused(sign_in, csprg, devon):
    child = {"name": "A", "age_years": 3, "sex": "female"}
    response = post(sign_in(csprg), reverse("api:incident-list"), body(children=[child] * 5))
    assert response.status_code == 400
    assert "children" in response.json()


def test_unknown_area_is_refused(sign_in, csprg, devon):
    response = post(sign_in(csprg), reverse("api:incident-list"), body(area="atlantis"))
    assert response.status_code == 400
    assert "area" in response.json()


def test_a_stale_version_answers_409_and_saves_nothing(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    url = reverse("api:incident-detail", args=[incident.pk])
    first = client.put(url, {**body(summary="First."), "version": 1}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    second = client.put(url, {**body(summary="Second."), "version": 1}, content_type="application/json")
    assert second.status_code == 409
    assert "Someone else changed this incident" in second.json()["detail"]
    incident.refresh_from_db()
    assert incident.summary == "First."


def test_the_whole_workflow_through_the_api(sign_in, csprg, qa_chair, partner_rep, executive, make_incident):
    incident = make_incident()
    assert post(sign_in(csprg), reverse("api:incident-submit", args=[incident.pk])).json()["status"] == (
        "awaiting_agreement"
    )
    assert post(sign_in(qa_chair), reverse("api:incident-agree", args=[incident.pk])).status_code == 200
    agreed = post(sign_in(partner_rep), reverse("api:incident-agree", args=[incident.pk])).json()
    assert agreed["status"] == "agreed"
    assert {a["capacity"] for a in agreed["agreements"]} == {"qa_chair", "partner_rep"}
    notified = post(
        sign_in(csprg),
        reverse("api:incident-record-notified", args=[incident.pk]),
        {"national_reference": "SIN-9", "submitted_at": timezone.now().isoformat()},
    )
    assert notified.status_code == 200 and notified.json()["status"] == "notified"
    assert notified.json()["clock"]["state"] in ("met_on_time", "met_late")


def test_a_disagreement_through_the_api_needs_a_reason(sign_in, qa_chair, awaiting):
    client = sign_in(qa_chair)
    assert post(client, reverse("api:incident-disagree", args=[awaiting.pk]), {}).status_code == 400
    response = post(client, reverse("api:incident-disagree", args=[awaiting.pk]), {"reason": "Not enough facts."})
    assert response.json()["status"] == "draft"
    assert response.json()["returned_reason"] == "Not enough facts."


def test_a_refused_agreement_says_why(sign_in, council_rep, qa_chair, awaiting):
    response = post(sign_in(council_rep), reverse("api:incident-agree", args=[awaiting.pk]))
    assert response.status_code == 403
    assert "other than the QA Group chair's organisation" in response.json()["detail"]


def test_the_executive_reads_but_cannot_change_through_the_api(sign_in, executive, agreed):
    client = sign_in(executive)
    assert client.get(reverse("api:incident-detail", args=[agreed.pk])).status_code == 200
    assert post(client, reverse("api:incident-withdraw", args=[agreed.pk]), {"reason": "x"}).status_code == 403
    assert (
        client.put(
            reverse("api:incident-detail", args=[agreed.pk]),
            {**body(), "version": agreed.version},
            content_type="application/json",
        ).status_code
        == 403
    )


@pytest.mark.parametrize("who", ["other_agency", "agency_lead", "practitioner", "reviewer", "admin_user"])
def test_other_people_get_404_from_the_api(request, sign_in, who, agreed):
    client = sign_in(request.getfixturevalue(who))
    assert_not_found(client.get(reverse("api:incident-list")))
    assert_not_found(post(client, reverse("api:incident-list"), body()))
    assert_not_found(client.get(reverse("api:incident-detail", args=[agreed.pk])))
    for name in ("submit", "agree", "disagree", "record-notified", "conclude", "withdraw"):
        assert_not_found(post(client, reverse(f"api:incident-{name}", args=[agreed.pk]), {"reason": "x"}))


def test_the_list_is_scoped_filtered_and_paginated(sign_in, csprg, executive, make_incident, agreed):
    make_incident()
    client = sign_in(csprg)
    everything = client.get(reverse("api:incident-list")).json()
    assert everything["count"] == 2
    only_agreed = client.get(reverse("api:incident-list"), {"status": "agreed"}).json()
    assert [r["reference"] for r in only_agreed["results"]] == [agreed.reference]
    # the Executive sees only what was copied to them
    mine = sign_in(executive).get(reverse("api:incident-list")).json()
    assert [r["reference"] for r in mine["results"]] == [agreed.reference]


def test_the_schema_describes_every_notification_endpoint(sign_in, csprg):
    schema = sign_in(csprg).get(reverse("api-schema"), {"format": "json"}).json()
    paths = [p for p in schema["paths"] if "/notifications/" in p]
    assert len(paths) == 13
    operations = {op["operationId"] for p in paths for op in schema["paths"][p].values()}
    assert {
        "incidents_agree",
        "incidents_withdraw",
        "incidents_update",
        "incidents_create",
        "incidents_refer",
        "referrals_make_draft",
    } <= operations

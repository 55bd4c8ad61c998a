"""Agencies refer possible serious incidents to the CSPRG, who makes each a draft or closes it; the
referrer sees which. Nobody else sees a referral (404)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from notifications import permissions, referrals
from notifications.models import Incident, Referral
from tests.notifications.test_views import split_dates

pytestmark = pytest.mark.django_db


def refer(actor, devon, **overrides) -> Referral:
    values = {
        "occurred_on": date(2026, 11, 20),
        "area": devon,
        "child_name": "Child R",
        "summary": "A pupil came to school with burns and said her stepfather did it.",
        **overrides,
    }
    return referrals.referral_create(actor=actor, **values)


def test_a_practitioner_refers_and_the_csprg_is_told(practitioner, csprg, devon):
    referral = refer(practitioner, devon)
    assert referral.status == Referral.Status.OPEN
    assert referral.organisation == practitioner.organisation
    message = Message.objects.get(recipient=csprg)
    assert message.subject == f"Referral {referral.pk}: a possible serious incident"
    assert "Child R" not in message.body and "burns" not in message.body
    assert AuditEvent.objects.filter(action="notifications.referral.create", actor=practitioner).exists()


def test_an_agency_lead_refers_too(agency_lead, devon):
    assert refer(agency_lead, devon).referred_by == agency_lead


@pytest.mark.parametrize("persona", ["csprg", "qa_chair", "partner_rep", "executive", "admin_user"])
def test_roles_that_are_not_an_agencys_cannot_refer(request, persona, devon):
    with pytest.raises(PermissionDenied):
        refer(request.getfixturevalue(persona), devon)


def test_a_referral_needs_what_happened_within_its_limit(practitioner, devon):
    with pytest.raises(ValidationError) as error:
        refer(practitioner, devon, summary="x" * 2001, child_name=" ")
    assert error.value.message_dict == {
        "summary": ["What happened must be 2000 characters or fewer"],
        "child_name": ["Enter the child's name"],
    }


def test_the_csprg_closes_a_referral_with_a_reason_the_referrer_sees(practitioner, csprg, devon, sign_in):
    referral = refer(practitioner, devon)
    with pytest.raises(ValidationError):
        referrals.referral_close(referral=referral, actor=csprg, reason=" ")
    referrals.referral_close(referral=referral, actor=csprg, reason="A fall in the playground, no harm by anyone.")
    assert Message.objects.filter(recipient=practitioner, subject=f"Referral {referral.pk} closed").exists()
    page = sign_in(practitioner).get(reverse("notifications:referral_detail", args=[referral.pk])).content.decode()
    assert "Closed" in page
    assert "A fall in the playground, no harm by anyone." in page


def test_the_csprg_makes_a_referral_a_draft_on_the_first_question_page(practitioner, csprg, devon, sign_in, client):
    referral = refer(practitioner, devon)
    csprg_client = sign_in(csprg)
    form = csprg_client.get(reverse("notifications:create"), {"referral": referral.pk}).content.decode()
    assert "Made from referral" in form
    assert f'name="referral" value="{referral.pk}"' in form
    assert 'name="occurred_on_day" type="text" inputmode="numeric" value="20"' in form
    data = split_dates(
        {"occurred_on": "2026-11-20", "aware_on": "2026-11-21", "referral": str(referral.pk), "save": "1"}
    )
    response = csprg_client.post(reverse("notifications:create"), data)
    assert response.status_code == 302
    incident = Incident.objects.get()
    # What the referral said is in the draft: its area, its summary and its child.
    assert incident.area == devon and "stepfather" in incident.summary
    assert [c.name for c in incident.children.all()] == ["Child R"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DRAFTED and referral.incident == incident
    assert Message.objects.filter(recipient=practitioner, subject=f"Referral {referral.pk} is now a draft incident")
    client.logout()
    page = sign_in(practitioner).get(reverse("notifications:referral_detail", args=[referral.pk])).content.decode()
    assert "Made into a draft incident" in page
    assert incident.reference in page
    # The referrer learns what became of it, not the incident itself.
    assert reverse("notifications:detail", args=[incident.pk]) not in page
    assert sign_in(practitioner).get(reverse("notifications:detail", args=[incident.pk])).status_code == 404


def test_a_decided_referral_cannot_be_decided_again(practitioner, csprg, devon):
    referral = refer(practitioner, devon)
    referrals.referral_close(referral=referral, actor=csprg, reason="Not a serious incident.")
    with pytest.raises(PermissionDenied):
        referrals.referral_close(referral=referral, actor=csprg, reason="Again.")


def test_another_agency_gets_404_on_a_referral_page_and_api(practitioner, other_agency, devon, sign_in):
    referral = refer(practitioner, devon)
    client = sign_in(other_agency)
    assert client.get(reverse("notifications:referral_detail", args=[referral.pk])).status_code == 404
    assert client.get(reverse("api:referral-detail", args=[referral.pk])).status_code == 404
    listed = client.get(reverse("api:referral-list")).json()["results"]
    assert listed == []
    assert f"Referral {referral.pk}" not in client.get(reverse("notifications:referral_list")).content.decode()


def test_the_api_refers_and_shows_the_outcome(practitioner, csprg, devon, sign_in, client):
    body = {"occurred_on": "2026-11-20", "area": "devon", "child_name": "Child R", "summary": "Burns."}
    made = sign_in(practitioner).post(reverse("api:referral-list"), body, content_type="application/json")
    assert made.status_code == 201 and made.json()["status"] == "open"
    pk = made.json()["id"]
    client.logout()
    closed = sign_in(csprg).post(
        reverse("api:referral-close", args=[pk]), {"reason": "Not a serious incident."}, content_type="application/json"
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["closed_reason"] == "Not a serious incident."


def test_the_referral_list_costs_the_same_queries_for_5_and_50(practitioner, csprg, devon, sign_in):
    client = sign_in(csprg)

    def count() -> int:
        client.get(reverse("notifications:referral_list"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:referral_list")).status_code == 200
        return len(queries)

    for _ in range(5):
        refer(practitioner, devon)
    few = count()
    for _ in range(45):
        refer(practitioner, devon)
    assert Referral.objects.count() == 50
    assert count() == few


def test_the_dashboards_show_referrals_to_decide_and_their_outcome(practitioner, csprg, devon, sign_in, client):
    referral = refer(practitioner, devon)
    assert f"Referral {referral.pk}</a> from" in sign_in(csprg).get("/").content.decode()
    client.logout()
    page = sign_in(practitioner).get("/").content.decode()
    assert "Your referrals to the CSPRG" in page
    assert f"Referral {referral.pk}</a>" in page and "Waiting for the CSPRG" in page


def _incident_body() -> dict:
    return {
        "occurred_on": "2026-11-20",
        "aware_on": "2026-11-20",
        "nature": "serious_harm",
        "area": "devon",
        "abuse_or_neglect": "suspected",
        "categories": ["physical"],
        "summary": "Burns seen at school; the stepfather is said to have caused them.",
        "children": [{"name": "Child R", "age_years": 9, "sex": "female"}],
    }


def _make_draft(client, referral, body=None):
    url = reverse("api:referral-make-draft", args=[referral.pk])
    return client.post(url, body or _incident_body(), content_type="application/json")


def test_the_csprg_makes_a_referral_a_draft_through_the_api(practitioner, csprg, devon, sign_in, client):
    referral = refer(practitioner, devon)
    made = _make_draft(sign_in(csprg), referral)
    assert made.status_code == 201
    incident = Incident.objects.get()
    assert made.json()["reference"] == incident.reference and made.json()["status"] == "draft"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DRAFTED and referral.incident == incident
    assert AuditEvent.objects.filter(action="notifications.referral.drafted", actor=csprg).exists()
    assert Message.objects.filter(recipient=practitioner, subject=f"Referral {referral.pk} is now a draft incident")
    client.logout()
    seen = sign_in(practitioner).get(reverse("api:referral-detail", args=[referral.pk])).json()
    assert seen["status"] == "drafted" and seen["incident_reference"] == incident.reference


def test_an_invalid_incident_leaves_the_referral_open_through_the_api(practitioner, csprg, devon, sign_in):
    referral = refer(practitioner, devon)
    answer = _make_draft(sign_in(csprg), referral, {**_incident_body(), "summary": ""})
    assert answer.status_code == 400 and "summary" in answer.json()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.OPEN and not Incident.objects.exists()


def test_the_referrer_cannot_make_their_own_referral_a_draft_through_the_api(practitioner, devon, sign_in):
    referral = refer(practitioner, devon)
    answer = _make_draft(sign_in(practitioner), referral)
    assert answer.status_code == 403
    assert answer.json()["detail"] == permissions.can_decide_referral.denial
    assert not Incident.objects.exists()


def test_a_closed_referral_cannot_become_a_draft_through_the_api(practitioner, csprg, devon, sign_in):
    referral = refer(practitioner, devon)
    referrals.referral_close(referral=referral, actor=csprg, reason="Not a serious incident.")
    assert _make_draft(sign_in(csprg), referral).status_code == 403
    assert not Incident.objects.exists()


def test_another_agency_gets_404_making_a_referral_a_draft_through_the_api(practitioner, other_agency, devon, sign_in):
    referral = refer(practitioner, devon)
    assert _make_draft(sign_in(other_agency), referral).status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.OPEN and not Incident.objects.exists()


@pytest.mark.parametrize("persona", ["csprg", "agency_lead"])
def test_the_referrals_api_costs_the_same_queries_for_5_and_50(request, agency_lead, csprg, devon, sign_in, persona):
    """Each row names its area and the draft it became: read with the page, never row by row."""
    from tests.alerts.conftest import build_incidents

    client = sign_in(request.getfixturevalue(persona))
    url = reverse("api:referral-list")

    def add(n: int, start: int) -> None:
        made = [refer(agency_lead, devon) for _ in range(n)]
        drafts = build_incidents([date(2026, 11, 30)] * n, created_by=csprg, start=start)
        for referral, draft in list(zip(made, drafts, strict=True))[::2]:
            Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.DRAFTED, incident=draft)

    def count() -> tuple[int, list[dict]]:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.json()["results"]

    add(5, 0)
    few, rows = count()
    assert len(rows) == 5
    add(45, 100)
    many, rows = count()
    assert len(rows) == 25
    assert {row["area"] for row in rows} == {"devon"}
    assert any(row["incident_reference"].startswith("DCFP-T-") for row in rows)
    assert many == few, f"{few} queries for 5 referrals, {many} for 50"


def test_the_referral_list_and_api_filter_alike_and_the_search_is_recorded(practitioner, csprg, devon, sign_in):
    kept_open = refer(practitioner, devon)
    closed = refer(practitioner, devon)
    referrals.referral_close(referral=closed, actor=csprg, reason="Not a serious incident.")
    client = sign_in(csprg)
    page = client.get(reverse("notifications:referral_list"), {"status": "closed", "area": "devon"})
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Referral {closed.pk}</a>" in text and f"Referral {kept_open.pk}</a>" not in text
    api = client.get(reverse("api:referral-list"), {"status": "closed", "area": "devon"})
    assert api.status_code == 200
    assert [row["id"] for row in api.json()["results"]] == [closed.pk]
    searches = AuditEvent.objects.filter(action="notifications.referral.search", actor=csprg)
    assert [event.changes["detail"] for event in searches] == [
        {"filters": {"status": "closed", "area": "devon"}, "rows": 1}
    ] * 2


def test_the_referrals_api_refuses_an_empty_or_unknown_filter(practitioner, csprg, devon, sign_in):
    refer(practitioner, devon)
    client = sign_in(csprg)
    empty = client.get(reverse("api:referral-list"), {"status": ""})
    assert empty.status_code == 400 and "status" in empty.json()
    unknown = client.get(reverse("api:referral-list"), {"status": "lost"})
    assert unknown.status_code == 400 and "status" in unknown.json()


def test_a_referrer_filtering_sees_only_their_own(practitioner, other_agency, devon, sign_in):
    refer(practitioner, devon)
    api = sign_in(other_agency).get(reverse("api:referral-list"), {"status": "open"})
    assert api.status_code == 200 and api.json()["results"] == []
    page = sign_in(other_agency).get(reverse("notifications:referral_list"), {"status": "open"})
    assert page.status_code == 200 and "No referrals match." in page.content.decode()

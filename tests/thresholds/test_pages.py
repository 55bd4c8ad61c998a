"""Threshold pages: the public plain-language tool, recording a decision on the page (refused without a
rationale, saved with one), the decision log's search, filters and audit, and the breakdown charts."""

import pytest
from django.test import Client
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from tests.thresholds.conftest import indicator

pytestmark = pytest.mark.django_db


def test_the_plain_language_tool_opens_without_signing_in(tool):
    html = Client().get(reverse("levels_of_need")).content.decode()
    assert "Level 2: Early Help" in html
    assert "An injury nobody can explain" in html  # the families' wording, not the practitioners'
    assert "Unexplained injury" not in html
    assert "Harm outside the family" in html
    assert "Has an adult they trust" in html


def test_the_demo_tool_says_it_is_illustrative(qa_member):
    from thresholds import services
    from thresholds.demo import DOMAINS, STRENGTHS

    version = services.tool_version_create(
        actor=qa_member,
        data=services.ToolInput(name="Demo", version="d", domains=DOMAINS, strengths=STRENGTHS, is_illustrative=True),
    )
    from datetime import date

    services.tool_version_publish(version=version, actor=qa_member, effective_from=date(2026, 1, 1))
    html = Client().get(reverse("levels_of_need")).content.decode()
    assert "This is an illustrative version for trying the system" in html


def _form(tool, locality, **overrides) -> dict:
    return {
        "decided_on_day": "2",
        "decided_on_month": "11",
        "decided_on_year": "2026",
        "local_identifier": "SCH-9",
        "age_band": "5-9",
        "sex": "male",
        "ethnicity": "mixed",
        "disability": "not_known",
        "locality": str(locality.pk),
        "indicators": [str(indicator(tool, "Missed health checks").pk)],
        "level": "3",
        "lead_practitioner": "Jo Smith",
        "save": "1",
        **overrides,
    }


def test_a_different_level_is_refused_on_the_page_without_a_rationale_and_saved_with_one(
    sign_in, practitioner, tool, locality
):
    client = sign_in(practitioner)
    url = reverse("thresholds:decision_record")
    refused = client.post(url, _form(tool, locality))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Explain why you chose a different level from the one the tool suggests" in html
    assert "The tool suggests level 2: Early Help" in html
    assert "Missed health checks (level 2)" in html
    assert 'value="SCH-9"' in html  # nothing typed is lost
    saved = client.post(url, _form(tool, locality, rationale="Siblings also missed checks."))
    assert saved.status_code == 302
    detail = client.get(saved["Location"]).content.decode()
    assert "Differs from suggestion" in detail
    assert "Siblings also missed checks." in detail
    assert "Early help assessment with a lead practitioner: Jo Smith" in detail


def test_checking_the_suggestion_shows_it_without_judging_the_form(sign_in, practitioner, tool, locality):
    client = sign_in(practitioner)
    html = client.post(
        reverse("thresholds:decision_record"),
        {"indicators": [str(indicator(tool, "Signs of exploitation").pk)], "suggest": "1"},
    ).content.decode()
    assert "The tool suggests level 4: Specialist" in html
    assert "There is a problem" not in html


def test_the_log_searches_filters_and_records_each_search(sign_in, qa_member, make_decision, tool, other_agency):
    make_decision(local_identifier="A-1")
    make_decision(local_identifier="B-2", indicators=[indicator(tool, "Unexplained injury")], level=4)
    make_decision(actor=other_agency, local_identifier="C-3")
    client = sign_in(qa_member)
    url = reverse("thresholds:decision_log")
    assert "3 decisions" in client.get(url).content.decode()
    level_4 = client.get(url, {"level": "4"}).content.decode()
    assert "1 decision" in level_4 and "TD-2026-000002" in level_4 and "TD-2026-000001" not in level_4
    searched = client.get(url, {"q": "c-3"}).content.decode()
    assert "1 decision" in searched and "TD-2026-000003" in searched
    by_agency = client.get(url, {"organisation": str(other_agency.organisation_id)}).content.decode()
    assert "1 decision" in by_agency
    events = list(AuditEvent.objects.filter(action="thresholds.decision.search").order_by("id"))
    assert len(events) == 3  # each search; opening the log without one is no search
    assert events[0].changes["detail"] == {"filters": {"level": "4"}, "rows": 1}
    assert events[1].changes["detail"]["filters"] == {"q": "c-3"}
    assert events[2].changes["detail"] == {"filters": {"organisation": other_agency.organisation_id}, "rows": 1}


def test_an_agency_sees_only_its_own_decisions_in_the_log(sign_in, practitioner, other_agency, make_decision):
    make_decision()
    make_decision(actor=other_agency, local_identifier="OTHER")
    html = sign_in(practitioner).get(reverse("thresholds:decision_log")).content.decode()
    assert "1 decision" in html and "TD-2026-000001" in html and "TD-2026-000002" not in html


def test_the_other_agency_gets_404_for_a_decision_page_and_its_api(sign_in, other_agency, make_decision):
    decision = make_decision()
    client = sign_in(other_agency)
    assert client.get(reverse("thresholds:decision_detail", args=[decision.pk])).status_code == 404
    assert client.get(reverse("api:threshold-decision-detail", args=[decision.pk])).status_code == 404


def test_the_breakdown_shows_each_chart_with_its_table(sign_in, qa_member, make_decision, tool):
    make_decision()
    make_decision(indicators=[indicator(tool, "Unexplained injury")], level=4)
    client = sign_in(qa_member)
    response = client.get(reverse("thresholds:breakdown"), {"sex": "female"})
    html = response.content.decode()
    for title in (
        "Decisions by level of need",
        "Decisions by agency",
        "Decisions by locality",
        "Decisions by ethnicity",
    ):
        assert f"{title}: figures</caption>" in html
    assert html.count("<svg") == 7
    assert '<th scope="row" class="govuk-table__header">Exe Valley Primary School</th>' in html
    assert AuditEvent.objects.filter(action="thresholds.decision.breakdown").count() == 1


def test_the_api_filters_the_log_as_the_page_does(sign_in, qa_member, make_decision, tool):
    make_decision()
    make_decision(indicators=[indicator(tool, "Unexplained injury")], level=4)
    body = sign_in(qa_member).get(reverse("api:threshold-decision-list"), {"level": 4}).json()
    assert body["count"] == 1
    assert body["results"][0]["level"] == 4
    bad = sign_in(qa_member).get(reverse("api:threshold-decision-list"), {"decided_from": "not-a-date"})
    assert bad.status_code == 400

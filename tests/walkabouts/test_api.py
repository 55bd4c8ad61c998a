"""The walkabouts API beyond the assessment's own transitions: findings saved from an older copy (409,
nothing overwritten), expectations agreed with the agency, scrutiny items' outcomes, and the secure
home's reports (uploads) and risk assessments, each with the other-agency (or other-role) 404 and a
flat number of queries for every list."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.accounts.models import Draft
from dcfp.audit.models import AuditEvent
from dcfp.models import Organisation
from dcfp.services import organisation_create
from dcfp.uploads.models import Upload
from tests.factories import AreaFactory
from tests.walkabouts.conftest import pdf_bytes, uploaded
from walkabouts import services
from walkabouts.models import Finding, ScrutinyItem, SecureHomeReport

pytestmark = pytest.mark.django_db

JSON = "application/json"
CONFLICT = "Someone else changed this finding while you were editing it."


def _finding_url(assessment, standard) -> str:
    return reverse("api:walkabouts-finding", args=[assessment.pk, standard.pk])


def test_two_people_saving_one_finding_the_second_gets_409_and_nothing_is_overwritten(
    sign_in, in_fieldwork, agency_lead, qa_member
):
    standard = in_fieldwork.standard_version.standards.get(key="training")
    url = _finding_url(in_fieldwork, standard)
    first = sign_in(agency_lead).put(url, {"rating": "green", "evidence": "All trained.", "version": 0}, JSON)
    assert first.status_code == 200
    saved = next(f for f in first.json()["findings"] if f["standard"] == "training")
    assert saved["version"] == 1
    late = sign_in(qa_member).put(
        url, {"rating": "red", "evidence": "Nobody trained.", "areas_for_improvement": "Train.", "version": 0}, JSON
    )
    assert late.status_code == 409 and late.json()["detail"].startswith(CONFLICT)
    assert Finding.objects.get(assessment=in_fieldwork, standard=standard).evidence == "All trained."
    again = sign_in(qa_member).put(
        url, {"rating": "amber", "evidence": "Some trained.", "areas_for_improvement": "Train.", "version": 1}, JSON
    )
    assert again.status_code == 200
    assert Finding.objects.get(assessment=in_fieldwork, standard=standard).version == 2


def test_a_finding_saved_meanwhile_keeps_what_was_typed_on_the_page_with_the_conflict(
    sign_in, in_fieldwork, agency_lead, qa_member
):
    standard = in_fieldwork.standard_version.standards.get(key="training")
    url = reverse("walkabouts:finding", args=[in_fieldwork.pk, standard.pk])
    lead = sign_in(agency_lead)
    assert 'name="version" value="0"' in lead.get(url).content.decode()
    services.finding_record(
        assessment=in_fieldwork, actor=qa_member, standard=standard, rating="green", evidence="Seen.", version=0
    )
    answer = lead.post(
        url,
        {
            "rating": "amber",
            "evidence": "Half the team trained.",
            "version": "0",
            "areas_for_improvement": "Train the rest.",
        },
    )
    html = answer.content.decode()
    assert answer.status_code == 409
    assert CONFLICT in html and "Half the team trained." in html and "Train the rest." in html
    assert 'name="version" value="1"' in html  # saving again replaces their change, knowingly
    assert Finding.objects.get(assessment=in_fieldwork, standard=standard).evidence == "Seen."
    assert (
        lead.post(
            url,
            {
                "rating": "amber",
                "evidence": "Half the team trained.",
                "version": "1",
                "areas_for_improvement": "Train the rest.",
            },
        ).status_code
        == 302
    )
    assert Finding.objects.get(assessment=in_fieldwork, standard=standard).rating == "amber"


def test_a_finding_typed_before_the_session_timed_out_is_put_back_on_its_page(sign_in, in_fieldwork, agency_lead):
    standard = in_fieldwork.standard_version.standards.get(key="training")
    url = reverse("walkabouts:finding", args=[in_fieldwork.pk, standard.pk])
    Draft.objects.create(
        user=agency_lead, path=url, data={"rating": ["amber"], "evidence": ["Kept while signed out."], "version": ["0"]}
    )
    html = sign_in(agency_lead).get(url).content.decode()
    assert "Kept while signed out." in html
    assert "We put back what you had typed before you were signed out." in html
    assert not Draft.objects.exists()


def test_the_agency_agrees_expectations_through_the_api_and_another_agency_gets_404(
    sign_in, in_fieldwork, agency_lead, other_agency
):
    standard = in_fieldwork.standard_version.standards.get(key="training")
    url = reverse("api:walkabouts-expectations", args=[in_fieldwork.pk])
    lead = sign_in(agency_lead)
    made = lead.post(url, {"standard": standard.pk, "text": "A training matrix reviewed monthly."}, JSON)
    assert made.status_code == 201 and made.json()["standard"] == "training"
    assert [e["text"] for e in lead.get(url).json()] == ["A training matrix reviewed monthly."]
    other = sign_in(other_agency)
    assert other.get(url).status_code == 404
    assert other.post(url, {"standard": standard.pk, "text": "Ours."}, JSON).status_code == 404
    assert in_fieldwork.expectations.count() == 1


def test_an_expectation_needs_fieldwork_and_a_standard_of_the_assessments_version(
    sign_in, findings_recorded, in_fieldwork, agency_lead
):
    url = reverse("api:walkabouts-expectations", args=[findings_recorded.pk])
    standard = findings_recorded.standard_version.standards.first()
    late = sign_in(agency_lead).post(url, {"standard": standard.pk, "text": "Too late."}, JSON)
    assert late.status_code == 403
    assert late.json()["detail"] == (
        "Findings and expectations are recorded during fieldwork by the QA Group or the agency's leads."
    )


def _endorsed(qa_chair, executive):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    services.scrutiny_item_add(
        programme=programme, actor=qa_chair, title="Neglect", method="peer_review", owner="QA chair", timing="Autumn"
    )
    return services.scrutiny_programme_endorse(programme=programme, actor=executive)


def test_the_qa_group_records_a_scrutiny_items_outcome_through_the_api(sign_in, qa_chair, executive, agency_lead):
    programme = _endorsed(qa_chair, executive)
    item = programme.items.get()
    url = reverse("api:walkabouts-scrutiny-item-outcome", args=[programme.pk, item.pk])
    body = {"findings": "Plans drift.", "learning": "Review at 6 weeks.", "dissemination": "Briefing to all teams."}
    answer = sign_in(qa_chair).put(url, body, JSON)
    assert answer.status_code == 200
    assert answer.json()["items"][0]["dissemination"] == "Briefing to all teams."
    assert ScrutinyItem.objects.get().learning == "Review at 6 weeks."
    refused = sign_in(executive).put(url, body, JSON)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Outcomes are recorded by the QA Group once the programme is endorsed."
    assert sign_in(agency_lead).put(url, body, JSON).status_code == 404
    assert sign_in(qa_chair).put(url, {"findings": ""}, JSON).status_code == 400


@pytest.fixture
def home(db):
    return organisation_create(name="The Atkinson Secure Children's Home", kind=Organisation.Kind.SECURE_CHILDRENS_HOME)


def test_the_qa_group_uploads_and_downloads_a_secure_home_report_through_the_api(sign_in, qa_member, home, agency_lead):
    client = sign_in(qa_member)
    url = reverse("api:walkabouts-secure-home-reports")
    made = client.post(
        url,
        {
            "home": home.pk,
            "kind": "ofsted_annual",
            "received_on": "2026-06-01",
            "file": uploaded("ofsted.pdf", pdf_bytes()),
        },
    )
    assert made.status_code == 201 and made.json()["file_name"] == "ofsted.pdf"
    report = SecureHomeReport.objects.get()
    download = client.get(reverse("api:walkabouts-secure-home-report-file", args=[report.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="walkabouts.secure_home_report.download", actor=qa_member).exists()
    lead = sign_in(agency_lead)
    assert lead.get(url).status_code == 404
    assert lead.get(reverse("api:walkabouts-secure-home-report-file", args=[report.pk])).status_code == 404


def test_a_report_that_is_not_a_pdf_or_docx_is_refused_and_nothing_is_stored(sign_in, qa_member, home):
    answer = sign_in(qa_member).post(
        reverse("api:walkabouts-secure-home-reports"),
        {
            "home": home.pk,
            "kind": "regulatory_visit",
            "received_on": "2026-06-01",
            "file": uploaded("notes.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        },
    )
    assert answer.status_code == 400 and "file" in answer.json()
    assert not SecureHomeReport.objects.exists() and not Upload.objects.exists()


def test_a_risk_assessment_is_made_on_the_reports_and_a_walkabout_planned_from_it(sign_in, qa_member, home, cycle):
    report = services.secure_home_report_add(
        actor=qa_member,
        home=home,
        kind="ofsted_annual",
        received_on=date(2026, 6, 1),
        file=uploaded("o.pdf", pdf_bytes()),
    )
    client = sign_in(qa_member)
    risk = client.post(
        reverse("api:walkabouts-secure-home-risks"),
        {
            "home": home.pk,
            "assessed_on": "2026-06-02",
            "risks": "Staffing.",
            "rating": "high",
            "decision": "walkabout",
            "rationale": "See the staff.",
        },
        JSON,
    )
    assert risk.status_code == 201 and risk.json()["reports"] == [report.pk]
    planned = client.post(
        reverse("api:walkabouts-secure-home-walkabout", args=[risk.json()["id"]]),
        {"cycle": cycle.name, "visit_on": "2026-12-03"},
        JSON,
    )
    assert planned.status_code == 201 and planned.json()["subject"] == home.name
    assert client.get(reverse("api:walkabouts-secure-home-risks")).json()[0]["walkabouts"] == [planned.json()["id"]]


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_home_records(n, qa_member, home):
    for i in range(n):
        report = services.secure_home_report_add(
            actor=qa_member,
            home=home,
            kind="regulatory_visit",
            received_on=date(2026, 5, 1),
            file=uploaded(f"visit-{i}.pdf", pdf_bytes(str(i))),
        )
        services.secure_home_risk_record(
            actor=qa_member,
            home=home,
            assessed_on=date(2026, 5, 2),
            risks="Staffing.",
            rating="low",
            decision="no_walkabout",
            rationale="Stable.",
            reports=[report],
        )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/walkabouts/secure-home/reports/",
        "/api/v1/walkabouts/secure-home/reports/?kind=regulatory_visit",
        "/api/v1/walkabouts/secure-home/risk-assessments/",
        "/api/v1/walkabouts/secure-home/risk-assessments/?rating=low&decision=no_walkabout",
        "/walkabouts/secure-home/",
        "/walkabouts/secure-home/?kind=regulatory_visit&rating=low&decision=no_walkabout",
    ],
)
def test_the_secure_home_lists_cost_the_same_queries_at_2_and_20_rows(sign_in, qa_member, home, url):
    client = sign_in(qa_member)
    _add_home_records(2, qa_member, home)
    few = _count(client, url)
    _add_home_records(18, qa_member, home)
    assert _count(client, url) == few


def test_the_secure_home_page_and_api_filter_reports_and_risks_alike_and_record_each_search(
    sign_in, client, qa_member, home, agency_lead
):
    _add_home_records(1, qa_member, home)
    services.secure_home_report_add(
        actor=qa_member,
        home=home,
        kind="ofsted_annual",
        received_on=date(2026, 6, 1),
        file=uploaded("ofsted.pdf", pdf_bytes()),
    )
    services.secure_home_risk_record(
        actor=qa_member,
        home=home,
        assessed_on=date(2026, 6, 2),
        risks="Restraint rising.",
        rating="high",
        decision="walkabout",
        rationale="See it.",
        reports=[],
    )
    qa = sign_in(qa_member)
    reports = reverse("api:walkabouts-secure-home-reports")
    risks = reverse("api:walkabouts-secure-home-risks")
    assert [r["file_name"] for r in qa.get(reports, {"kind": "ofsted_annual"}).json()] == ["ofsted.pdf"]
    assert [r["risks"] for r in qa.get(risks, {"rating": "high"}).json()] == ["Restraint rising."]
    assert [r["risks"] for r in qa.get(risks, {"decision": "no_walkabout"}).json()] == ["Staffing."]
    html = qa.get(reverse("walkabouts:secure_home"), {"kind": "ofsted_annual", "rating": "high"}).content.decode()
    assert "ofsted.pdf" in html and "visit-0.pdf" not in html
    assert "Restraint rising." in html and "Staffing." not in html
    report_searches = AuditEvent.objects.filter(action="walkabouts.secure_home_report.search")
    assert [e.changes["detail"] for e in report_searches.order_by("id")] == [
        {"filters": {"kind": "ofsted_annual"}, "rows": 1}
    ] * 2
    assert AuditEvent.objects.filter(action="walkabouts.secure_home_risk.search").count() == 3
    refused = qa.get(risks, {"rating": "extreme"})
    assert refused.status_code == 400 and refused.json()["rating"][0].startswith("Select a valid choice.")
    client.logout()
    assert sign_in(agency_lead).get(reports, {"kind": "ofsted_annual"}).status_code == 404


def test_the_expectations_list_costs_the_same_queries_at_2_and_16_rows(sign_in, in_fieldwork, agency_lead):
    client = sign_in(agency_lead)
    url = reverse("api:walkabouts-expectations", args=[in_fieldwork.pk])
    standards = list(in_fieldwork.standard_version.standards.all())
    for standard in standards[:2]:
        services.expectation_add(assessment=in_fieldwork, actor=agency_lead, standard=standard, text="Agreed.")
    few = _count(client, url)
    for standard in standards * 2:
        services.expectation_add(assessment=in_fieldwork, actor=agency_lead, standard=standard, text="Agreed.")
    assert _count(client, url) == few


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/walkabouts/scrutiny/",
        "/api/v1/walkabouts/scrutiny/?status=draft&method=practice_evaluation",
        "/walkabouts/scrutiny/",
        "/walkabouts/scrutiny/?status=draft&method=practice_evaluation",
    ],
)
def test_the_scrutiny_list_costs_the_same_queries_with_more_programmes_and_items(sign_in, qa_chair, executive, url):
    client = sign_in(qa_chair)
    _endorsed(qa_chair, executive)
    draft = services.scrutiny_programme_create(actor=qa_chair, year=2027)
    services.scrutiny_item_add(
        programme=draft, actor=qa_chair, title="Item", method="practice_evaluation", owner="QA chair", timing="Spring"
    )
    few = _count(client, url)
    for year in range(2028, 2033):
        programme = services.scrutiny_programme_create(actor=qa_chair, year=year)
        for n in range(3):
            services.scrutiny_item_add(
                programme=programme,
                actor=qa_chair,
                title=f"Item {n}",
                method="practice_evaluation",
                owner="QA chair",
                timing="Spring",
            )
    assert _count(client, url) == few


def test_the_scrutiny_page_and_api_filter_alike_and_each_search_is_recorded(sign_in, client, qa_chair, executive):
    endorsed = _endorsed(qa_chair, executive)
    draft = services.scrutiny_programme_create(actor=qa_chair, year=2027)
    services.scrutiny_item_add(
        programme=draft, actor=qa_chair, title="Neglect", method="bought_in_expert", owner="QA chair", timing="Spring"
    )
    qa = sign_in(qa_chair)
    api = reverse("api:walkabouts-scrutiny-list")
    page = reverse("walkabouts:scrutiny_list")
    assert [p["year"] for p in qa.get(api).json()] == [2027, 2026]
    assert [p["year"] for p in qa.get(api, {"status": "endorsed"}).json()] == [endorsed.year]
    assert [p["year"] for p in qa.get(api, {"method": "bought_in_expert"}).json()] == [2027]
    html = qa.get(page, {"method": "bought_in_expert"}).content.decode()
    assert ">2027-28</a>" in html and ">2026-27</a>" not in html
    assert (
        "No programme matches these filters."
        in qa.get(page, {"status": "endorsed", "method": "bought_in_expert"}).content.decode()
    )
    searches = AuditEvent.objects.filter(action="walkabouts.scrutiny_programme.search").order_by("id")
    assert [(e.changes["detail"]["filters"], e.changes["detail"]["rows"]) for e in searches] == [
        ({"status": "endorsed"}, 1),
        ({"method": "bought_in_expert"}, 1),
        ({"method": "bought_in_expert"}, 1),
        ({"status": "endorsed", "method": "bought_in_expert"}, 0),
    ]
    refused = qa.get(api, {"status": "abandoned"})
    assert refused.status_code == 400 and refused.json()["status"][0].startswith("Select a valid choice.")
    assert qa.get(api, {"method": ""}).status_code == 400
    client.logout()
    assert sign_in(executive).get(api, {"status": "draft"}).json()[0]["year"] == 2027


def test_an_organisation_assessed_by_another_partnership_is_recorded_through_the_api_and_not_asked_again(
    sign_in, client, qa_member, cycle, agency_lead
):
    police = organisation_create(
        name="Devon and Cornwall Police",
        kind=Organisation.Kind.POLICE,
        areas=[AreaFactory(code="devon"), AreaFactory(code="cornwall")],
    )
    url = reverse("api:walkabouts-assessment-elsewhere")
    body = {
        "cycle": cycle.name,
        "organisation": police.pk,
        "other_partnership": "Cornwall and Isles of Scilly Safeguarding Children Partnership",
        "other_assessed_on": "2026-06-01",
        "other_evidence": "Their Section 11 report of June 2026.",
    }
    assert sign_in(agency_lead).post(url, body, JSON).status_code == 404
    client.logout()
    qa = sign_in(qa_member)
    created = qa.post(url, body, JSON)
    assert created.status_code == 201
    assert {k: created.json()[k] for k in ("status", "route", "other_partnership", "other_assessed_on")} == {
        "status": "recorded_elsewhere",
        "route": "other_partnership",
        "other_partnership": "Cornwall and Isles of Scilly Safeguarding Children Partnership",
        "other_assessed_on": "2026-06-01",
    }
    again = qa.post(
        reverse("api:walkabouts-assessment-list"),
        {"cycle": cycle.name, "organisation": police.pk, "route": "walkabout", "visit_on": "2026-10-01"},
        JSON,
    )
    assert again.status_code == 400
    assert again.json()["organisation"] == [
        "Devon and Cornwall Police was assessed this cycle by Cornwall and Isles of Scilly Safeguarding Children "
        "Partnership: it is not asked for a second Section 11 assessment."
    ]
    missing = qa.post(url, body | {"other_evidence": " ", "cycle": "2025-26"}, JSON)
    assert missing.status_code == 400 and "cycle" in missing.json()


def test_a_self_assessments_return_is_recorded_by_the_agency_on_its_page_and_through_the_api(
    sign_in, client, plan, qa_member, agency_lead, other_agency
):
    assessment = plan(route="self_assessment", visit_on=None)
    page = reverse("walkabouts:record_return", args=[assessment.pk])
    api = reverse("api:walkabouts-assessment-returned", args=[assessment.pk])
    other = sign_in(other_agency)
    assert other.get(page).status_code == 404
    assert other.post(api, {"returned_on": "2026-06-02"}, JSON).status_code == 404
    client.logout()
    lead = sign_in(agency_lead)
    too_early = lead.post(page, {"returned_on_day": "2", "returned_on_month": "6", "returned_on_year": "2025"})
    assert "must be on or after the start of 2026-27 (1 April 2026)" in too_early.content.decode()
    saved = lead.post(page, {"returned_on_day": "2", "returned_on_month": "6", "returned_on_year": "2026"})
    assert saved.status_code == 302
    detail = lead.get(reverse("walkabouts:detail", args=[assessment.pk])).content.decode()
    assert "Self-assessment returned</dt>" in detail and "2 June 2026" in detail
    changed = sign_in(qa_member).post(api, {"returned_on": "2026-06-03"}, JSON)
    assert changed.status_code == 200 and changed.json()["returned_on"] == "2026-06-03"
    assert AuditEvent.objects.filter(action="walkabouts.assessment.return").count() == 2
    walkabout = plan(organisation=organisation_create(name="A school", kind="school"))
    walkabout_api = reverse("api:walkabouts-assessment-returned", args=[walkabout.pk])
    refused = client.post(walkabout_api, {"returned_on": "2026-06-03"}, JSON)
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "A self-assessment's return is recorded by the QA Group or the agency's leads, before its findings are sent."
    )

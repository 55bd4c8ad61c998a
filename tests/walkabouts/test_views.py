"""Walkabout pages as people use them: who sees what, findings and evidence by the agency, the
comparison grid and its CSV, the report PDF, and the audit trail of every read and download."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from dcfp.models import LocalityPartnership
from dcfp.uploads.models import Upload
from tests.walkabouts.conftest import docx_bytes, pdf_bytes, record_all_findings, uploaded
from walkabouts import services
from walkabouts.models import Assessment, Rating

pytestmark = pytest.mark.django_db


def test_an_agency_lead_sees_their_own_assessment_and_another_agencys_lead_gets_404(
    sign_in, client, plan, agency_lead, other_agency
):
    assessment = plan()
    html = sign_in(agency_lead).get(reverse("walkabouts:detail", args=[assessment.pk])).content.decode()
    assert "Public Health Nursing" in html and "<li>3 health visitors</li>" in html
    assert AuditEvent.objects.filter(action="walkabouts.assessment.view", actor=agency_lead).exists()
    client.logout()
    other = sign_in(other_agency)
    assert other.get(reverse("walkabouts:detail", args=[assessment.pk])).status_code == 404
    assert "Public Health Nursing" not in other.get(reverse("walkabouts:list")).content.decode()


def test_a_practitioner_of_the_assessed_agency_gets_404(sign_in, plan, nursing):
    from dcfp.roles import Role
    from tests.factories import UserFactory

    assessment = plan()
    worker = UserFactory(organisation=nursing, roles=[Role.PRACTITIONER])
    assert sign_in(worker).get(reverse("walkabouts:detail", args=[assessment.pk])).status_code == 404


def test_the_qa_group_plans_a_walkabout_and_a_second_one_is_refused_with_the_reason(sign_in, qa_member, cycle, nursing):
    client = sign_in(qa_member)
    form = {
        "cycle": cycle.pk,
        "organisation": nursing.pk,
        "route": "walkabout",
        "visit_on_day": "14",
        "visit_on_month": "10",
        "visit_on_year": "2026",
        "participants_health_visitor": "2",
    }
    response = client.post(reverse("walkabouts:plan"), form)
    assessment = Assessment.objects.get()
    assert response.url == reverse("walkabouts:detail", args=[assessment.pk])
    again = client.post(reverse("walkabouts:plan"), form).content.decode()
    assert "Public Health Nursing already has a Section 11 assessment in 2026-27: one per cycle." in again
    assert 'name="participants_health_visitor" value="2"' in again  # what was typed is kept
    assert Assessment.objects.count() == 1


def test_the_agency_records_a_finding_and_uploads_evidence_through_the_pages(
    sign_in, in_fieldwork, agency_lead, media_root
):
    client = sign_in(agency_lead)
    standard = in_fieldwork.standard_version.standards.get(key="training")
    url = reverse("walkabouts:finding", args=[in_fieldwork.pk, standard.pk])
    refused = client.post(url, {"rating": "red", "evidence": "Records out of date."}).content.decode()
    assert "Enter the areas for improvement for a red or amber rating" in refused
    client.post(
        url,
        {
            "rating": "red",
            "evidence": "Records out of date.",
            "areas_for_improvement": "Keep a training matrix.",
            "expectation": "A matrix reviewed monthly.",
        },
    )
    detail = client.get(reverse("walkabouts:detail", args=[in_fieldwork.pk])).content.decode()
    assert "Keep a training matrix." in detail and "A matrix reviewed monthly." in detail
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in detail

    evidence_url = reverse("walkabouts:evidence_add", args=[in_fieldwork.pk])
    wrong = client.post(
        evidence_url, {"description": "A photo", "file": uploaded("photo.pdf", b"\x89PNG\r\n\x1a\n0000")}
    ).content.decode()
    assert "The selected file must be a PDF or Word document (DOCX)" in wrong
    assert not Upload.objects.exists()
    client.post(evidence_url, {"description": "Training matrix", "file": uploaded("matrix.docx", docx_bytes())})
    evidence = in_fieldwork.evidence.get()
    download = client.get(reverse("walkabouts:evidence_download", args=[in_fieldwork.pk, evidence.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="matrix.docx"'
    assert AuditEvent.objects.filter(action="walkabouts.evidence.download", actor=agency_lead).count() == 1


def test_another_agencys_lead_cannot_download_the_evidence(sign_in, in_fieldwork, agency_lead, other_agency):
    evidence = services.evidence_add(
        assessment=in_fieldwork, actor=agency_lead, file=uploaded("a.pdf", pdf_bytes()), description="Minutes"
    )
    response = sign_in(other_agency).get(reverse("walkabouts:evidence_download", args=[in_fieldwork.pk, evidence.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="walkabouts.evidence.download").exists()


@time_machine.travel("2026-11-26 10:00:00Z", tick=False)
def test_the_qa_group_downloads_the_agreed_walkabout_report_as_a_pdf(sign_in, agreed, qa_member):
    response = sign_in(qa_member).get(reverse("walkabouts:report_pdf", args=[agreed.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="walkabouts.assessment.pdf", actor=qa_member).exists()


def _rated(plan, actor, cycle, organisation, rating, qa_member):
    assessment = services.assessment_start_fieldwork(
        assessment=plan(cycle=cycle, organisation=organisation), actor=qa_member
    )
    record_all_findings(assessment, actor, rating)
    return assessment


def test_the_comparison_shows_this_cycle_beside_the_last_in_words_and_as_csv(
    sign_in, plan, qa_member, agency_lead, nursing, cycle, last_cycle
):
    _rated(plan, qa_member, last_cycle, nursing, Rating.RED, qa_member)
    _rated(plan, qa_member, cycle, nursing, Rating.GREEN, qa_member)
    client = sign_in(qa_member)
    html = client.get(reverse("walkabouts:comparison"), {"cycle": cycle.name}).content.decode()
    assert "2025-26: Red (improved)" in html
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in html
    csv = client.get(reverse("walkabouts:comparison"), {"cycle": cycle.name, "format": "csv"})
    lines = csv.content.decode().splitlines()
    assert lines[0] == "Organisation,Kind,Locality,Status 2026-27,Standard,Rating 2026-27,Rating 2025-26,Change"
    assert len(lines) == 1 + 8
    assert lines[1].startswith("Public Health Nursing,Health provider,,Fieldwork,")
    assert lines[1].endswith(",Green,Red,Improved")
    assert AuditEvent.objects.filter(action="walkabouts.comparison.export", category="access").exists()
    only_schools = client.get(
        reverse("walkabouts:comparison"), {"cycle": cycle.name, "kind": "school", "format": "csv"}
    )
    assert len(only_schools.content.decode().splitlines()) == 1


def test_the_comparison_says_which_ratings_are_not_final_until_both_agreements(
    sign_in, client, plan, qa_member, agency_lead, nursing, cycle, last_cycle
):
    _rated(plan, qa_member, last_cycle, nursing, Rating.RED, qa_member)
    this = _rated(plan, qa_member, cycle, nursing, Rating.GREEN, qa_member)
    qa = sign_in(qa_member)
    grid_row = 'Public Health Nursing</a><br><span class="govuk-body-s">Fieldwork: findings not final</span>'
    assert grid_row in qa.get(reverse("walkabouts:comparison")).content.decode()
    assert qa.get(reverse("api:walkabouts-comparison")).json()["rows"][0] | {"cells": []} == {
        "subject": "Public Health Nursing",
        "kind": "Health provider",
        "locality": "",
        "assessment": this.pk,
        "status": "Fieldwork",
        "final": False,
        "cells": [],
    }
    this = services.assessment_submit_findings(assessment=this, actor=qa_member)
    services.assessment_agency_agree(assessment=this, actor=agency_lead)
    services.assessment_agree(assessment=this, actor=qa_member)
    html = qa.get(reverse("walkabouts:comparison")).content.decode()
    assert "findings not final" not in html
    assert qa.get(reverse("api:walkabouts-comparison")).json()["rows"][0]["final"] is True
    lines = qa.get(reverse("walkabouts:comparison"), {"format": "csv"}).content.decode().splitlines()
    assert lines[1].startswith("Public Health Nursing,Health provider,,Agreed with the agency,")


def test_the_comparison_page_and_api_take_the_same_filters_and_record_the_search(
    sign_in, plan, qa_member, nursing, cycle, last_cycle, district_councils
):
    group, _exeter, _mid_devon = district_councils
    eastern = LocalityPartnership.objects.create(name="Eastern Devon (test)")
    _rated(plan, qa_member, last_cycle, nursing, Rating.RED, qa_member)
    councils = services.assessment_start_fieldwork(
        assessment=plan(cycle=last_cycle, organisation=None, assessment_group=group, locality=eastern),
        actor=qa_member,
    )
    record_all_findings(councils, qa_member, Rating.AMBER)
    client = sign_in(qa_member)
    filters = {"cycle": "2025-26", "kind": "district_council", "locality": eastern.pk}
    api = client.get(reverse("api:walkabouts-comparison"), filters).json()
    assert (api["cycle"], api["previous"], [r["subject"] for r in api["rows"]]) == (
        "2025-26",
        None,
        ["Devon district councils"],
    )
    page = client.get(reverse("walkabouts:comparison"), filters).content.decode()
    assert "Devon district councils" in page and "Public Health Nursing" not in page
    assert "Each organisation's rating by standard in 2025-26." in page
    lines = client.get(reverse("walkabouts:comparison"), filters | {"format": "csv"}).content.decode().splitlines()
    assert lines[0].endswith(",Rating 2025-26,Rating (no earlier cycle),Change")
    assert [line.split(",")[0] for line in lines[1:]] == ["Devon district councils"] * 8
    assert lines[1].endswith(",Amber,,")
    searches = AuditEvent.objects.filter(action="walkabouts.comparison.search").order_by("id")
    assert [e.changes["detail"]["filters"] for e in searches] == [
        {"cycle": "2025-26", "kind": "district_council", "locality": eastern.pk}
    ] * 3
    unknown = {"cycle": "1999-00"}
    message = "Select a valid choice. That choice is not one of the available choices."
    assert client.get(reverse("api:walkabouts-comparison"), unknown).json() == {"cycle": [message]}
    assert message in client.get(reverse("walkabouts:comparison"), unknown).content.decode()
    assert client.get(reverse("api:walkabouts-comparison"), {"kind": ""}).status_code == 400


def test_another_agencys_lead_sees_no_row_of_ours_in_the_comparison(
    sign_in, plan, qa_member, nursing, cycle, other_agency
):
    _rated(plan, qa_member, cycle, nursing, Rating.AMBER, qa_member)
    html = sign_in(other_agency).get(reverse("walkabouts:comparison")).content.decode()
    assert "Public Health Nursing" not in html and "No ratings match" in html


@time_machine.travel("2026-11-26 10:00:00Z", tick=False)
def test_the_dashboard_shows_the_agency_lead_findings_to_agree_and_actions_due(sign_in, findings_recorded, agency_lead):
    html = sign_in(agency_lead).get(reverse("dashboard")).content.decode()
    assert "Section 11 findings for your agency to agree" in html
    assert "Public Health Nursing, 2026-27" in html


def test_the_executive_endorses_the_scrutiny_programme_and_who_and_when_are_shown(sign_in, client, qa_chair, executive):
    programme = services.scrutiny_programme_create(actor=qa_chair, year=2026)
    assert programme.next_due_on == date(2027, 4, 1)
    services.scrutiny_item_add(
        programme=programme,
        actor=qa_chair,
        title="Neglect",
        method="peer_review",
        owner="QA chair",
        timing="Autumn 2026",
    )
    response = sign_in(executive).post(reverse("walkabouts:scrutiny_endorse", args=[programme.pk]))
    assert response.status_code == 302
    html = client.get(reverse("walkabouts:scrutiny_detail", args=[programme.pk])).content.decode()
    assert "Endorsed by the Executive, by Elliot Mercer on" in html
    assert "Peer review with a neighbouring partnership" in html


def test_the_list_and_the_api_filter_alike_and_each_search_is_recorded(
    sign_in, plan, qa_member, cycle, last_cycle, school
):
    plan(cycle=last_cycle)
    plan(organisation=school, route="self_assessment", visit_on=None)
    client = sign_in(qa_member)
    page = client.get(reverse("walkabouts:list"), {"cycle": "2026-27"}).content.decode()
    assert "Exe Valley Primary School" in page and "2025-26" not in page.split("<tbody")[1]
    api = client.get(reverse("api:walkabouts-assessment-list"), {"cycle": "2026-27"}).json()
    assert [row["subject"] for row in api["results"]] == ["Exe Valley Primary School"]
    searches = AuditEvent.objects.filter(action="walkabouts.assessment.search", actor=qa_member)
    assert [e.changes["detail"] for e in searches] == [{"filters": {"cycle": "2026-27"}, "rows": 1}] * 2
    assert client.get(reverse("api:walkabouts-assessment-list"), {"cycle": "1999-00"}).status_code == 400
    client.get(reverse("walkabouts:list"), {"page": "1"})
    assert searches.count() == 2  # paging alone is not a search

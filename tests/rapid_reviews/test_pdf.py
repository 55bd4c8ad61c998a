"""The Summary and Outcome of Rapid Review and a local review's terms of reference as PDFs, from reviews
made through the services. Text is read back from the PDF with pypdf."""

import io
from datetime import date

import pypdf
import pytest
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from rapid_reviews import services
from rapid_reviews.pdf import render_local_terms, render_report

pytestmark = pytest.mark.django_db


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_report_pdf_has_every_section_the_outcome_and_the_sign_offs_marked_on_every_page(
    make_review_at, csprg, council_signer
):
    review = make_review_at("ready", outcome="c", reg11=["recurrent", "multi_agency"])
    pages = pages_text(render_report(review))
    text = " ".join(pages)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    assert "Summary and Outcome of Rapid Review" in pages[0] and review.reference in pages[0]
    for heading in (
        "Facts and chronology",
        "The child's experience",
        "Agency involvement and key practice episodes",
        "Immediate safeguarding actions",
        "Learning and good practice",
        "Context, including inequalities, racism, ableism and protected characteristics",
    ):
        assert heading in text
    assert "(c) A local child safeguarding practice review" in text
    assert "It highlights or may highlight recurrent themes in safeguarding children" in text
    assert council_signer.organisation.name in text and council_signer.full_name in text
    assert "Due 26 November 2026" in text


def test_a_long_report_is_marked_official_sensitive_on_every_page(review, csprg):
    section = review.sections.get(key="facts")
    services.section_save(
        section=section, actor=csprg, text="The health visitor saw the baby at home.\n" * 300, version=section.version
    )
    pages = pages_text(render_report(review))
    assert len(pages) > 2
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)


def test_the_report_pdf_is_served_to_the_csprg_and_recorded_and_refused_to_agencies(
    sign_in, review, csprg, partner_rep, agency_lead
):
    response = sign_in(partner_rep).get(reverse("rapid_reviews:report_pdf", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="rapid_reviews.review.pdf", actor=partner_rep).count() == 1
    assert sign_in(agency_lead).get(reverse("rapid_reviews:report_pdf", args=[review.pk])).status_code == 404


def test_the_terms_of_reference_pdf_names_the_reviewer_methodology_milestones_and_the_original_date(
    sign_in, under_way, csprg, qa_chair, reviewer, agency_lead
):
    review = services.local_review_set_terms(
        review=under_way,
        actor=csprg,
        version=under_way.version,
        terms_of_reference="How agencies shared what they knew about the baby's injuries.",
        methodology="appreciative_inquiry",
    )
    services.milestone_add(review=review, actor=csprg, title="Practitioner learning event", due_on=date(2027, 1, 20))
    extension = services.extension_request(
        review=review, actor=csprg, new_due_on=date(2027, 6, 30), reason="A criminal trial."
    )
    services.extension_decide(extension=extension, actor=qa_chair, approve=True)
    review.refresh_from_db()
    pages = pages_text(render_local_terms(review))
    text = " ".join(pages)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    assert "terms of reference" in pages[0] and review.reference in pages[0]
    assert "How agencies shared what they knew about the baby's injuries." in text
    assert reviewer.full_name in text and "Appreciative inquiry" in text
    assert "Practitioner learning event" in text and "20 January 2027" in text
    assert "30 June 2027" in text and "originally 12 May 2027" in text

    response = sign_in(reviewer).get(reverse("rapid_reviews:local_terms_pdf", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="rapid_reviews.local.terms_pdf", actor=reviewer).count() == 1
    assert sign_in(agency_lead).get(reverse("rapid_reviews:local_terms_pdf", args=[review.pk])).status_code == 404

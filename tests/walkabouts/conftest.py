"""Assessments, cycles and documents made through the services, as people make them.

The agency assessed in most tests is the `agency_lead` persona's (Public Health Nursing); the
`other_agency` persona is an agency lead of another organisation. Dated tests freeze the clock.
"""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dcfp.models import AssessmentGroup, Organisation
from dcfp.roles import Role
from tests.factories import OrganisationFactory, UserFactory
from walkabouts import services
from walkabouts.models import Assessment, Rating


def pdf_bytes(text: str = "Evidence") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        + f"% {text}\n".encode()
        + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="x"><w:body/></w:document>')
    return buffer.getvalue()


def uploaded(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def cycle(qa_member):
    return services.cycle_create(actor=qa_member, name="2026-27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))


@pytest.fixture
def last_cycle(qa_member):
    return services.cycle_create(actor=qa_member, name="2025-26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31))


@pytest.fixture
def district_councils(db):
    group = AssessmentGroup.objects.create(name="Devon district councils")
    first = OrganisationFactory(
        name="Exeter City Council", kind=Organisation.Kind.DISTRICT_COUNCIL, assessment_group=group
    )
    second = OrganisationFactory(
        name="Mid Devon District Council", kind=Organisation.Kind.DISTRICT_COUNCIL, assessment_group=group
    )
    return group, first, second


@pytest.fixture
def district_lead(district_councils):
    _group, first, _second = district_councils
    return UserFactory(
        email="district-lead@example.org", full_name="Dee Ward", organisation=first, roles=[Role.AGENCY_LEAD]
    )


@pytest.fixture
def plan(qa_member, cycle, nursing):
    """plan(**fields) -> a planned walkabout (of the agency lead's organisation unless told)."""

    def make(**overrides):
        fields = {
            "actor": qa_member,
            "cycle": cycle,
            "route": Assessment.Route.WALKABOUT,
            "organisation": nursing,
            "visit_on": date(2026, 10, 14),
            "team_or_site": "Exeter health visiting team",
            **overrides,
        }
        if fields["route"] == Assessment.Route.WALKABOUT:
            fields.setdefault("participants", {"health_visitor": 3, "team_manager": 1})
        return services.assessment_plan(**fields)

    return make


def record_all_findings(assessment, actor, rating: str = Rating.GREEN) -> None:
    for standard in assessment.standard_version.standards.all():
        services.finding_record(
            assessment=assessment,
            actor=actor,
            standard=standard,
            rating=rating,
            evidence=f"Staff described {standard.key}.",
            strengths="Confident practice.",
            areas_for_improvement="" if rating == Rating.GREEN else "Refresh the training record.",
        )


@pytest.fixture
def in_fieldwork(plan, qa_member):
    return services.assessment_start_fieldwork(assessment=plan(), actor=qa_member)


@pytest.fixture
def findings_recorded(in_fieldwork, agency_lead):
    record_all_findings(in_fieldwork, agency_lead)
    return services.assessment_submit_findings(assessment=in_fieldwork, actor=agency_lead)


@pytest.fixture
def agreed(findings_recorded, agency_lead, qa_member):
    services.assessment_agency_agree(assessment=findings_recorded, actor=agency_lead)
    return services.assessment_agree(assessment=findings_recorded, actor=qa_member)

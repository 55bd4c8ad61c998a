"""manage.py remove_orphan_uploads: files and records nothing points to go; whatever a document holds,
and anything newer than the margin, stays."""

import io
import os
import time
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from dcfp.audit.models import AuditEvent
from dcfp.uploads.models import Upload
from dcfp.uploads.services import upload_path, upload_store
from tests.walkabouts.conftest import pdf_bytes
from walkabouts import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def _age(path: Path, hours: int = 48) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def _run(*args) -> str:
    out = io.StringIO()
    call_command("remove_orphan_uploads", *args, stdout=out)
    return out.getvalue()


def test_files_and_records_no_document_holds_are_removed_and_held_ones_stay(
    media_root, qa_member, nursing, django_capture_on_commit_callbacks
):
    cycle = services.cycle_create(
        actor=qa_member, name="2026-27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)
    )
    assessment = services.assessment_plan(actor=qa_member, cycle=cycle, route="self_assessment", organisation=nursing)
    assessment = services.assessment_start_fieldwork(assessment=assessment, actor=qa_member)
    held = services.evidence_add(
        assessment=assessment, actor=qa_member, file=SimpleUploadedFile("held.pdf", pdf_bytes()), description="Held"
    ).upload
    loose = upload_store(file=SimpleUploadedFile("loose.pdf", pdf_bytes("loose")), actor=qa_member)
    stray = media_root / "2026" / "no-record"
    stray.write_bytes(pdf_bytes("stray"))
    fresh = media_root / "2026" / "just-written"
    fresh.write_bytes(pdf_bytes("fresh"))
    for path in (upload_path(held), upload_path(loose), stray):
        _age(path)
    Upload.objects.filter(pk__in=[held.pk, loose.pk]).update(uploaded_at="2026-01-01T00:00:00Z")

    listed = _run("--dry-run")
    assert "2026/no-record" in listed and loose.stored_name in listed and held.stored_name not in listed
    assert stray.exists() and Upload.objects.filter(pk=loose.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        said = _run()
    assert "Removed 1 file(s) with no record and 1 upload(s) no document holds." in said
    assert not stray.exists() and not upload_path(loose).exists()
    assert not Upload.objects.filter(pk=loose.pk).exists()
    assert upload_path(held).exists() and Upload.objects.filter(pk=held.pk).exists()
    assert fresh.exists(), "a file newer than the margin may be an upload still being saved"
    event = AuditEvent.objects.get(action="uploads.orphans.remove")
    detail = event.changes["detail"]
    assert detail["files_without_record"] == 1 and detail["records_without_document"] == 1


def test_a_secure_home_report_keeps_its_file(media_root, qa_member, django_capture_on_commit_callbacks):
    from dcfp.models import Organisation
    from dcfp.services import organisation_create

    home = organisation_create(name="The Atkinson", kind=Organisation.Kind.SECURE_CHILDRENS_HOME)
    report = services.secure_home_report_add(
        actor=qa_member,
        home=home,
        kind="ofsted_annual",
        received_on=date(2026, 6, 1),
        file=SimpleUploadedFile("ofsted.pdf", pdf_bytes()),
    )
    _age(upload_path(report.upload))
    Upload.objects.filter(pk=report.upload.pk).update(uploaded_at="2026-01-01T00:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        assert "Removed 0 file(s) with no record and 0 upload(s)" in _run()
    assert upload_path(report.upload).exists()

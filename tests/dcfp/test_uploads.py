"""The shared upload mechanism: recognised by content, at most 20 MB, stored under a random name outside
the web root, refused with a clear message and nothing stored, served as an attachment and audited."""

import io
import os
import zipfile

import pytest
from django.conf import settings
from django.test import RequestFactory

from dcfp.audit.models import AuditEvent
from dcfp.uploads import validation
from dcfp.uploads.checks import media_root_outside_web_root
from dcfp.uploads.models import Upload
from dcfp.uploads.services import UploadRefused, upload_path, upload_store
from dcfp.uploads.views import download_response
from tests.walkabouts.conftest import docx_bytes, pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def _stored_files(root) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_a_pdf_is_kept_under_a_random_name_readable_only_by_the_service(qa_member, media_root):
    upload = upload_store(file=uploaded("Ofsted report.pdf", pdf_bytes()), actor=qa_member)
    assert (upload.kind, upload.original_name, upload.size) == ("pdf", "Ofsted report.pdf", len(pdf_bytes()))
    path = upload_path(upload)
    assert path.read_bytes() == pdf_bytes()
    assert "Ofsted" not in upload.stored_name and str(upload.pk) not in upload.stored_name
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert str(path).startswith(str(media_root))


def test_a_word_document_is_recognised_by_its_content_whatever_its_name(qa_member):
    upload = upload_store(file=uploaded("notes.bin", docx_bytes(), "application/octet-stream"), actor=qa_member)
    assert upload.kind == "docx"
    assert upload.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", PNG, "The selected file must be a PDF or Word document (DOCX)"),
        ("notes.pdf", b"Just some text, renamed.", "The selected file must be a PDF or Word document (DOCX)"),
        (
            "sheet.docx",
            _zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}),
            "The selected file must be a PDF or Word document (DOCX)",
        ),
        ("cut.pdf", pdf_bytes()[:-8], "The selected file is damaged or incomplete: it cannot be read as a PDF"),
        (
            "broken.docx",
            docx_bytes()[:40],
            "The selected file is damaged or incomplete: it cannot be read as a Word document",
        ),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_wrong_malformed_or_empty_file_is_refused_and_nothing_is_stored(
    qa_member, media_root, name, content, message
):
    with pytest.raises(UploadRefused) as refused:
        upload_store(file=uploaded(name, content), actor=qa_member)
    assert str(refused.value) == message
    assert not Upload.objects.exists()
    assert _stored_files(media_root) == []


def test_a_file_over_20_mb_is_refused_before_it_is_read(qa_member, media_root):
    big = uploaded("big.pdf", pdf_bytes())
    big.size = validation.MAX_BYTES + 1
    with pytest.raises(UploadRefused, match="must be smaller than 20 MB"):
        upload_store(file=big, actor=qa_member)
    assert _stored_files(media_root) == []


def test_a_file_of_exactly_20_mb_is_accepted(qa_member):
    content = b"%PDF-1.4\n" + b"0" * (validation.MAX_BYTES - 9 - 6) + b"%%EOF\n"
    assert len(content) == validation.MAX_BYTES
    assert upload_store(file=uploaded("full.pdf", content), actor=qa_member).size == validation.MAX_BYTES


def test_the_stored_name_leaves_out_folders_from_the_uploaded_name(qa_member):
    upload = upload_store(file=uploaded('..\\..\\etc/"evil".pdf', pdf_bytes()), actor=qa_member)
    assert upload.original_name == "evil.pdf"


def test_a_download_is_an_audited_attachment_that_never_renders_in_the_page(qa_member):
    upload = upload_store(file=uploaded("report.pdf", pdf_bytes()), actor=qa_member)
    request = RequestFactory().get("/x", REMOTE_ADDR="10.0.0.9")
    request.user = qa_member
    response = download_response(request, upload, holder=qa_member, action="tests.upload.download")
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()
    event = AuditEvent.objects.get(action="tests.upload.download")
    assert event.category == AuditEvent.Category.ACCESS
    assert event.changes["detail"]["sha256"] == upload.sha256


@pytest.mark.parametrize(
    ("name", "content", "saved_as"),
    [
        ("notes.docx", pdf_bytes(), "notes.pdf"),
        ("minutes", docx_bytes(), "minutes.docx"),
        ("Report.PDF", pdf_bytes(), "Report.PDF"),
        ("plan.v2.pdf", docx_bytes(), "plan.v2.docx"),
    ],
)
def test_a_download_is_named_for_what_the_file_is_not_what_it_was_called(qa_member, name, content, saved_as):
    upload = upload_store(file=uploaded(name, content), actor=qa_member)
    request = RequestFactory().get("/x")
    request.user = qa_member
    response = download_response(request, upload, holder=qa_member, action="tests.upload.download")
    assert response["Content-Disposition"] == f'attachment; filename="{saved_as}"'


def test_uploads_inside_the_static_folder_fail_the_system_check(settings):
    settings.MEDIA_ROOT = str(settings.STATIC_ROOT) + "/uploads"
    assert [e.id for e in media_root_outside_web_root()] == ["dcfp.uploads.E001"]


def test_the_configured_uploads_folder_is_outside_the_static_folder():
    assert media_root_outside_web_root() == []
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))

"""An uploaded file: what it is (recognised by its content), who brought it, and where its bytes are.

The bytes live under MEDIA_ROOT (never under the web root) in a file named by a random token, so
neither the original name nor the record's id says where it is. A record is never served by itself:
the app that owns the document (an evidence file, a secure home report) checks permission and serves
it with `dcfp.uploads.services.download_response`, which records the download in the audit trail.
"""

import uuid

from django.conf import settings
from django.db import models


class Upload(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document (DOCX)"

    CONTENT_TYPES = {
        Kind.PDF: "application/pdf",
        Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    original_name = models.CharField(max_length=255, help_text="The name it had on the uploader's computer.")
    # Relative to MEDIA_ROOT; a random token, unique, never derived from the original name.
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["pdf", "docx"]), name="upload_kind_pdf_or_docx"),
            models.CheckConstraint(
                condition=models.Q(size__gt=0, size__lte=20 * 1024 * 1024), name="upload_size_limit"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.Kind(self.kind)]

    @property
    def download_name(self) -> str:
        """The name to save it under: the uploaded name, with the extension of what the file is (a PDF
        uploaded as "notes.docx" is saved as "notes.pdf", so it opens in the right program)."""
        stem, dot, extension = self.original_name.rpartition(".")
        if dot and extension.lower() == self.kind:
            return self.original_name
        return f"{stem if dot and stem else self.original_name}.{self.kind}"

    @property
    def size_label(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"

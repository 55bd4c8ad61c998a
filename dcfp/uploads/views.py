"""Serving an upload: only ever from a view that has already checked permission on the document that
holds it. Every download is recorded in the audit trail, and the browser is told to save the file,
never to show it inline (an uploaded file is never rendered as a page of this site)."""

from django.db.models import Model
from django.http import FileResponse, Http404

from dcfp.audit.services import access
from dcfp.uploads.models import Upload
from dcfp.uploads.services import open_upload


def download_response(request, upload: Upload, *, holder: Model, action: str) -> FileResponse:
    """The file as an attachment, after recording `action` (e.g. "walkabouts.evidence.download") on
    `holder` (the record the file belongs to) in the audit trail. 404 if the bytes are missing."""
    try:
        handle = open_upload(upload)
    except FileNotFoundError as missing:
        raise Http404 from missing
    access(
        actor=request.user,
        action=action,
        target=holder,
        detail={"upload": str(upload.pk), "file": upload.original_name, "sha256": upload.sha256},
    )
    response = FileResponse(handle, as_attachment=True, filename=upload.download_name, content_type=upload.content_type)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

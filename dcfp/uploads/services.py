"""Storing an upload. The only code that writes under MEDIA_ROOT.

`upload_store` recognises the file by its content (dcfp.uploads.validation), writes it under a random
name outside the web root, and creates its Upload record, or refuses it with UploadRefused and stores
nothing. The calling service records in the audit trail what the file was attached to.
"""

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

from dcfp.uploads.models import Upload
from dcfp.uploads.validation import UploadRefused, recognise

__all__ = ["UploadRefused", "open_upload", "upload_path", "upload_store"]

_CHUNK = 1024 * 1024


def _root() -> Path:
    return Path(settings.MEDIA_ROOT)


def upload_path(upload: Upload) -> Path:
    return _root() / upload.stored_name


def _display_name(name: str) -> str:
    """The original file name without any folder part or control characters, for display and the
    download's suggested name."""
    base = os.path.basename((name or "").replace("\\", "/"))
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"\r\n')
    return cleaned[:255] or "document"


def upload_store(*, file, actor) -> Upload:
    """Keep an uploaded file (a Django UploadedFile, or any binary file object with `name` and `size`).

    Refused with UploadRefused, and nothing written, when it is empty, over 20 MB, not a PDF or DOCX
    by its content, or damaged. The file goes to MEDIA_ROOT/<year>/<random token>, readable only by
    the service's own account; if the record cannot be saved the bytes are removed again.
    """
    size = file.size if getattr(file, "size", None) is not None else _measure(file)
    recognised = recognise(file, size)
    token = secrets.token_hex(20)
    from django.utils import timezone

    stored_name = f"{timezone.now():%Y}/{token}"
    path = _root() / stored_name
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    file.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        with transaction.atomic():
            return Upload.objects.create(
                kind=recognised.kind,
                original_name=_display_name(getattr(file, "name", "")),
                stored_name=stored_name,
                size=recognised.size,
                sha256=digest.hexdigest(),
                uploaded_by=actor,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _measure(file) -> int:
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def open_upload(upload: Upload):
    """The stored bytes, opened for reading (the caller closes it, or hands it to FileResponse)."""
    return upload_path(upload).open("rb")

"""Recognising an uploaded file by its content, never by its name or the browser's say-so.

A PDF is what puremagic recognises as one from its first bytes, and it must end with the PDF end
marker (a truncated download or a renamed fragment does not). A Word document (DOCX) is a ZIP archive
whose entries include the Office content-types list and the document body, and whose every entry
reads back intact. Anything else is refused, with the message a person sees next to the field.
"""

import io
import zipfile
from dataclasses import dataclass

import puremagic

MAX_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 8192
ACCEPTED = "PDF or Word document (DOCX)"
MESSAGES = {
    "empty": "The selected file is empty",
    "too_big": "The selected file must be smaller than 20 MB",
    "wrong_type": f"The selected file must be a {ACCEPTED}",
    "malformed_pdf": "The selected file is damaged or incomplete: it cannot be read as a PDF",
    "malformed_docx": "The selected file is damaged or incomplete: it cannot be read as a Word document",
}
_DOCX_ENTRIES = {"[Content_Types].xml", "word/document.xml"}
_ZIP_MAGIC = b"PK\x03\x04"


class UploadRefused(ValueError):
    """The file is refused; `str(error)` is the message for the person and `code` says why."""

    def __init__(self, code: str):
        super().__init__(MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class Recognised:
    kind: str  # an Upload.Kind value
    size: int


def _puremagic_extensions(head: bytes) -> set[str]:
    try:
        return {match.extension.lower() for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        return set()


def _read_all(stream) -> bytes:
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    return data


def recognise(stream, size: int) -> Recognised:
    """What the file is, or UploadRefused. `stream` is a binary file object; it is left at its start."""
    if size <= 0:
        raise UploadRefused("empty")
    if size > MAX_BYTES:
        raise UploadRefused("too_big")
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not head:
        raise UploadRefused("empty")
    extensions = _puremagic_extensions(head)
    if ".pdf" in extensions and head.startswith(b"%PDF-"):
        stream.seek(max(0, size - 2048))
        tail = stream.read()
        stream.seek(0)
        if b"%%EOF" not in tail:
            raise UploadRefused("malformed_pdf")
        return Recognised(kind="pdf", size=size)
    if head.startswith(_ZIP_MAGIC):
        return Recognised(kind=_docx_or_refuse(stream), size=size)
    raise UploadRefused("wrong_type")


def _docx_or_refuse(stream) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(_read_all(stream))) as archive:
            names = set(archive.namelist())
            if not names >= _DOCX_ENTRIES:
                # A ZIP, but not a Word document (a spreadsheet, a folder of photos...).
                raise UploadRefused("wrong_type")
            if archive.testzip() is not None:
                raise UploadRefused("malformed_docx")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        if isinstance(error, UploadRefused):
            raise
        raise UploadRefused("malformed_docx") from error
    return "docx"

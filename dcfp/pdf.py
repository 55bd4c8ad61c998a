"""PDF documents, rendered by WeasyPrint from templates in templates/pdf/.

Every document is marked OFFICIAL-SENSITIVE on every page (templates/pdf/base.html and
static/pdf/pdf.css). Rendering never reaches the network or the file system outside the app's
own static files: `StaticOnlyFetcher` serves `/static/...` from the staticfiles finders (or
STATIC_ROOT) and refuses every other URL, so a remote image, a `file://` path, a redirect or an
attachment link in a template fetches nothing. Embedded file attachments are stripped as well.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Templates link to static files by their site-relative URL (`{% static %}`). WeasyPrint needs an
# absolute base URL to resolve them; the reserved `.invalid` domain can never resolve on any network,
# and the fetcher only ever maps it to files on disk.
BASE_URL = "https://dcfp-pdf.invalid/"
_BASE = urlsplit(BASE_URL)

# Only what a document's look needs: stylesheets, fonts and images.
_CONTENT_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


class RefusedURL(ValueError):
    """A document asked for something other than one of the app's own static files."""


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint URL fetcher that reads the app's own static files and nothing else.

    Refused: any scheme but the internal base URL's (file:, data:, ftp:, http: to any host, https: to
    any host including the app's own), static paths that try to leave the static folders, file types
    other than stylesheets, fonts and images, and every request once layout is finished (the only
    fetches after that would be attachments). Nothing is ever requested over the network, so a
    redirect can never be followed. Refusals are logged; WeasyPrint then renders without the resource.
    """

    def __init__(self) -> None:
        # No handlers are used: `fetch` below never calls urllib. The parent is initialised only
        # because WeasyPrint reads its private settings (such as `_fail_on_errors`).
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.closed = False
        self.served: list[str] = []
        self.refused: list[str] = []

    def close(self) -> None:
        """Refuse every later request (called once the document is laid out)."""
        self.closed = True

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        try:
            path = self._static_file(url)
        except RefusedURL as refusal:
            self.refused.append(url)
            logger.warning("PDF rendering refused to fetch %.200r: %s", url, refusal)
            raise
        self.served.append(url)
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": _CONTENT_TYPES[path.suffix.lower()]}
        )

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
        # urllib.request.Request objects are never built by this fetcher; accept plain URLs only.
        return self.fetch(url if isinstance(url, str) else url.full_url)

    def _static_file(self, url: str) -> Path:
        if self.closed:
            raise RefusedURL("the document is already laid out (attachments are not allowed)")
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (_BASE.scheme, _BASE.netloc) or parts.query:
            raise RefusedURL("only the app's own static files may be used in a PDF")
        static_prefix = urlsplit(settings.STATIC_URL).path
        path = unquote(parts.path)
        if not path.startswith(static_prefix):
            raise RefusedURL("not a static file")
        name = path[len(static_prefix) :]
        if (
            not name
            or "\\" in name
            or "\x00" in name
            or name.startswith("/")
            or posixpath.normpath(name) != name
            or ".." in name.split("/")
        ):
            raise RefusedURL("not a plain static path")
        if Path(name).suffix.lower() not in _CONTENT_TYPES:
            raise RefusedURL("not a stylesheet, font or image")
        found = _find_static(name)
        if found is None:
            raise RefusedURL("no such static file")
        return found


def _find_static(name: str) -> Path | None:
    """The file for a static name: from the finders (the source folders), else from STATIC_ROOT."""
    candidates: list[Path] = []
    found = finders.find(name)
    if isinstance(found, str):
        candidates.append(Path(found))
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        collected = (root / name).resolve()
        if collected.is_relative_to(root):
            candidates.append(collected)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def html_to_pdf(html: str) -> bytes:
    """Render an HTML string to PDF bytes with the static-only fetcher and no embedded files."""
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    fetcher.close()
    # `<link rel="attachment">` and `<a rel="attachment">` would embed files in the PDF. Fetching them
    # is already refused above; dropping them here also keeps empty attachment annotations out.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    # A tagged PDF (structure, reading order, language) is what screen readers need.
    return document.write_pdf(pdf_tags=True)


def render_pdf(template_name: str, context: dict[str, Any], *, watermark: str | None = None) -> bytes:
    """Render a template from templates/pdf/ to PDF bytes.

    The template should extend `pdf/base.html`, which marks every page OFFICIAL-SENSITIVE and numbers
    the pages. Context values are autoescaped, so case content cannot add markup, styles or links.
    With `watermark` (an Executive member's personal copy, e.g. "Copy for Sam Lee, 26 November
    2026"), the text runs diagonally across every page and in every page's footer.
    """
    html = render_to_string(
        template_name,
        {
            **context,
            "pdf_watermark": watermark,
            "partnership_name": settings.PARTNERSHIP_NAME,
        },
    )
    return html_to_pdf(html)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A rendered document as the browser gets it: shown inline under its name, and never kept by a
    cache on the way (the documents are about children)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response

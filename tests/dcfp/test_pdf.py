"""PDF rendering: the static-only URL fetcher, the page furniture, fonts and the Executive watermark.

A real HTTP server on 127.0.0.1 counts every request it gets, so "nothing was fetched" is measured, not
assumed. Text is read back from the PDF with pypdf, as a reader's PDF viewer or a screen reader would.
"""

import io
import logging
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast

import pypdf
import pytest
from pypdf.generic import DictionaryObject
from weasyprint import HTML

from dcfp.pdf import BASE_URL, RefusedURL, StaticOnlyFetcher, render_pdf

TEST_TEMPLATES = Path(__file__).parent / "pdf_templates"


class _CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/redirect-target.png")
            self.end_headers()
            return
        body = b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEST_TEMPLATES]}]


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def font_names(pdf: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        fonts = cast(DictionaryObject, resources.get("/Font", DictionaryObject()))
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def embedded_files(pdf: bytes) -> list[str]:
    """Everything that would let a PDF carry a file: the EmbeddedFiles name tree, /AF, attachment annotations."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = [f"attachment {name}" for name in reader.attachments]
    catalog = cast(DictionaryObject, reader.trailer["/Root"].get_object())
    if "/EmbeddedFiles" in cast(DictionaryObject, catalog.get("/Names", DictionaryObject())):
        found.append("/EmbeddedFiles")
    if "/AF" in catalog:
        found.append("/AF")
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment" or "/FS" in annotation:
                found.append(f"file attachment annotation on page {number}")
    return found


def render_hostile(port: int, case_text: str = "") -> bytes:
    return render_pdf("pdf/test/hostile.html", {"port": port, "case_text": case_text})


def test_the_counting_server_counts_what_weasyprint_would_fetch_without_our_fetcher(counting_server):
    port = counting_server.server_port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/redirect", timeout=5) as response:
        response.read()
    assert counting_server.requests == ["/redirect", "/redirect-target.png"]

    # WeasyPrint's own default fetcher does reach the network: the zero counts below mean something.
    HTML(string=f'<link rel="stylesheet" href="http://127.0.0.1:{port}/default.css">').write_pdf()
    assert "/default.css" in counting_server.requests


def test_a_document_that_reaches_for_files_and_hosts_fetches_nothing(counting_server, test_templates, caplog):
    port = counting_server.server_port
    caplog.set_level(logging.WARNING, logger="dcfp.pdf")

    pdf = render_hostile(port)

    assert counting_server.requests == []
    refused = " ".join(record.getMessage() for record in caplog.records if record.name == "dcfp.pdf")
    for url in [
        f"http://127.0.0.1:{port}/import.css",
        "file:///etc/passwd",
        f"http://127.0.0.1:{port}/background.png",
        f"http://localhost:{port}/font.woff2",
        f"http://127.0.0.1:{port}/sheet.css",
        "https://example.org/sheet.css",
        f"http://127.0.0.1:{port}/image.png",
        "https://example.org/image.png",
        f"http://127.0.0.1:{port}/redirect",
        "https://dcfp-pdf.invalid/etc/passwd",
        "https://dcfp-pdf.invalid/static/%2e%2e/%2e%2e/README.md",
        "data:image/svg+xml",
        f"http://127.0.0.1:{port}/object.svg",
    ]:
        assert url in refused, url
    assert "root:x:0:0" not in " ".join(pages_text(pdf))
    assert b"root:x:0:0" not in pdf


def test_attachment_links_embed_no_file_in_the_pdf(counting_server, test_templates):
    pdf = render_hostile(counting_server.server_port)

    assert embedded_files(pdf) == []
    assert counting_server.requests == []
    assert "Own stylesheet as attachment" in " ".join(pages_text(pdf))


def test_the_apps_own_static_image_stylesheet_and_fonts_load(counting_server, test_templates):
    pdf = render_hostile(counting_server.server_port)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1  # the static PNG, and none of the refused ones
    assert {"Arimo", "Arimo-Bold"} <= font_names(pdf)  # from static/pdf/pdf.css's @font-face rules


def test_case_text_is_escaped_so_it_cannot_add_markup_styles_or_links(counting_server, test_templates):
    port = counting_server.server_port
    case_text = (
        f'<img src="http://127.0.0.1:{port}/injected.png"><style>@import "http://127.0.0.1:{port}/x.css";</style>'
        f'<a rel="attachment" href="http://127.0.0.1:{port}/x.txt">x</a>'
    )

    pdf = render_hostile(port, case_text)

    text = " ".join(pages_text(pdf))
    assert f'<img src="http://127.0.0.1:{port}/injected.png">' in text
    assert counting_server.requests == []
    assert embedded_files(pdf) == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///work/main/static/pdf/pdf.css",
        "http://127.0.0.1/static/pdf/pdf.css",
        "https://example.org/static/pdf/pdf.css",
        "ftp://example.org/x.css",
        "data:text/css,body{}",
        "https://dcfp-pdf.invalid/media/upload.png",
        "https://dcfp-pdf.invalid/static/pdf/pdf.css?x=1",
        "https://dcfp-pdf.invalid/static/../dcfp/settings/base.py",
        "https://dcfp-pdf.invalid/static/pdf/..%2f..%2fpdf/pdf.css",
        "https://dcfp-pdf.invalid/static/%2fetc%2fpasswd.css",
        "https://dcfp-pdf.invalid/static/pdf%5c..%5cpdf.css",
        "https://dcfp-pdf.invalid/static/js/app.js",
        "https://dcfp-pdf.invalid/static/pdf/missing.css",
        "https://dcfp-pdf.invalid:8443/static/pdf/pdf.css",
        "https://user@dcfp-pdf.invalid/static/pdf/pdf.css",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_stylesheet_font_or_image(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files_until_layout_is_done():
    fetcher = StaticOnlyFetcher()
    response = fetcher.fetch(BASE_URL + "static/pdf/pdf.css")
    assert response.content_type == "text/css"
    assert b"OFFICIAL-SENSITIVE" in response.read()
    font = fetcher.fetch(BASE_URL + "static/fonts/arimo/arimo-latin-400-normal.woff2")
    assert font.content_type == "font/woff2"

    fetcher.close()
    with pytest.raises(RefusedURL):
        fetcher.fetch(BASE_URL + "static/pdf/pdf.css")


NAME = "Zoë O'Brien – café"


def render_long(**kwargs) -> bytes:
    paragraphs = [f"{NAME} spoke to the school nurse about Łódź and Ştefan." + " More text." * 40] * 22
    return render_pdf("pdf/test/long.html", {"name": NAME, "paragraphs": paragraphs}, **kwargs)


def test_every_page_is_marked_official_sensitive_top_and_bottom_and_numbered(test_templates):
    pages = pages_text(render_long())

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, number
        assert f"Page {number} of {len(pages)}" in text
        assert f"Test record for {NAME}" in text  # the running title
        assert "TEST-0001" in text  # the running reference


def test_non_ascii_text_renders_in_the_embedded_font_and_reads_back_intact(test_templates):
    pdf = render_long()

    text = " ".join(pages_text(pdf))
    assert f"{NAME} spoke to the school nurse about Łódź and Ştefan." in text
    # Every glyph came from the bundled typeface (Latin and Latin Extended subsets), none from a system fallback.
    assert font_names(pdf) == {"Arimo", "Arimo-Bold", "Arimo-Latin-Extended"}


def test_names_in_other_scripts_fall_back_to_a_system_font_and_read_back_intact(test_templates):
    name = "Олександр Шевченко and محمد"  # Cyrillic and Arabic: outside the bundled subsets

    pdf = render_pdf("pdf/test/long.html", {"name": name, "paragraphs": [f"{name} was present."]})

    assert f"{name} was present." in " ".join(pages_text(pdf))
    assert font_names(pdf) - {"Arimo", "Arimo-Bold", "Arimo-Latin-Extended"}  # a system font (DejaVu) did it


def test_an_executive_copy_carries_the_readers_name_and_date_on_every_page(test_templates):
    watermark = "Copy for Zoë O'Brien <b>, 26 November 2026"

    pages = pages_text(render_long(watermark=watermark))

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        # Once across the page, once in the footer.
        assert text.count(watermark) == 2, (number, text)


def test_documents_are_tagged_for_screen_readers_with_title_language_and_classification(test_templates):
    reader = pypdf.PdfReader(io.BytesIO(render_long()))

    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Test record for {NAME}"
    assert reader.metadata.subject == "OFFICIAL-SENSITIVE"
    assert reader.metadata.author == "Devon Children and Families Partnership"


def test_a_document_without_a_reader_has_no_copy_line(test_templates):
    assert "Copy for" not in " ".join(pages_text(render_long()))

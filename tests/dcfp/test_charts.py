"""Charts: server-rendered SVG with the figures beside it as a table, no script or style sheet, and the
same chart inside a PDF."""

import io
import xml.etree.ElementTree as ET

import pypdf
from django.template.loader import render_to_string

from dcfp.charts import bar_chart
from dcfp.pdf import html_to_pdf

ROWS = [("Universal", 12), ("Early Help", 30), ("Targeted Help", 6), ("Specialist", 2)]


def _texts(svg: str) -> list[str]:
    return [(e.text or "") for e in ET.fromstring(svg).iter() if str(e.tag).endswith("text")]


def test_a_chart_names_every_bar_and_prints_its_number():
    chart = bar_chart("Decisions by level", ROWS, category_label="Level")
    texts = _texts(chart.svg)
    for label, value in ROWS:
        assert label in texts
        assert str(value) in texts
    assert "Decisions by level" in texts


def test_a_chart_carries_no_script_no_style_sheet_and_no_style_attribute():
    svg = bar_chart("Decisions by level", ROWS, category_label="Level").svg
    root = ET.fromstring(svg)
    tags = {str(e.tag).rsplit("}", 1)[-1] for e in root.iter()}
    assert not tags & {"script", "style"}
    assert not [e for e in root.iter() if "style" in e.attrib]
    assert "<script" not in svg and "javascript" not in svg.lower()


def test_colour_carries_no_meaning_every_bar_is_one_colour():
    root = ET.fromstring(bar_chart("Decisions by level", ROWS, category_label="Level").svg)
    fills = {e.get("fill") for e in root.iter() if "dcfp-chart__bar" in (e.get("class") or "")}
    assert fills == {"#1d70b8"}
    assert len([e for e in root.iter() if "dcfp-chart__bar" in (e.get("class") or "")]) == len(ROWS)


def test_the_chart_is_an_image_named_for_screen_readers():
    root = ET.fromstring(bar_chart("Decisions by level", ROWS, category_label="Level").svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Bar chart: Decisions by level. The same figures are in the table beside it."


def test_labels_are_text_never_markup():
    chart = bar_chart("Agencies", [("<script>alert(1)</script>", 1)], category_label="Agency")
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart.svg


def test_the_table_beside_the_chart_holds_every_figure_its_share_and_the_total():
    chart = bar_chart("Decisions by level", ROWS, category_label="Level")
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert html.count("<svg") == 1
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Decisions by level: figures</caption>' in html
    assert '<th scope="row" class="govuk-table__header">Early Help</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">30</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">60%</td>' in html  # 30 of 50
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">50</td>' in html


def test_an_empty_chart_says_so_in_words():
    chart = bar_chart("Decisions by level", [], category_label="Level")
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "No figures" in html
    assert chart.total == 0


def _pdf_text(body: str) -> str:
    pdf = html_to_pdf(f"<!DOCTYPE html><html lang='en-GB'><head><title>t</title></head><body>{body}</body></html>")
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_svg_itself_is_drawn_in_a_pdf():
    text = _pdf_text(bar_chart("Decisions by level", ROWS, category_label="Level").svg)
    assert "Decisions by level" in text
    for label, _value in ROWS:
        assert label in text


def test_the_chart_with_its_table_renders_in_a_pdf():
    chart = bar_chart("Decisions by level", ROWS, category_label="Level")
    text = _pdf_text(render_to_string("includes/chart.html", {"chart": chart}))
    assert "Decisions by level: figures" in text
    assert "Total" in text and "50" in text

"""Server-rendered SVG charts (pygal), always shown with the same figures as a table.

A chart is for people who would rather look than read; the table beside it carries the same figures
for everyone else (screen readers, printing, copying). So:

- every chart is built from rows of (label, number), and `templates/includes/chart.html` renders the
  SVG and a table of those rows side by side; never render `Chart.svg` on its own;
- meaning never rests on colour: one series in one colour, each bar named on its axis and its number
  printed at its end;
- the SVG carries no script and no style sheet (pygal embeds both): its look is set in presentation
  attributes, so it obeys the content security policy of the pages and renders the same in a PDF
  (WeasyPrint draws inline SVG).

Usage::

    from dcfp.charts import bar_chart

    chart = bar_chart("Decisions by level", [("Universal", 12), ("Early Help", 30)], category_label="Level")
    # in a template: {% include "includes/chart.html" with chart=chart %}
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

# GOV.UK Frontend colours: bar blue, text black, guide grey. Contrast with white is above 4.5:1.
BAR = "#1d70b8"
TEXT = "#0b0c0c"
GUIDE = "#b1b4b6"
AXIS = "#505a5f"
FONT = "Arimo, Arial, sans-serif"
WIDTH = 640
ROW_HEIGHT = 30
# Pygal's own parts that need a script or a style sheet to make sense: removed.
_DROP_TAGS = {"script", "style", "desc", "title"}
_DROP_CLASSES = {"tooltip-overlay", "overlay"}


@dataclass(frozen=True)
class Chart:
    """A rendered chart and the figures behind it (for the table beside it)."""

    title: str
    category_label: str
    value_label: str
    rows: list[tuple[str, int]]
    svg: SafeString
    total: int = field(default=0)

    @property
    def table_rows(self) -> list[tuple[str, int, str]]:
        """(label, number, share of the total in words) for each row."""
        return [(label, value, _share(value, self.total)) for label, value in self.rows]


def _share(value: int, total: int) -> str:
    if not total:
        return "0%"
    return f"{round(100 * value / total)}%"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _style(root: ET.Element) -> None:
    """Drop pygal's script, style sheet and tooltips; give every part its look as attributes."""
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) in _DROP_TAGS or _classes(child) & _DROP_CLASSES:
                parent.remove(child)
    for axis in root.iter():
        classes = _classes(axis)
        if "axis" in classes and _local(str(axis.tag)) == "g":
            anchor = "end" if "y" in classes else "middle"
            for text in axis.iter():
                if _local(str(text.tag)) == "text":
                    text.set("text-anchor", anchor)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag, classes = _local(element.tag), _classes(element)
        if tag == "rect" and "background" in classes:
            element.set("fill", "#ffffff")
        elif tag == "rect" and "reactive" in classes:
            element.set("fill", BAR)
        elif tag == "path" and "line" in classes:
            element.set("stroke", AXIS if "axis" in classes else GUIDE)
            element.set("stroke-width", "1")
            element.set("fill", "none")
        elif tag == "text":
            element.set("fill", TEXT)
            element.set("font-family", FONT)
            element.set("font-size", "18" if "title" in classes else "14")
            if "title" in classes:
                element.set("font-weight", "bold")
                element.set("text-anchor", "middle")
            if "value" in classes:
                element.set("text-anchor", "start")
                element.set("dx", "4")
        element.attrib.pop("style", None)


def bar_chart(
    title: str,
    rows: Iterable[tuple[str, int]],
    *,
    category_label: str,
    value_label: str = "Number",
) -> Chart:
    """A horizontal bar chart of (label, number) rows, in the order given (first row at the top)."""
    rows = [(str(label), int(value)) for label, value in rows]
    config = pygal.Config(
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        print_values_position="top",
        width=WIDTH,
        height=max(140, 90 + ROW_HEIGHT * len(rows)),
        truncate_label=40,
        show_y_guides=False,
        margin=16,
        no_data_text="No figures",
        # The sizes pygal measures labels with, to leave room for them; the look itself is set after.
        style=Style(
            font_family=FONT, label_font_size=14, major_label_font_size=14, value_font_size=14, title_font_size=18
        ),
    )
    chart = pygal.HorizontalBar(config)
    chart.title = title
    # Pygal draws the first label at the bottom; reversed, the chart reads top down like the table.
    chart.x_labels = [label for label, _ in reversed(rows)]
    chart.add(value_label, [value for _, value in reversed(rows)])
    root = chart.render_tree()
    _style(root)
    root.set("role", "img")
    root.set("aria-label", f"Bar chart: {title}. The same figures are in the table beside it.")
    root.set("class", "dcfp-chart__svg")
    root.set("width", str(WIDTH))
    root.set("height", str(config.height))
    root.attrib.pop("id", None)
    svg = ET.tostring(root, encoding="unicode")
    return Chart(
        title=title,
        category_label=category_label,
        value_label=value_label,
        rows=rows,
        svg=mark_safe(svg),  # noqa: S308 - built by pygal from escaped text, then by ElementTree
        total=sum(value for _, value in rows),
    )

"""The notification record as a PDF, and each Executive member's personal, watermarked copy.

These functions only render: the views that serve them check permission and record the access
(dcfp.audit.services.access) before calling them.
"""

from datetime import date

from django.utils import dateformat, timezone

from dcfp.pdf import render_pdf
from notifications import criteria
from notifications.models import Incident
from notifications.selectors import incident_clock

TEMPLATE = "pdf/notifications/record.html"


def _context(incident: Incident) -> dict:
    children = list(incident.children.select_related("normally_resident_area"))
    agreements = list(incident.agreements.select_related("person", "organisation").order_by("round", "at", "id"))
    today = timezone.localdate()
    return {
        "incident": incident,
        "children": [{"child": child, "age": child.age_on(incident.occurred_on)} for child in children],
        "agencies": list(incident.agencies_involved.order_by("name")),
        "criteria": criteria.evaluate(incident, children),
        "agreements": agreements,
        "clock_state": incident_clock(incident, today),
        "generated_at": timezone.localtime(),
    }


def render_notification_record(incident: Incident) -> bytes:
    """The full notification record: the incident, its children, the criteria reasoning, the clock,
    the agreements and the national notification."""
    return render_pdf(TEMPLATE, _context(incident))


def render_executive_copy(incident: Incident, reader, on_date: date) -> bytes:
    """The notification record as copied to one Executive member: every page carries their name and
    the date, diagonally across the page and in the footer."""
    watermark = f"Copy for {reader.full_name}, {dateformat.format(on_date, 'j F Y')}"
    return render_pdf(TEMPLATE, {**_context(incident), "reader": reader}, watermark=watermark)

"""The notification record PDF and the Executive member's watermarked copy, from incidents made through
the services. Text is read back from the PDF with pypdf."""

import io
import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdf
import pytest

from notifications import services
from notifications.models import Child, Incident
from notifications.pdf import render_executive_copy, render_notification_record
from tests.notifications.conftest import child_values

LONDON = ZoneInfo("Europe/London")


pytestmark = pytest.mark.usefixtures("on_26_november_2026")


def pages_text(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def has_embedded_files(pdf: bytes) -> bool:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    annotations = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]
    return bool(reader.attachments) or any(a.get("/Subtype") == "/FileAttachment" for a in annotations)


@pytest.fixture
def notified(make_incident, csprg, qa_chair, partner_rep, executive, police, school, devon, time_machine):
    """A notified incident with two children and two agencies, agreed and submitted on time (on
    5 November); the clock then returns to 26 November."""
    incident = make_incident(
        themes=[Incident.Theme.DOMESTIC_ABUSE, Incident.Theme.OTHER],
        theme_other="Parental substance misuse",
        summary="A baby was admitted to hospital with unexplained fractures.\nHer brother was at home.",
        agencies_involved=[police, school],
        children=[
            child_values(name="Zoë O'Brien", local_identifier="LA-001"),
            child_values(
                name="Łukasz Nowak",
                date_of_birth=None,
                age_years=4,
                sex=Child.Sex.MALE,
                ethnicity="White Polish",
                legal_status=Child.LegalStatus.CHILD_PROTECTION,
                normally_resident_area=devon,
                local_identifier="LA-002",
            ),
        ],
    )
    time_machine.move_to(datetime(2026, 11, 5, 14, 0, tzinfo=LONDON), tick=False)
    services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    services.incident_agree(incident=incident, actor=partner_rep, reason="Agreed at the partners' call.")
    time_machine.move_to(datetime(2026, 11, 5, 15, 45, tzinfo=LONDON), tick=False)
    notified = services.incident_record_notified(
        incident=incident,
        actor=csprg,
        national_reference="NSIN-2026-04711",
        submitted_at=datetime(2026, 11, 5, 15, 30, tzinfo=LONDON),
    )
    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=LONDON), tick=False)
    return notified


def test_the_record_shows_the_incident_children_reasoning_clock_agreements_and_national_reference(
    notified, qa_chair, partner_rep
):
    pages = pages_text(render_notification_record(notified))
    text = " ".join(pages)

    for expected in [
        "Serious incident notification record",
        notified.reference,
        "Status: Notified",
        "Date of incident 2 November 2026",
        "Date the authority became aware 3 November 2026",
        "Nature Serious harm",
        "Where it happened Devon",
        "Abuse or neglect Suspected",
        "Categories Physical abuse",
        "Themes Domestic abuse, Other: Parental substance misuse",
        "Devon and Cornwall Police",
        "Exe Valley Primary School",
        "A baby was admitted to hospital with unexplained fractures. Her brother was at home.",
        "The children (2)",
        "Child 1 of 2: Zoë O'Brien",
        "1 May 2026 (aged 0 on the date of the incident)",
        "Child 2 of 2: Łukasz Nowak",
        "Aged 4 (date of birth not known)",
        "Legal status Child protection plan",
        "Ethnicity White Polish",
        "Local identifier LA-002",
        "The criteria for notification appear to be met: Serious incident (Children Act 2004 s16C(1)).",
        "Abuse or neglect is suspected.",
        "Zoë O'Brien was seriously harmed in the partnership's area.",
        "Recommended outcome Notifiable",
        "Due Tuesday 10 November 2026",
        "Met on time",
        "Met on 5 November 2026",
        f"{qa_chair.full_name} QA Group chair, Devon County Council",
        f"{partner_rep.full_name} Safeguarding Partner representative, Devon and Cornwall Police",
        "Agreed: notifiable",
        "Agreed at the partners' call.",
        "National reference NSIN-2026-04711",
        "Submitted 5 November 2026 at 15:30",
    ]:
        assert expected in text, expected
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in page
    assert "Copy for" not in text


def test_an_executive_copy_has_the_readers_name_and_the_date_on_every_page(notified, executive):
    pdf = render_executive_copy(notified, executive, date(2026, 11, 26))

    pages = pages_text(pdf)
    copy_line = f"Copy for {executive.full_name}, 26 November 2026"
    for number, page in enumerate(pages, start=1):
        assert page.count(copy_line) == 2, number  # across the page and in the footer
        assert page.count("OFFICIAL-SENSITIVE") == 2
    assert f"for {executive.full_name}." in pages[0]
    assert notified.reference in pages[0]


def test_case_content_that_looks_like_markup_is_printed_not_obeyed(make_incident, caplog):
    hostile = (
        '<img src="file:///etc/passwd"><link rel="attachment" href="http://127.0.0.1:9/x">'
        '<style>@import "http://127.0.0.1:9/x.css";</style>'
    )
    incident = make_incident(summary=f"Summary {hostile}", children=[child_values(name="<b>Child</b> A")])
    caplog.set_level(logging.WARNING, logger="dcfp.pdf")

    pdf = render_notification_record(incident)

    text = " ".join(pages_text(pdf))
    assert f"Summary {hostile}" in text
    assert "<b>Child</b> A" in text
    # Escaped text never becomes a request, so the fetcher was not even asked.
    assert [r.getMessage() for r in caplog.records if r.name == "dcfp.pdf"] == []
    assert not has_embedded_files(pdf)


def test_a_draft_record_says_nobody_has_decided_and_nothing_was_submitted(make_incident):
    incident = make_incident(
        abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED,
        categories=[],
        outcome_recommended=Incident.Outcome.NOT_NOTIFIABLE,
        not_notifiable_rationale="No abuse or neglect is known or suspected: an accident at home.",
    )

    text = " ".join(pages_text(render_notification_record(incident)))

    assert "Status: Draft" in text
    assert "The criteria for notification appear not to be met." in text
    assert "Why it is not notifiable No abuse or neglect is known or suspected: an accident at home." in text
    assert "No one has decided yet." in text
    assert "Not yet submitted to the national notification system" in text
    assert "State Overdue" in text  # due 10 November 2026, produced on 26 November


def test_a_withdrawn_record_gives_the_reason(make_incident, csprg):
    incident = make_incident()
    incident = services.incident_withdraw(incident=incident, actor=csprg, reason="Logged twice by mistake.")

    text = " ".join(pages_text(render_notification_record(incident)))

    assert "Outcome Withdrawn" in text
    assert "Reason Logged twice by mistake." in text
    assert "State Stopped" in text

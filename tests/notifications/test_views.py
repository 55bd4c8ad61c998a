"""Notification pages as people use them: the form keeps what was typed, add another child without
JavaScript, the check-answers page, decisions, outcomes, and 404 for everyone else."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from dcfp.audit.models import AuditEvent
from dcfp.copies.models import Copy
from notifications.models import Incident
from tests.conftest import assert_not_found

pytestmark = pytest.mark.django_db


def form_data(devon, **overrides) -> dict:
    data = {
        "occurred_on": "2026-11-02",
        "occurred_time": "",
        "aware_on": "2026-11-03",
        "nature": "serious_harm",
        "area": str(devon.pk),
        "abuse_or_neglect": "suspected",
        "categories": ["physical"],
        "themes": ["domestic_abuse"],
        "theme_other": "",
        "summary": "A baby was admitted with unexplained fractures.",
        "outcome_recommended": "notifiable",
        "not_notifiable_rationale": "",
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "1",
        "children-MAX_NUM_FORMS": "4",
        "children-0-name": "Ada Example",
        "children-0-date_of_birth": "2026-05-01",
        "children-0-age_years": "",
        "children-0-sex": "female",
        "children-0-gender": "",
        "children-0-ethnicity": "White British",
        "children-0-disability": "no",
        "children-0-legal_status": "child_in_need",
        "children-0-normally_resident_area": str(devon.pk),
        "children-0-local_identifier": "LA-1",
        "save": "1",
    }
    data.update(overrides)
    return split_dates(data)


def split_dates(data: dict) -> dict:
    """Post each ISO date as the page does: three boxes, <name>_day, <name>_month and <name>_year."""
    out: dict = {}
    for key, value in data.items():
        if key.endswith(DATE_NAMES) and isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            out |= {f"{key}_day": str(int(day)), f"{key}_month": str(int(month)), f"{key}_year": year}
        else:
            out[key] = value
    return out


DATE_NAMES = ("occurred_on", "aware_on", "date_of_birth", "submitted_on")


def test_sending_for_agreement_from_check_answers(sign_in, csprg, make_incident):
    incident = make_incident()
    response = sign_in(csprg).post(reverse("notifications:check", args=[incident.pk]))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.Status.AWAITING_AGREEMENT


def test_the_qa_chair_agrees_on_the_decision_page(sign_in, qa_chair, awaiting):
    client = sign_in(qa_chair)
    decide_url = reverse("notifications:decide", args=[awaiting.pk])
    assert decide_url in client.get(reverse("notifications:awaiting")).content.decode()
    response = client.post(decide_url, {"decision": "agree"})
    assert response.status_code == 302
    assert awaiting.agreements.get().person == qa_chair
    assert decide_url not in client.get(reverse("notifications:awaiting")).content.decode()


def test_a_disagreement_without_a_reason_is_asked_for_one(sign_in, partner_rep, awaiting):
    response = sign_in(partner_rep).post(reverse("notifications:decide", args=[awaiting.pk]), {"decision": "disagree"})
    assert response.status_code == 400
    assert "Explain why you do not agree" in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == Incident.Status.AWAITING_AGREEMENT


def test_a_council_partner_rep_is_refused_the_decision_page(sign_in, council_rep, qa_chair, awaiting):
    assert sign_in(council_rep).get(reverse("notifications:decide", args=[awaiting.pk])).status_code == 403


def test_csprg_records_the_notification(sign_in, csprg, agreed):
    now = timezone.localtime()  # just after the agreement
    response = sign_in(csprg).post(
        reverse("notifications:notified", args=[agreed.pk]),
        split_dates(
            {"national_reference": "SIN-42", "submitted_on": now.date().isoformat(), "submitted_time": f"{now:%H:%M}"}
        ),
    )
    assert response.status_code == 302
    agreed.refresh_from_db()
    assert agreed.status == Incident.Status.NOTIFIED and agreed.national_reference == "SIN-42"


def test_withdrawing_needs_a_reason(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    response = client.post(reverse("notifications:withdraw", args=[incident.pk]), {"reason": ""})
    assert "Explain why the incident is withdrawn" in response.content.decode()
    client.post(reverse("notifications:withdraw", args=[incident.pk]), {"reason": "Duplicate."})
    incident.refresh_from_db()
    assert incident.status == Incident.Status.WITHDRAWN


def test_reading_the_detail_page_is_recorded(sign_in, qa_chair, make_incident):
    incident = make_incident()
    response = sign_in(qa_chair).get(reverse("notifications:detail", args=[incident.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action="notifications.incident.view", actor=qa_chair, category="access", target_id=str(incident.pk)
    ).exists()


def test_the_detail_page_shows_the_timeline_of_every_event(sign_in, csprg, agreed):
    html = sign_in(csprg).get(reverse("notifications:detail", args=[agreed.pk])).content.decode()
    for text in (
        "Logged as a draft",
        "Submitted for agreement",
        "Agreed as QA Group chair",
        "Copied to an Executive member",
    ):
        assert text in html


@pytest.mark.parametrize("who", ["other_agency", "agency_lead", "practitioner", "reviewer", "admin_user", "qa_member"])
def test_other_people_get_404_on_every_notification_page(request, sign_in, who, agreed):
    client = sign_in(request.getfixturevalue(who))
    for name in (
        "detail",
        "edit_when",
        "check",
        "decide",
        "notified",
        "conclude",
        "withdraw",
        "record_pdf",
        "executive_copy_pdf",
    ):
        assert_not_found(client.get(reverse(f"notifications:{name}", args=[agreed.pk])))
    assert_not_found(client.get(reverse("notifications:list")))
    assert_not_found(client.get(reverse("notifications:awaiting")))


def test_an_executive_member_sees_nothing_until_it_is_copied(sign_in, executive, awaiting):
    client = sign_in(executive)
    assert_not_found(client.get(reverse("notifications:detail", args=[awaiting.pk])))
    assert awaiting.reference not in client.get(reverse("notifications:list")).content.decode()


def test_the_executive_can_read_but_not_change(sign_in, executive, agreed):
    client = sign_in(executive)
    assert client.get(reverse("notifications:detail", args=[agreed.pk])).status_code == 200
    assert agreed.reference in client.get(reverse("notifications:list")).content.decode()
    assert client.post(reverse("notifications:withdraw", args=[agreed.pk]), {"reason": "x"}).status_code == 403
    assert (
        client.post(
            reverse("notifications:notified", args=[agreed.pk]),
            split_dates({"national_reference": "X", "submitted_on": "2026-11-04", "submitted_time": "10:00"}),
        ).status_code
        == 403
    )
    agreed.refresh_from_db()
    assert agreed.status == Incident.Status.AGREED


def test_the_executive_copy_is_only_for_its_member(sign_in, executive, csprg, agreed):
    response = sign_in(executive).get(reverse("notifications:executive_copy_pdf", args=[agreed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Copy.objects.get(object_id=agreed.pk, member=executive).open_count == 1
    assert_not_found(sign_in(csprg).get(reverse("notifications:executive_copy_pdf", args=[agreed.pk])))


def test_the_executive_gets_only_the_watermarked_copy_not_the_unmarked_record(sign_in, executive, agreed):
    client = sign_in(executive)
    assert_not_found(client.get(reverse("notifications:record_pdf", args=[agreed.pk])))
    html = client.get(reverse("notifications:detail", args=[agreed.pk])).content.decode()
    assert "Open your Executive copy (PDF)" in html
    assert "Download the notification record" not in html


def test_the_notification_record_pdf_is_recorded_when_downloaded(sign_in, csprg, agreed):
    response = sign_in(csprg).get(reverse("notifications:record_pdf", args=[agreed.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="notifications.incident.pdf", actor=csprg, category="access").exists()


def test_the_detail_page_says_whose_agreement_is_still_needed(sign_in, csprg, qa_chair, awaiting):
    from notifications import services as s

    s.incident_agree(incident=awaiting, actor=qa_chair)
    html = sign_in(csprg).get(reverse("notifications:detail", args=[awaiting.pk])).content.decode()
    assert "Still needed in this round:" in html
    assert "A representative of another Safeguarding Partner" in html
    assert "<li>The QA Group chair</li>" not in html


def test_recording_as_notified_asks_for_a_real_submission_date(sign_in, csprg, agreed):
    response = sign_in(csprg).post(
        reverse("notifications:notified", args=[agreed.pk]),
        {
            "national_reference": "SIN-42",
            "submitted_on_day": "4",
            "submitted_on_month": "11",
            "submitted_on_year": "",
            "submitted_time": "10:00",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_submitted_on_year">Date submitted must include a year</a>' in html
    assert 'name="submitted_on_day" type="text" inputmode="numeric" value="4"' in html


def test_the_list_filters_by_aware_dates_typed_as_day_month_and_year(sign_in, csprg, make_incident):
    early = make_incident(occurred_on=date(2026, 10, 1), aware_on=date(2026, 10, 2))
    late = make_incident(occurred_on=date(2026, 11, 2), aware_on=date(2026, 11, 3))
    client = sign_in(csprg)
    html = client.get(
        reverse("notifications:list"), {"aware_from_day": "1", "aware_from_month": "11", "aware_from_year": "2026"}
    ).content.decode()
    assert late.reference in html and early.reference not in html
    assert 'name="aware_from_month" type="text" inputmode="numeric" value="11"' in html


def test_a_filter_date_that_is_not_real_is_explained_and_kept(sign_in, csprg, make_incident):
    html = (
        sign_in(csprg)
        .get(reverse("notifications:list"), {"aware_to_day": "30", "aware_to_month": "2", "aware_to_year": "2026"})
        .content.decode()
    )
    assert "Aware to must be a real date" in html
    assert 'name="aware_to_day" type="text" inputmode="numeric" value="30"' in html

"""Rapid review pages: what each person sees, the playbook, conflicts and kept drafts, audited reads."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from dcfp.accounts.models import Draft
from dcfp.audit.models import AuditEvent
from notifications.models import Child, Incident
from rapid_reviews import services
from rapid_reviews.models import AgencySummary, RapidReview
from tests.conftest import signed_in
from tests.notifications.conftest import child_values
from tests.rapid_reviews.conftest import LONDON

pytestmark = pytest.mark.django_db


def test_the_detail_page_shows_the_playbook_with_dates_and_today_marked(sign_in, csprg, review):
    page = sign_in(csprg).get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Today is Thursday 12 November 2026" in page
    # Day 1 is Friday 6 November; days 2 to 10 run from 9 to 19 November, which covers today.
    assert "6 Nov 2026" in page and "9 Nov 2026 to 19 Nov 2026" in page
    assert page.count('class="dcfp-playbook__today"') == 1
    assert '<span class="govuk-visually-hidden">Clock: </span>On track' in page
    assert "Public Health Nursing" in page and "Exe Valley Primary School" in page


def test_reading_a_review_is_recorded_in_the_audit_trail(sign_in, qa_chair, review):
    sign_in(qa_chair).get(reverse("rapid_reviews:detail", args=[review.pk]))
    assert AuditEvent.objects.filter(
        actor=qa_chair, action="rapid_reviews.review.view", target_id=str(review.pk)
    ).exists()


def test_the_start_page_says_why_no_review_is_needed_for_a_care_leavers_death(sign_in, csprg, make_notified):
    incident = make_notified(
        nature=Incident.Nature.DEATH,
        abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED,
        categories=[],
        themes=[],
        children=[child_values(legal_status=Child.LegalStatus.CARE_LEAVER, died=True, date_of_birth=date(2006, 1, 1))],
    )
    client = sign_in(csprg)
    page = client.get(reverse("rapid_reviews:start", args=[incident.pk])).content.decode()
    assert "No rapid review can be opened" in page
    assert "care leaver" in page
    assert client.post(reverse("rapid_reviews:start", args=[incident.pk])).status_code == 400
    assert not RapidReview.objects.exists()


def test_the_csprg_opens_a_review_from_the_list_of_notified_incidents(sign_in, csprg, make_notified):
    incident = make_notified()
    client = sign_in(csprg)
    assert (
        f"Open the rapid review of {incident.reference}" in client.get(reverse("rapid_reviews:list")).content.decode()
    )
    response = client.post(reverse("rapid_reviews:start", args=[incident.pk]))
    review = RapidReview.objects.get()
    assert response["Location"] == reverse("rapid_reviews:detail", args=[review.pk])


def test_an_agency_lead_writes_their_summary_and_gets_404_on_another_agencys(sign_in, agency_lead, review):
    own = review.summaries.get(organisation=agency_lead.organisation)
    other = review.summaries.exclude(organisation=agency_lead.organisation).get()
    client = sign_in(agency_lead)
    page = client.get(reverse("rapid_reviews:summary", args=[own.pk])).content.decode()
    assert "Child A, born 1 May 2026" in page
    data = dict.fromkeys(AgencySummary.SECTIONS, "Typed.") | {"version": "1", "submit": "1"}
    assert client.post(reverse("rapid_reviews:summary", args=[own.pk]), data).status_code == 302
    own.refresh_from_db()
    assert own.status == AgencySummary.Status.SUBMITTED
    assert client.get(reverse("rapid_reviews:summary", args=[other.pk])).status_code == 404
    assert client.get(reverse("rapid_reviews:detail", args=[review.pk])).status_code == 404
    assert AuditEvent.objects.filter(actor=agency_lead, action="rapid_reviews.summary.view").count() == 1


def test_submitting_an_incomplete_summary_keeps_what_was_typed_and_says_what_is_missing(sign_in, agency_lead, review):
    own = review.summaries.get(organisation=agency_lead.organisation)
    response = sign_in(agency_lead).post(
        reverse("rapid_reviews:summary", args=[own.pk]),
        {"involvement": "Three home visits.", "version": "1", "submit": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Enter what went well" in page
    assert "Three home visits." in page
    own.refresh_from_db()
    assert own.status == AgencySummary.Status.REQUESTED


def test_two_people_saving_one_section_get_a_conflict_and_keep_what_they_typed(sign_in, client, csprg, review):
    from django.test import Client

    from tests.factories import UserFactory

    colleague = UserFactory(organisation=csprg.organisation, roles=["csprg"])
    url = reverse("rapid_reviews:section", args=[review.pk, "facts"])
    assert signed_in(Client(), colleague).post(url, {"text": "Their chronology.", "version": "1"}).status_code == 302
    response = sign_in(csprg).post(url, {"text": "My chronology.", "version": "1"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert "My chronology." in page and "Their chronology." in page
    # Saving again, from the version now shown, replaces theirs on purpose.
    assert sign_in(csprg).post(url, {"text": "My chronology.", "version": "2"}).status_code == 302
    assert review.sections.get(key="facts").text == "My chronology."


def test_a_section_posted_after_the_session_timed_out_is_kept_and_restored(client, csprg, review):
    url = reverse("rapid_reviews:section", args=[review.pk, "learning"])
    start = datetime(2026, 11, 12, 12, 0, tzinfo=LONDON)
    with time_machine.travel(start, tick=False):
        signed_in(client, csprg)
        client.get(url)
    with time_machine.travel(start + timedelta(minutes=45), tick=False):
        response = client.post(url, {"text": "What the agencies learned.", "version": "1"})
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        assert Draft.objects.filter(user=csprg, path=url).exists()
        assert review.sections.get(key="learning").text == ""
        signed_in(client, csprg)
        page = client.get(url).content.decode()
        assert "What the agencies learned." in page
        assert "We put back what you had typed" in page


def test_partner_sign_off_and_endorsement_pages(sign_in, make_review_at, partner_rep, executive, council_signer):
    review = make_review_at("sign_off")
    page = sign_in(partner_rep).get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Sign off for your organisation" in page and "Still to sign off" in page
    assert sign_in(partner_rep).post(reverse("rapid_reviews:sign_off", args=[review.pk])).status_code == 302
    assert sign_in(partner_rep).get(reverse("rapid_reviews:sign_off", args=[review.pk])).status_code == 403
    # The Executive member sees nothing until every partner has signed off and it is copied to them.
    assert sign_in(executive).get(reverse("rapid_reviews:detail", args=[review.pk])).status_code == 404


def test_the_executive_declines_with_a_reason_and_the_csprg_sees_it(sign_in, make_review_at, executive, csprg):
    review = make_review_at("signed")
    client = sign_in(executive)
    response = client.post(reverse("rapid_reviews:endorse", args=[review.pk]), {"decision": "decline"})
    assert response.status_code == 400 and "Explain why you do not endorse it" in response.content.decode()
    client.post(
        reverse("rapid_reviews:endorse", args=[review.pk]), {"decision": "decline", "reason": "More on housing."}
    )
    page = sign_in(csprg).get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Not endorsed because" in page and "More on housing." in page


def test_recording_sent_and_the_panels_reply(sign_in, make_review_at, csprg):
    review = make_review_at("ready", outcome="c", reg11=["recurrent"])
    client = sign_in(csprg)
    future = {"sent_on_day": "13", "sent_on_month": "11", "sent_on_year": "2026"}
    response = client.post(reverse("rapid_reviews:sent", args=[review.pk]), future)
    assert response.status_code == 400 and "must be today or in the past" in response.content.decode()
    client.post(reverse("rapid_reviews:sent", args=[review.pk]), {**future, "sent_on_day": "12"})
    review.refresh_from_db()
    assert review.status == RapidReview.Status.SENT and review.sent_on == date(2026, 11, 12)
    page = client.get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Met on time" in page


def test_the_dashboard_gives_each_role_its_part(sign_in, review, csprg, agency_lead, make_notified):
    waiting = make_notified()
    page = sign_in(csprg).get(reverse("dashboard")).content.decode()
    assert "Rapid reviews by clock" in page and review.reference in page
    assert "Notified incidents awaiting a rapid review" in page and waiting.reference in page
    page = sign_in(agency_lead).get(reverse("dashboard")).content.decode()
    assert "Agency summaries to write" in page and review.reference in page


def test_a_returned_summary_can_be_written_again(sign_in, agency_lead, csprg, review):
    summary = review.summaries.get(organisation=agency_lead.organisation)
    sections = dict.fromkeys(AgencySummary.SECTIONS, "Written.")
    summary = services.summary_submit(summary=summary, actor=agency_lead, version=1, sections=sections)
    sign_in(csprg).post(reverse("rapid_reviews:summary_return", args=[summary.pk]), {"reason": "Add dates."})
    page = sign_in(agency_lead).get(reverse("rapid_reviews:summary", args=[summary.pk])).content.decode()
    assert "Returned because" in page and "Add dates." in page and "Submit the summary" in page

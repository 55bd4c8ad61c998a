"""Local reviews: commissioning, the reviewer who sees only their own reviews, the 6-month clock and
extensions, written requests, the publication rule, and recommendations turned into agency actions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from rapid_reviews import permissions, services
from rapid_reviews.models import Action, LocalReview
from tests.factories import UserFactory
from tests.rapid_reviews.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_local_review_is_due_6_calendar_months_after_the_decision(local_review):
    assert local_review.decided_on == date(2026, 11, 12)
    assert local_review.due_on == local_review.original_due_on == date(2027, 5, 12)
    assert local_review.reference.startswith("LR-")


def test_31_august_plus_6_months_is_the_end_of_february(time_machine, make_review_at, csprg):
    from dcfp.deadlines import local_review_due

    assert local_review_due(date(2027, 8, 31)) == date(2028, 2, 29)
    assert local_review_due(date(2026, 8, 31)) == date(2027, 2, 28)


def test_only_outcome_c_or_the_panels_request_commissions_a_local_review(make_review_at, csprg):
    review = make_review_at("sent")  # outcome (b)
    with pytest.raises(services.InvalidTransition):
        services.local_review_commission(rapid_review=review, actor=csprg, decided_on=TODAY)
    review = services.review_record_panel_reply(review=review, actor=csprg, reply="local_review", replied_on=TODAY)
    local = services.local_review_commission(rapid_review=review, actor=csprg, decided_on=TODAY)
    assert local.source == LocalReview.Source.PANEL


def test_the_reviewer_sees_only_their_own_local_review_and_nothing_else(
    sign_in, under_way, reviewer, csprg, make_review_at
):
    client = sign_in(reviewer)
    assert client.get(reverse("rapid_reviews:local", args=[under_way.pk])).status_code == 200
    assert list(permissions.visible_local_reviews(reviewer)) == [under_way]
    rapid = under_way.rapid_review
    for url in [
        reverse("rapid_reviews:detail", args=[rapid.pk]),
        reverse("rapid_reviews:list"),
        reverse("notifications:detail", args=[rapid.incident_id]),
        reverse("notifications:list"),
        reverse("rapid_reviews:summaries"),
        reverse("rapid_reviews:actions"),
    ]:
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(actor=reviewer, action="rapid_reviews.local.view").count() == 1


def test_a_replaced_reviewer_loses_access_at_once(under_way, csprg, reviewer):
    other = UserFactory(organisation=reviewer.organisation, roles=["reviewer"])
    services.local_review_appoint_reviewer(review=under_way, actor=csprg, reviewer=other)
    assert not permissions.can_view_local_review(reviewer, under_way)
    assert permissions.can_view_local_review(other, under_way)


def test_only_a_person_with_the_reviewer_role_is_appointed(local_review, csprg, practitioner):
    with pytest.raises(ValidationError):
        services.local_review_appoint_reviewer(review=local_review, actor=csprg, reviewer=practitioner)


def test_an_extension_needs_a_reason_and_the_qa_chairs_approval_and_keeps_the_original_date(
    sign_in, under_way, csprg, qa_chair
):
    with pytest.raises(ValidationError):
        services.extension_request(review=under_way, actor=csprg, new_due_on=date(2027, 7, 1), reason=" ")
    extension = services.extension_request(
        review=under_way, actor=csprg, new_due_on=date(2027, 7, 1), reason="The family asked to take part."
    )
    assert Message.objects.filter(recipient=qa_chair, subject__contains="Extension").exists()
    with pytest.raises(PermissionDenied):
        services.extension_decide(extension=extension, actor=csprg, approve=True)
    services.extension_decide(extension=extension, actor=qa_chair, approve=True)
    under_way.refresh_from_db()
    assert under_way.due_on == date(2027, 7, 1)
    assert under_way.original_due_on == date(2027, 5, 12)
    page = sign_in(csprg).get(reverse("rapid_reviews:local", args=[under_way.pk])).content.decode()
    assert "Original date: 12 May 2027 (extended)" in page


def test_the_reviewer_is_asked_in_writing_and_the_reply_is_kept(sign_in, under_way, csprg, reviewer):
    request = services.request_ask(review=under_way, actor=csprg, kind="draft", text="Please send the first draft.")
    assert Message.objects.filter(recipient=reviewer, subject__contains="Request for a draft").exists()
    response = sign_in(reviewer).post(
        reverse("rapid_reviews:local_request_reply", args=[request.pk]), {"reply": "Attached to follow by post."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.reply == "Attached to follow by post." and request.replied_by == reviewer
    with pytest.raises(PermissionDenied):
        services.request_reply(request=request, actor=reviewer, reply="Again.")


def test_a_publication_date_under_7_working_days_after_sending_is_refused_naming_the_earliest(
    sign_in, under_way, csprg, time_machine
):
    from datetime import datetime

    from tests.rapid_reviews.conftest import LONDON

    time_machine.move_to(datetime(2026, 12, 21, 12, 0, tzinfo=LONDON), tick=False)
    # Sent Monday 21 December 2026: 22, 23, 24, 29, 30, 31 December and 4 January are the 7 working days
    # (25 and 28 December and 1 January are bank holidays), so the earliest publication is 4 January 2027.
    review = services.local_review_record_sent(review=under_way, actor=csprg, sent_on=date(2026, 12, 21), what="report")
    client = sign_in(csprg)
    url = reverse("rapid_reviews:local_publication", args=[review.pk])
    early = {
        "publication_on_day": "31",
        "publication_on_month": "12",
        "publication_on_year": "2026",
        "published_url": "https://example.org/lcspr",
    }
    response = client.post(url, early)
    assert response.status_code == 400
    assert "the earliest allowed is 4 January 2027" in response.content.decode()
    assert (
        client.post(
            url, {**early, "publication_on_day": "4", "publication_on_month": "1", "publication_on_year": "2027"}
        ).status_code
        == 302
    )
    review.refresh_from_db()
    assert review.status == LocalReview.Status.PUBLISHED and review.publication_on == date(2027, 1, 4)


def test_not_publishing_needs_a_reason(under_way, csprg):
    review = services.local_review_record_sent(review=under_way, actor=csprg, sent_on=TODAY, what="improvements")
    with pytest.raises(ValidationError):
        services.local_review_record_not_publishing(review=review, actor=csprg, reason="")
    with pytest.raises(services.InvalidTransition):
        services.local_review_record_publication(
            review=review, actor=csprg, publication_on=date(2027, 1, 4), published_url="https://x.test"
        )
    review = services.local_review_record_not_publishing(review=review, actor=csprg, reason="The family's privacy.")
    assert review.clock_state(TODAY).value == "met_on_time"


def test_actions_belong_to_an_agency_whose_leads_alone_update_them(
    sign_in, under_way, csprg, agency_lead, other_agency, qa_member, practitioner
):
    recommendation = services.recommendation_add(review=under_way, actor=csprg, text="Share health visiting concerns.")
    action = services.action_add(
        recommendation=recommendation,
        actor=csprg,
        organisation=agency_lead.organisation,
        description="Add a safeguarding prompt to the health visiting record.",
        due_on=date(2027, 1, 29),
    )
    assert Message.objects.filter(recipient=agency_lead, subject__contains="New action").exists()
    assert list(permissions.visible_actions(agency_lead)) == [action]
    assert list(permissions.visible_actions(qa_member)) == [action]  # the QA Group sees all
    for outsider in (other_agency, practitioner):
        assert not permissions.visible_actions(outsider).exists()
        assert sign_in(outsider).get(reverse("rapid_reviews:action", args=[action.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.action_update(action=action, actor=csprg, text="Done.")
    client = sign_in(agency_lead)
    client.post(reverse("rapid_reviews:action", args=[action.pk]), {"text": "Prompt added; audit attached."})
    client.post(reverse("rapid_reviews:action", args=[action.pk]), {"text": "Rolled out.", "complete": "on"})
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETED and action.updates.count() == 2
    assert action.clock_state(TODAY).value == "met_on_time"


def test_the_reviewer_and_the_qa_chair_find_their_work_on_the_dashboard(sign_in, under_way, csprg, reviewer, qa_chair):
    services.request_ask(review=under_way, actor=csprg, kind="information", text="Dates of the meetings?")
    services.extension_request(review=under_way, actor=csprg, new_due_on=date(2027, 6, 1), reason="Criminal trial.")
    page = sign_in(reviewer).get(reverse("dashboard")).content.decode()
    assert "Your local reviews" in page and under_way.reference in page and "waiting for your reply" in page
    assert under_way.rapid_review.reference not in page.replace(under_way.reference, "")
    page = sign_in(qa_chair).get(reverse("dashboard")).content.decode()
    assert "Local review extensions awaiting your decision" in page and under_way.reference in page


def test_an_action_is_added_only_to_a_recommendation_of_the_review_in_the_address(
    sign_in, under_way, csprg, agency_lead
):
    rapid = under_way.rapid_review
    of_local = services.recommendation_add(review=under_way, actor=csprg, text="Share health visiting concerns.")
    of_rapid = services.recommendation_add(review=rapid, actor=csprg, text="Ask the GP at every visit.")
    client = sign_in(csprg)
    form = {
        "organisation": str(agency_lead.organisation_id),
        "description": "Add a prompt.",
        "due_on_day": "29",
        "due_on_month": "1",
        "due_on_year": "2027",
    }
    wrong = [
        reverse("rapid_reviews:local_action_add", args=[under_way.pk, of_rapid.pk]),
        reverse("rapid_reviews:action_add", args=[rapid.pk, of_local.pk]),
    ]
    for url in wrong:
        assert client.get(url).status_code == 404
        assert client.post(url, form).status_code == 404
    assert not Action.objects.exists()
    right = reverse("rapid_reviews:action_add", args=[rapid.pk, of_rapid.pk])
    assert client.get(right).status_code == 200
    assert client.post(right, form).status_code == 302
    assert list(Action.objects.values_list("recommendation_id", flat=True)) == [of_rapid.pk]
    page = client.get(reverse("rapid_reviews:local", args=[under_way.pk])).content.decode()
    assert reverse("rapid_reviews:local_action_add", args=[under_way.pk, of_local.pk]) in page

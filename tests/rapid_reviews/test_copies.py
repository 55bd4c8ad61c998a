"""The report and its outcome copied to the Executive through the shared copy mechanism: once every
Safeguarding Partner has signed off, told again when sent to the Panel, each member's own watermarked
PDF, and who opened it when."""

import io

import pypdf
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from dcfp import services as people
from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from dcfp.copies.models import CopiedDocument, Copy
from dcfp.copies.registry import kind_of
from rapid_reviews import permissions, services
from rapid_reviews.models import RapidReview, RapidReviewUserObjectPermission
from tests.factories import UserFactory
from tests.rapid_reviews.conftest import TODAY

pytestmark = pytest.mark.django_db


def _copies(review: RapidReview):
    return Copy.objects.filter(content_type=ContentType.objects.get_for_model(RapidReview), object_id=review.pk)


def _text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_report_is_copied_to_every_executive_member_once_every_partner_has_signed_off(
    make_review_at, executive, police, council_signer, health_signer, partner_rep
):
    second = UserFactory(organisation=police, roles=["executive"])
    review = make_review_at("sign_off", outcome="c", reg11=["recurrent"])
    services.review_sign_off(review=review, actor=council_signer)
    review = services.review_sign_off(review=review, actor=health_signer)
    assert not _copies(review).exists() and not permissions.can_view_review(executive, review)

    review = services.review_sign_off(review=review, actor=partner_rep)  # the police sign off last

    assert review.status == RapidReview.Status.READY
    assert set(_copies(review).values_list("member", flat=True)) == {executive.pk, second.pk}
    assert permissions.can_view_review(executive, review) and permissions.can_view_review(second, review)
    assert not permissions.can_endorse(executive, review)  # outcome (c) is not for endorsement
    told = Message.objects.get(recipient=executive, subject=f"Rapid review {review.reference} copied to you")
    assert "signed off by every Safeguarding Partner" in told.body and "(c)" in told.body
    assert told.link == reverse("rapid_reviews:detail", args=[review.pk])
    assert AuditEvent.objects.filter(action="rapid_reviews.executive_copy.create").count() == 2
    # Access is the rule on the copy, not a stored object permission.
    assert not RapidReviewUserObjectPermission.objects.exists()
    assert kind_of(RapidReview).noun == "rapid review report"


def test_outcome_b_is_copied_for_endorsement_and_every_member_is_told_again_when_sent_to_the_panel(
    make_review_at, executive, csprg
):
    review = make_review_at("signed")
    assert review.status == RapidReview.Status.ENDORSEMENT and permissions.can_endorse(executive, review)
    assert Message.objects.filter(recipient=executive, subject__endswith="copied to you for endorsement").exists()
    review = services.review_endorse(review=review, actor=executive)
    review = services.review_record_sent(review=review, actor=csprg, sent_on=TODAY)

    assert _copies(review).filter(member=executive).count() == 1
    bodies = list(
        Message.objects.filter(recipient=executive, subject__contains=review.reference)
        .order_by("id")
        .values_list("body", flat=True)
    )
    assert len(bodies) == 2 and "endorsement is needed" in bodies[0]
    assert "was sent to the National Panel on 12 November 2026" in bodies[1]
    assert CopiedDocument.objects.get(object_id=review.pk, content_type__model="rapidreview").body == bodies[1]


def test_someone_who_joins_the_executive_later_gets_the_report_and_may_endorse_it(sign_in, make_review_at, police):
    review = make_review_at("signed")
    newcomer = UserFactory(organisation=police, roles=["partner_rep"])
    assert not permissions.can_view_review(newcomer, review) or not permissions.can_endorse(newcomer, review)
    people.person_set_roles(user=newcomer, roles=["executive"])
    assert _copies(review).get(member=newcomer).before_joining
    page = sign_in(newcomer).get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Give your endorsement decision" in page
    assert "copied to the Executive before you joined it" in page


def test_reading_the_page_or_the_pdf_opens_the_members_own_watermarked_copy(
    sign_in, make_review_at, executive, csprg, qa_chair
):
    review = make_review_at("signed")
    client = sign_in(executive)
    page = client.get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Open your Executive copy (PDF)" in page and "Download the Summary and Outcome" not in page
    copy = _copies(review).get(member=executive)
    assert copy.open_count == 1 and copy.first_opened_at is not None

    response = client.get(reverse("rapid_reviews:executive_copy_pdf", args=[review.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    pages = _text(response.content)
    assert all(f"Copy for {executive.full_name}, 12 November 2026" in text for text in pages)
    assert all("OFFICIAL-SENSITIVE" in text for text in pages)
    assert "Summary and Outcome of Rapid Review" in pages[0] and review.reference in pages[0]
    copy.refresh_from_db()
    assert copy.open_count == 2
    assert AuditEvent.objects.filter(action="rapid_reviews.executive_copy.open", actor=executive).count() == 2

    # The CSPRG and the QA chair see who it went to and whether they opened it; they have no copy.
    for overseer in (csprg, qa_chair):
        other = sign_in(overseer)
        page = other.get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
        assert "Copies to the Executive" in page and f"{executive.full_name}: first opened" in page
        assert other.get(reverse("rapid_reviews:executive_copy_pdf", args=[review.pk])).status_code == 404


def test_a_review_not_yet_signed_off_by_every_partner_has_no_copy_to_open(sign_in, make_review_at, executive, csprg):
    review = make_review_at("sign_off")
    assert sign_in(executive).get(reverse("rapid_reviews:executive_copy_pdf", args=[review.pk])).status_code == 404
    page = sign_in(csprg).get(reverse("rapid_reviews:detail", args=[review.pk])).content.decode()
    assert "Not copied yet" in page


def test_taking_the_executive_role_away_ends_access_to_the_copy_at_once(sign_in, make_review_at, executive):
    review = make_review_at("signed")
    client = sign_in(executive)
    assert client.get(reverse("rapid_reviews:detail", args=[review.pk])).status_code == 200
    people.person_set_roles(user=executive, roles=["partner_rep"])
    assert not permissions.can_endorse(executive, review)
    assert client.get(reverse("rapid_reviews:executive_copy_pdf", args=[review.pk])).status_code == 404

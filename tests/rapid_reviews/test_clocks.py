"""The rapid review and agency summary clocks on the sweep: who is reminded, who is told when overdue."""

from datetime import datetime

import pytest

from dcfp.alerts.models import Message
from dcfp.alerts.sweep import sweep
from tests.rapid_reviews.conftest import LONDON

pytestmark = pytest.mark.django_db


def _subjects(person) -> list[str]:
    return list(Message.objects.filter(recipient=person).values_list("subject", flat=True))


def test_a_late_summary_chases_the_agencys_leads_and_tells_the_csprg(
    review, agency_lead, other_agency, csprg, qa_chair, executive
):
    Message.objects.all().delete()
    # Summaries were due on Thursday 19 November; the review is due on Thursday 26 November.
    sweep(now=datetime(2026, 11, 20, 9, 0, tzinfo=LONDON))
    lead = _subjects(agency_lead)
    assert len([s for s in lead if "agency summary" in s.lower()]) == 1
    assert any("overdue" in s.lower() for s in lead)
    assert any(review.reference in s for s in _subjects(csprg))
    assert not _subjects(other_agency)
    # A summary is an agency task, not a statutory clock: the QA chair is not told about it.
    assert not [s for s in _subjects(qa_chair) if "agency summary" in s.lower()]


def test_an_overdue_review_escalates_to_the_qa_chair_and_the_executive(review, csprg, qa_chair, executive):
    Message.objects.all().delete()
    sweep(now=datetime(2026, 11, 27, 9, 0, tzinfo=LONDON))
    for person in (csprg, qa_chair, executive):
        assert any("rapid review" in s.lower() and "overdue" in s.lower() for s in _subjects(person)), person
    # Told once: a second sweep the same day writes nothing more.
    count = Message.objects.count()
    sweep(now=datetime(2026, 11, 27, 9, 30, tzinfo=LONDON))
    assert Message.objects.count() == count

"""References number on within each year as numbers, past 9,999, whatever the order of the text."""

from datetime import date

import pytest
from django.utils import timezone

from notifications.models import Incident, ReferenceCounter

pytestmark = pytest.mark.django_db


def _written(reference: str, created_by) -> Incident:
    """An incident already holding `reference` (as the years before this one's counter wrote them)."""
    return Incident.objects.create(
        reference=reference,
        occurred_on=date(2026, 1, 5),
        aware_on=date(2026, 1, 6),
        nature=Incident.Nature.SERIOUS_HARM,
        abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
        summary="Written before",
        notification_due_on=date(2026, 1, 13),
        created_by=created_by,
    )


def test_the_next_reference_after_ten_thousand_follows_the_highest_number_not_the_highest_text(make_incident, csprg):
    year = timezone.localdate().year
    # As text, DCFP-YYYY-9999 sorts after DCFP-YYYY-10000; as numbers 10000 is the highest.
    _written(f"DCFP-{year}-9999", csprg)
    _written(f"DCFP-{year}-10000", csprg)

    incident = make_incident()

    assert incident.reference == f"DCFP-{year}-10001"


def test_the_year_counter_goes_past_9999_and_on(make_incident):
    year = timezone.localdate().year
    ReferenceCounter.objects.create(year=year, last=9998)

    references = [make_incident().reference for _ in range(3)]

    assert references == [f"DCFP-{year}-9999", f"DCFP-{year}-10000", f"DCFP-{year}-10001"]
    assert ReferenceCounter.objects.get(year=year).last == 10001


def test_each_year_has_its_own_counter(make_incident, time_machine):
    first = make_incident()
    time_machine.move_to("2027-01-04 12:00 +00:00")
    second = make_incident()

    assert first.reference == "DCFP-2026-0001"
    assert second.reference == "DCFP-2027-0001"
    assert dict(ReferenceCounter.objects.values_list("year", "last")) == {2026: 1, 2027: 1}

"""The benchmark command runs end to end at a small size, prints its figures and keeps nothing."""

import io

import pytest
from django.core.management import call_command

from thresholds.models import ThresholdDecision

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_percentiles_and_queries_for_both_people_and_keeps_nothing(tool, locality):
    out = io.StringIO()
    call_command("benchmark_thresholds", decisions=300, organisations=6, requests=2, stdout=out)
    text = out.getvalue()
    assert "300 of 300 decisions loaded" in text
    assert "The agency user's organisation holds 50 decisions; the QA Group sees 300." in text
    for who in ("agency user", "QA Group"):
        for what in ("decision log search", "breakdown"):
            assert text.count(f"{who}, {what}: p50 ") == 2  # queries alone, then whole pages
    assert "Query plan of the agency user's log search" in text
    assert "Rolled back: nothing was kept." in text
    assert not ThresholdDecision.objects.exists()

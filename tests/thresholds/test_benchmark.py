"""The benchmark command runs end to end at a small size, prints its figures and plans, and removes
everything it loaded (it commits the decisions so that they are vacuumed as a live table is)."""

import io

import pytest
from django.core.management import call_command

from dcfp.models import Organisation, User
from thresholds.models import ThresholdDecision, ThresholdDecisionGroupObjectPermission

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_benchmark_prints_percentiles_queries_and_plans_and_removes_what_it_loaded(tool, locality):
    organisations, people = Organisation.objects.count(), User.objects.count()
    out = io.StringIO()
    call_command("benchmark_thresholds", decisions=300, organisations=6, requests=2, stdout=out)
    text = out.getvalue()
    assert "300 of 300 decisions loaded" in text
    assert "VACUUM (ANALYZE) in " in text
    assert "The agency user's organisation holds 50 decisions; the QA Group sees 300." in text
    for who in ("agency user", "QA Group"):
        for what in ("decision log search", "breakdown"):
            assert text.count(f"{who}, {what}: p50 ") == 2  # queries alone, then whole pages
    assert text.count("    median by search: no filter ") == 8
    assert "; level 2 " in text  # two requests: the first two searches
    assert "Query plans of the agency user's log search" in text
    # The log's count as the page sends it: at most 10,001 decisions read.
    assert 'SELECT COUNT(*) FROM (SELECT "thresholds_thresholddecision"."id"' in text and "LIMIT 10001" in text
    assert "Execution Time:" in text and "Buffers: shared" in text
    assert "Removed everything it loaded: nothing was kept." in text
    assert not ThresholdDecision.objects.exists()
    assert not ThresholdDecisionGroupObjectPermission.objects.exists()
    assert (Organisation.objects.count(), User.objects.count()) == (organisations, people)


def test_keep_leaves_the_decisions_for_a_closer_look(tool, locality):
    out = io.StringIO()
    call_command("benchmark_thresholds", decisions=40, organisations=2, requests=1, keep=True, stdout=out)
    assert "Kept the decisions (--keep)" in out.getvalue()
    assert ThresholdDecision.objects.count() == 40

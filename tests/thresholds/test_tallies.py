"""The monthly tallies behind the breakdown across the partnership: kept by decision_record, equal to a
recount of the decisions, and giving the same charts and tables as counting the decisions does."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.models import LocalityPartnership
from tests.thresholds.conftest import decision_input, indicator
from thresholds import selectors, services, tallies
from thresholds.filters import DecisionFilter
from thresholds.models import AgeBand, DecisionTally, Disability, Ethnicity, Sex

pytestmark = pytest.mark.django_db

# Searches by dates alone: whole months, parts of months at either end, within one month, open ends.
PERIODS = [
    {},
    {"decided_from": "2026-03-01"},
    {"decided_to": "2026-06-30"},
    {"decided_from": "2026-02-01", "decided_to": "2026-09-30"},
    {"decided_from": "2026-02-14", "decided_to": "2026-09-03"},
    {"decided_from": "2025-12-31", "decided_to": "2026-01-01"},
    {"decided_from": "2026-04-05", "decided_to": "2026-04-25"},
    {"decided_from": "2026-05-10"},
    {"decided_to": "2026-07-19"},
    {"decided_from": "2026-08-01", "decided_to": "2026-03-31"},
]


@pytest.fixture
def random_decisions(tool, practitioner, other_agency, locality):
    """Sixty decisions by two agencies over a year, with levels, localities and characteristics drawn at
    random (the same draw every run)."""
    draw = random.Random(20261126)
    localities = [locality, LocalityPartnership.objects.create(name="Mid Devon")]
    levels = {1: [], 2: [indicator(tool, "Missed health checks")], 4: [indicator(tool, "Unexplained injury")]}
    for _ in range(60):
        level = draw.choice([1, 2, 3, 4])
        data = decision_input(
            tool,
            draw.choice(localities),
            decided_on=date(2025, 11, 20) + timedelta(days=draw.randrange(370)),
            age_band=draw.choice(AgeBand.values),
            sex=draw.choice(Sex.values),
            ethnicity=draw.choice(Ethnicity.values),
            disability=draw.choice(Disability.values),
            level=level,
            indicators=levels.get(level, []),
            rationale="" if level in levels else "Seen together, the needs call for more than one service.",
        )
        services.decision_record(actor=draw.choice([practitioner, other_agency]), data=data)


def _running_tallies() -> dict:
    return {(t.month, t.characteristic, t.value): t.decisions for t in DecisionTally.objects.all()}


def test_recording_decisions_keeps_every_tally_equal_to_a_recount(random_decisions):
    recount = tallies.recount()
    assert _running_tallies() == recount
    assert sum(n for (_month, characteristic, _value), n in recount.items() if characteristic == "level") == 60


@pytest.mark.parametrize("search", PERIODS)
def test_the_breakdown_by_dates_from_the_tallies_equals_counting_the_decisions(search, random_decisions, qa_member):
    filters = DecisionFilter(search, queryset=selectors.decision_list(qa_member))
    counted = selectors.decision_breakdown(filters.qs, across_agencies=True)
    assert selectors.searched_breakdown(qa_member, filters) == counted
    assert sum(n for _, n in counted[0].rows) == filters.qs.count()


@pytest.mark.parametrize("search", [{"level": "2"}, {"sex": "female", "decided_from": "2026-02-14"}])
def test_other_filters_are_counted_from_the_decisions_with_the_same_figures(search, random_decisions, qa_member):
    filters = DecisionFilter(search, queryset=selectors.decision_list(qa_member))
    assert selectors.searched_breakdown(qa_member, filters) == selectors.decision_breakdown(filters.qs)


def _decision_reads(client, search: dict) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("thresholds:breakdown"), search)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if 'FROM "thresholds_thresholddecision"' in q["sql"]]


def test_the_qa_groups_breakdown_by_whole_months_reads_no_decision(random_decisions, sign_in, qa_member):
    client = sign_in(qa_member)
    assert _decision_reads(client, {}) == []
    assert _decision_reads(client, {"decided_from": "2026-02-01", "decided_to": "2026-09-30"}) == []
    # The days of part-months, and any other filter, are counted from the decisions.
    assert len(_decision_reads(client, {"decided_from": "2026-02-14"})) == 2
    assert len(_decision_reads(client, {"level": "2"})) == 2


def test_the_qa_groups_breakdown_page_shows_the_tallied_figures(random_decisions, sign_in, qa_member):
    response = sign_in(qa_member).get(reverse("thresholds:breakdown"))
    assert response.status_code == 200
    assert "60 decisions match the search." in response.content.decode()

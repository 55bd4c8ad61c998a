"""Running tallies of threshold decisions: how many were made in each month with each level, agency,
locality, age band, sex, ethnicity and disability (DecisionTally), so that the breakdown across the
partnership adds up a few thousand tallies instead of counting every decision.

- `count_decisions`: decision_record adds its decision to the seven tallies of its month in the
  transaction that records it (one statement), so a tally never disagrees with the decisions committed.
  Decisions never change or go once recorded; the only other writer is the benchmark command, which adds
  and removes its own decisions' counts through the same statements.
- `tallied_counts`: the counts of the decisions made between two dates (either may be open), from the
  tallies of the whole months inside and, for the days of a month only partly inside, the decisions
  themselves.
"""

import functools
import operator
from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import F, Q, Sum

from thresholds.models import DecisionTally

# Each tallied characteristic with the decision's column, and how its value reads back from text.
COLUMNS: dict[str, type] = {
    DecisionTally.Characteristic.LEVEL: int,
    DecisionTally.Characteristic.ORGANISATION: int,
    DecisionTally.Characteristic.LOCALITY: int,
    DecisionTally.Characteristic.AGE_BAND: str,
    DecisionTally.Characteristic.SEX: str,
    DecisionTally.Characteristic.ETHNICITY: str,
    DecisionTally.Characteristic.DISABILITY: str,
}

# Each decision counts in seven tallies of its month, one per characteristic (the same VALUES list in each
# statement, so that the three always agree; tests compare the running tallies with _RECOUNT).
_ADD = """
    INSERT INTO thresholds_decisiontally (month, characteristic, value, decisions)
    SELECT date_trunc('month', d.decided_on)::date, t.characteristic, t.value, count(*)
    FROM thresholds_thresholddecision d CROSS JOIN LATERAL (VALUES
        ('level', d.level::text), ('organisation_id', d.organisation_id::text),
        ('locality_id', d.locality_id::text), ('age_band', d.age_band::text), ('sex', d.sex::text),
        ('ethnicity', d.ethnicity::text), ('disability', d.disability::text)) AS t(characteristic, value)
    WHERE d.id BETWEEN %(first)s AND %(last)s GROUP BY 1, 2, 3
    ON CONFLICT (month, characteristic, value)
    DO UPDATE SET decisions = thresholds_decisiontally.decisions + EXCLUDED.decisions
"""
_TAKE = """
    UPDATE thresholds_decisiontally tally SET decisions = tally.decisions - c.n FROM (
        SELECT date_trunc('month', d.decided_on)::date AS month, t.characteristic, t.value, count(*) AS n
    FROM thresholds_thresholddecision d CROSS JOIN LATERAL (VALUES
        ('level', d.level::text), ('organisation_id', d.organisation_id::text),
        ('locality_id', d.locality_id::text), ('age_band', d.age_band::text), ('sex', d.sex::text),
        ('ethnicity', d.ethnicity::text), ('disability', d.disability::text)) AS t(characteristic, value)
        WHERE d.organisation_id = ANY(%(organisations)s) GROUP BY 1, 2, 3) AS c
    WHERE tally.month = c.month AND tally.characteristic = c.characteristic AND tally.value = c.value
"""
_RECOUNT = """
    SELECT date_trunc('month', d.decided_on)::date, t.characteristic, t.value, count(*)
    FROM thresholds_thresholddecision d CROSS JOIN LATERAL (VALUES
        ('level', d.level::text), ('organisation_id', d.organisation_id::text),
        ('locality_id', d.locality_id::text), ('age_band', d.age_band::text), ('sex', d.sex::text),
        ('ethnicity', d.ethnicity::text), ('disability', d.disability::text)) AS t(characteristic, value)
    GROUP BY 1, 2, 3
"""


def count_decisions(*, first: int, last: int) -> None:
    """Add the decisions with ids from `first` to `last` to their tallies (decision_record: its one
    decision). Concurrent recorders of the same month queue on the tally rows until the first commits."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_ADD, {"first": first, "last": last})
        return
    # The embedded demo's SQLite: the same counts, added row by row (its writers queue at BEGIN).
    from thresholds.models import ThresholdDecision

    decisions = ThresholdDecision.objects.filter(id__gte=first, id__lte=last).values("decided_on", *COLUMNS)
    add_to_tallies(DecisionTally, tally_counts(decisions))


def tally_counts(decisions: Any) -> Counter[tuple[date, str, str]]:
    """{(month, characteristic, value): n} for decisions given as dicts of their columns."""
    counts: Counter[tuple[date, str, str]] = Counter()
    for decision in decisions:
        month = decision["decided_on"].replace(day=1)
        for characteristic in COLUMNS:
            counts[(month, characteristic, str(decision[characteristic]))] += 1
    return counts


def add_to_tallies(model: Any, counts: Counter[tuple[date, str, str]]) -> None:
    """Add `counts` to the tallies of `model` (DecisionTally, or its historical model in a migration)."""
    for (month, characteristic, value), n in counts.items():
        tally = model.objects.filter(month=month, characteristic=characteristic, value=value)
        if not tally.update(decisions=F("decisions") + n):
            model.objects.create(month=month, characteristic=characteristic, value=value, decisions=n)


def uncount_decisions(*, organisation_ids: list[int]) -> None:
    """Take the decisions of these organisations out of their tallies (before they are deleted)."""
    with connection.cursor() as cursor:
        cursor.execute(_TAKE, {"organisations": organisation_ids})
        cursor.execute("DELETE FROM thresholds_decisiontally WHERE decisions = 0")


def _month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def whole_months(decided_from: date | None, decided_to: date | None) -> tuple[date | None, date | None] | None:
    """The first month wholly inside the dates and the month after the last one (None: open), or None when
    no whole month is inside them."""
    first = decided_from if decided_from is None or decided_from.day == 1 else _month_after(decided_from)
    after = None if decided_to is None else (decided_to + timedelta(days=1)).replace(day=1)
    if first is not None and after is not None and first >= after:
        return None
    return first, after


def part_months(
    decided_from: date | None, decided_to: date | None, months: tuple[date | None, date | None]
) -> Q | None:
    """The condition on decisions for the days between the dates but outside the whole months (None when
    there are none)."""
    first, after = months
    parts = []
    if decided_from is not None and first is not None and decided_from < first:
        parts.append(Q(decided_on__gte=decided_from, decided_on__lt=first))
    if decided_to is not None and after is not None and after <= decided_to:
        parts.append(Q(decided_on__gte=after, decided_on__lte=decided_to))
    return functools.reduce(operator.or_, parts) if parts else None


def tallied_counts(months: tuple[date | None, date | None]) -> dict[str, dict[Any, int]]:
    """The decisions of the whole months `months` (first, after), by characteristic and value, added up
    from the tallies in one query."""
    first, after = months
    tallies = DecisionTally.objects.order_by()
    if first is not None:
        tallies = tallies.filter(month__gte=first)
    if after is not None:
        tallies = tallies.filter(month__lt=after)
    counts: dict[str, dict[Any, int]] = {characteristic: {} for characteristic in COLUMNS}
    rows = tallies.values("characteristic", "value").annotate(n=Sum("decisions"))
    for characteristic, value, n in rows.values_list("characteristic", "value", "n"):
        if n:
            counts[characteristic][COLUMNS[characteristic](value)] = n
    return counts


def recount() -> dict[tuple[date, str, str], int]:
    """Every tally as the decisions themselves give it, {(month, characteristic, value): n}, for checking
    the running tallies against."""
    with connection.cursor() as cursor:
        cursor.execute(_RECOUNT)
        return {(month, characteristic, value): n for month, characteristic, value, n in cursor.fetchall()}

"""The decision log of a large agency: the planner is told how many decisions the agency's grants reach (not
one row), so that it reads the agency's decisions from the organisation's index and joins the grants once.
The planner is given enough rows to care."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dcfp.models import Organisation
from thresholds import selectors

pytestmark = pytest.mark.django_db

AGENCY = 20_000  # the practitioner's school
OTHERS, EACH = 40, 500  # and forty small agencies


@pytest.fixture
def large_agency(tool, locality, practitioner):
    """AGENCY decisions of the practitioner's organisation and EACH of forty others, each given to its
    organisation as decision_record gives it; then ANALYZE."""
    others = [
        Organisation.objects.create(
            name=f"Agency {n}", kind=Organisation.Kind.OTHER, group=Group.objects.create(name=f"agency-{n}")
        ).pk
        for n in range(OTHERS)
    ]
    permission = Permission.objects.get(content_type__app_label="thresholds", codename="view_thresholddecision")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO thresholds_thresholddecision (
                reference, tool_version_id, organisation_id, recorded_by_id, decided_on, local_identifier,
                age_band, sex, ethnicity, disability, locality_id, suggested_level, level, rationale, response,
                lead_practitioner, created_at, is_demo)
            SELECT 'P-' || g, %(tool)s,
                CASE WHEN g <= %(agency)s THEN %(school)s ELSE (%(others)s::int[])[1 + g %% %(n)s] END,
                %(by)s, current_date - (g %% 700), 'L-' || g, 'family', 'female', 'white', 'no', %(locality)s,
                1 + g %% 4, 1 + g %% 4, '', 'universal_services', 'Lead practitioner', now(), false
            FROM generate_series(1, %(total)s) g
            """,
            {
                "tool": tool.pk,
                "agency": AGENCY,
                "school": practitioner.organisation_id,
                "others": others,
                "n": OTHERS,
                "by": practitioner.pk,
                "locality": locality.pk,
                "total": AGENCY + OTHERS * EACH,
            },
        )
        cursor.execute(
            """
            INSERT INTO thresholds_thresholddecisiongroupobjectpermission (permission_id, group_id, content_object_id)
            SELECT %(permission)s, o.group_id, d.id FROM thresholds_thresholddecision d
            JOIN dcfp_organisation o ON o.id = d.organisation_id
            """,
            {"permission": permission.pk},
        )
        for table in ("thresholds_thresholddecision", "thresholds_thresholddecisiongroupobjectpermission"):
            cursor.execute(f"ANALYZE {table}")


def _nodes(plan: dict):
    """The plan's nodes, leaving out the permission's lookup (an InitPlan run once, before the rest)."""
    yield plan
    for child in plan.get("Plans", []):
        if child.get("Parent Relationship") != "InitPlan":
            yield from _nodes(child)


def _count_plan(rows) -> list[dict]:
    with CaptureQueriesContext(connection) as queries:
        assert Paginator(rows, 25).count == AGENCY
    (count,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + count)
        (plan,) = cursor.fetchone()[0]
    return list(_nodes(plan["Plan"]))


def test_a_large_agencys_grants_are_estimated_at_their_number_not_at_one_row(large_agency, practitioner):
    nodes = _count_plan(selectors.decision_list(practitioner))
    grants = [n for n in nodes if n.get("Relation Name") == "thresholds_thresholddecisiongroupobjectpermission"]
    assert grants, nodes
    # The grants reached: the school's 20,000, estimated within a factor of two.
    assert all(AGENCY / 2 <= n["Plan Rows"] <= AGENCY * 2 for n in grants), [n["Plan Rows"] for n in grants]
    # Nothing is looped over once per grant or per decision.
    assert not any(n["Node Type"] == "Nested Loop" for n in nodes), [n["Node Type"] for n in nodes]


def test_the_large_agencys_log_shows_only_its_own_decisions(large_agency, practitioner):
    page = Paginator(selectors.decision_list(practitioner), 25).get_page(1)
    assert page.paginator.count == AGENCY
    assert {d.organisation_id for d in page.object_list} == {practitioner.organisation_id}

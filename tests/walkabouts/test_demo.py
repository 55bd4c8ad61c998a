"""The walkabouts demo: two cycles that show change, a group assessment, work on each role's dashboard."""

from datetime import date

import pytest
import time_machine

from dcfp.demo import load_demo
from dcfp.models import User
from tests.conftest import signed_in
from walkabouts import selectors
from walkabouts.demo import load_walkabout_demo
from walkabouts.models import Assessment, Cycle

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-26 10:00:00Z", tick=False)
def test_the_demo_has_two_cycles_that_compare_and_work_for_each_role(client):
    load_demo()
    assert load_walkabout_demo(today=date(2026, 11, 26)) == {"Section 11 assessments": 9}
    assert load_walkabout_demo(today=date(2026, 11, 26)) == {"Section 11 assessments": 0}
    assert Assessment.objects.filter(assessment_group__name="Devon district councils").count() == 2
    qa = User.objects.get(email="qa-group@demo.dcfp.test")
    result = selectors.comparison(selectors.comparison_assessments(qa), cycle=Cycle.objects.get(name="2026-27"))
    nursing = next(r for r in result.rows if r.subject == "Virgin Care Public Health Nursing Hubs")
    assert [c.change for c in nursing.cells][:2] == ["better", "same"]
    lead_page = signed_in(client, User.objects.get(email="agency-lead@demo.dcfp.test")).get("/").content.decode()
    assert (
        "Section 11 findings for your agency to agree" in lead_page
        and "Virgin Care Public Health Nursing Hubs, 2026-27" in lead_page
    )
    client.logout()
    qa_page = signed_in(client, qa).get("/").content.decode()
    assert "Devon district councils, 2026-27" in qa_page
    assert "Overdue" in qa_page

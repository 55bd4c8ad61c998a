"""The demo's thresholds: an illustrative tool, a few hundred decisions across agencies and localities,
disagreements at every stage, and real work on the dashboard of each role that takes part."""

import re

import pytest

from dcfp.demo import load_demo
from dcfp.models import User
from tests.conftest import signed_in
from thresholds.demo import load_threshold_demo
from thresholds.models import Disagreement, ThresholdDecision, ToolVersion

pytestmark = pytest.mark.django_db


def _dashboard(client, handle: str) -> str:
    client.logout()
    return signed_in(client, User.objects.get(email=f"{handle}@demo.dcfp.test")).get("/").content.decode()


def test_the_demo_loads_once_and_each_role_finds_real_work_on_its_dashboard(client):
    load_demo()
    created = load_threshold_demo()
    assert created == {"threshold decisions": 300, "case disagreements": 7}
    assert load_threshold_demo() == {"threshold decisions": 0, "case disagreements": 0}
    tool = ToolVersion.objects.get(status=ToolVersion.Status.CURRENT)
    assert tool.is_illustrative
    assert ThresholdDecision.objects.values("organisation").distinct().count() >= 5
    assert ThresholdDecision.objects.values("locality").distinct().count() == 4
    assert set(Disagreement.objects.values_list("stage", flat=True)) == {1, 2, 3, 4}
    assert Disagreement.objects.filter(status=Disagreement.Status.RESOLVED).count() == 2

    practitioner = _dashboard(client, "practitioner")
    assert ">Your latest threshold decisions</h2>" in practitioner
    assert ">Your open case disagreements</h2>" in practitioner
    assert re.search(r">TD-\d{4}-\d{6}</a>", practitioner) and re.search(r">CRP-\d{4}-\d{4}</a>", practitioner)

    lead = _dashboard(client, "agency-lead")
    assert ">Your agency&#x27;s latest threshold decisions</h2>" in lead
    assert ">Open case disagreements naming your agency</h2>" in lead
    assert re.search(r">CRP-\d{4}-\d{4}</a>", lead)

    chair = _dashboard(client, "qa-chair")
    assert ">Case disagreements at stage 4</h2>" in chair
    stage_4 = Disagreement.objects.get(stage=4)
    assert f">{stage_4.reference}</a>" in chair

    admin = _dashboard(client, "admin")
    assert "threshold decisions</h2>" not in admin and "case disagreements" not in admin.lower().split("<main")[-1]

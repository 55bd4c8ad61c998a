"""`manage.py benchmark` at a tiny size: it measures every page for each role, times the sweep and keeps
nothing afterwards."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from dcfp.copies.models import Copy
from dcfp.models import User
from notifications.models import Incident

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_every_page_for_every_role_and_the_sweep_and_keeps_nothing():
    out = StringIO()

    call_command("benchmark", incidents=60, baseline=30, repeat=1, sweep_open=80, sweep_due=[10], stdout=out)

    text = out.getvalue()
    for role in ("CSPRG", "QA chair", "partner representative", "Executive member", "agency lead"):
        assert f"{role} " in text
    # The same queries per request at both sizes, for the unscoped and the scoped list.
    for role in ("CSPRG", "Executive member"):
        (row,) = [line for line in text.splitlines() if re.match(rf"{role} +notifications list +\d", line)]
        small, large = re.search(r" (\d+)/(\d+) ", row).groups()  # type: ignore[union-attr]
        assert small == large, row
    assert "Sweep over 80 open clocks with 10 due" in text
    assert "wrote 10 alerts" in text
    assert "Rolled back: nothing was kept." in text
    assert Incident.objects.count() == 0 and Copy.objects.count() == 0 and Message.objects.count() == 0
    assert AuditEvent.objects.count() == 0 and not User.objects.filter(email__startswith="bench-").exists()

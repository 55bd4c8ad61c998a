"""/healthz reports the clock sweep: failing once beat has stopped sweeping for 15 minutes."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from dcfp.alerts.models import Heartbeat
from dcfp.alerts.sweep import HEARTBEAT, sweep


@pytest.fixture
def production_grace(settings):
    settings.DCFP_SWEEP_EXPECTED_AFTER = timedelta(minutes=15)
    settings.DCFP_SWEEP_HEARTBEAT_MAX_AGE = timedelta(minutes=15)


def installed_at():
    return MigrationRecorder(connection).migration_qs.get(app="alerts", name="0001_initial").applied


def health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()["clock_sweep"]


def test_a_recent_sweep_is_healthy(client, db, production_grace):
    sweep()
    assert health(client) == (200, "ok")


def test_a_sweep_older_than_fifteen_minutes_fails_the_health_check(client, db, production_grace):
    sweep()
    last = Heartbeat.objects.get(name=HEARTBEAT).last_beat_at
    with time_machine.travel(last + timedelta(minutes=14, seconds=50)):
        assert health(client) == (200, "ok")
    with time_machine.travel(last + timedelta(minutes=15, seconds=5)):
        assert health(client) == (503, "fail")


def test_before_the_first_sweep_a_new_installation_has_fifteen_minutes(client, db, production_grace):
    assert not Heartbeat.objects.exists()
    with time_machine.travel(installed_at() + timedelta(minutes=10)):
        assert health(client) == (200, "ok")
    with time_machine.travel(installed_at() + timedelta(minutes=16)):
        assert health(client) == (503, "fail")

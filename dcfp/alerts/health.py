"""The clock sweep's part of /healthz: is beat still sweeping?

Rule (documented in docs/adr/0005-clock-sweep.md): every sweep writes a heartbeat. The check
fails when the last heartbeat is older than DCFP_SWEEP_HEARTBEAT_MAX_AGE (15 minutes: three missed
five-minute sweeps). Before the first sweep ever, a sweep is expected from DCFP_SWEEP_EXPECTED_AFTER
(15 minutes) after the alerts tables were created, so a fresh installation is healthy while beat starts,
and one where beat never started fails 15 minutes later rather than never.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from dcfp.alerts.sweep import last_sweep_at


def _installed_at() -> datetime | None:
    return (
        MigrationRecorder(connection)
        .migration_qs.filter(app="alerts", name="0001_initial")
        .values_list("applied", flat=True)
        .first()
    )


def clock_sweep_ok(now: datetime | None = None) -> bool:
    """True while the sweep is running on time (or is not yet expected). Never raises."""
    try:
        now = now or timezone.now()
        last = last_sweep_at()
        if last is not None:
            return now - last <= settings.DCFP_SWEEP_HEARTBEAT_MAX_AGE
        installed = _installed_at()
        return installed is None or now - installed <= settings.DCFP_SWEEP_EXPECTED_AFTER
    except Exception:
        return False

"""Fault tests of the clock sweep with a real Celery worker process, real Redis and real PostgreSQL.

The worker runs `celery -A dcfp worker` against this test database (transactional_db, so it sees what
the test commits) and its own Redis database. A table lock taken by the test holds a sweep half-way
through its transaction, so overlap and a kill mid-sweep happen for certain rather than by luck.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import psycopg2
import pytest
import redis
from celery import Celery
from django.db import connection
from django.utils import timezone

from dcfp import deadlines
from dcfp.alerts.models import Alert, Message, OutboundEmail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
WORKER_REDIS_URL = os.environ.get("WORKER_REDIS_URL", "redis://127.0.0.1:6379/3")
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, timeout=30.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


class Worker:
    def __init__(self, tmp_path):
        self.log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.process = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dcfp.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": WORKER_REDIS_URL,
            "CELERY_VISIBILITY_TIMEOUT": "3",
        }

    def start(self):
        # The worker gets its own copy of the log's file descriptor, so ours can close at once.
        with open(self.log, "a") as log_file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "dcfp", "worker", "--loglevel=INFO", "--concurrency=2"]
                + [
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"sweep-{uuid.uuid4().hex[:8]}@%h",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: "ready." in self.log.read_text(), timeout=60, what="the worker to start")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def broker():
    client = redis.Redis.from_url(WORKER_REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def worker(tmp_path, broker):
    workers = []

    def start():
        w = Worker(tmp_path)
        w.start()
        workers.append(w)
        return w

    yield start
    for w in workers:
        w.stop()


def send_sweep():
    client = Celery(broker=WORKER_REDIS_URL)
    client.send_task("dcfp.alerts.tasks.sweep")


def queue_drained(broker) -> bool:
    return broker.llen("celery") == 0 and broker.hlen("unacked") == 0


class MessageTableLock:
    """Hold an EXCLUSIVE lock on the message table from another connection: a sweep that has written its
    alerts blocks when it writes messages, with its transaction open."""

    def __enter__(self):
        self.conn = psycopg2.connect(_database_url())
        self.conn.cursor().execute("LOCK TABLE alerts_message IN EXCLUSIVE MODE")
        # pg_stat_activity is a snapshot per transaction, so it is read from a second, autocommit connection.
        self.monitor = psycopg2.connect(_database_url())
        self.monitor.autocommit = True
        return self

    def waiting(self) -> int:
        with self.monitor.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return cursor.fetchone()[0]

    def __exit__(self, *exc):
        self.conn.rollback()
        self.conn.close()
        self.monitor.close()


@pytest.fixture
def due_clocks(incidents, csprg, qa_chair, executive):
    """60 overdue, 20 due today and 20 due soon notifications, and 200 on track."""
    today = timezone.localdate()
    overdue = deadlines.subtract_working_days(today, 3)
    soon = deadlines.add_working_days(today, 1)
    later = deadlines.add_working_days(today, 10)
    incidents([overdue] * 60 + [today] * 20 + [soon] * 20 + [later] * 200)
    # Every due clock tells the CSPRG; overdue ones also the QA chair and the Executive.
    return {"alerts": 100, "messages": 100 + 60 * 2}


def assert_exactly_once(expected):
    assert Alert.objects.count() == expected["alerts"]
    assert Message.objects.count() == expected["messages"]
    per_recipient = Counter(Message.objects.values_list("recipient_id", "subject"))
    assert set(per_recipient.values()) == {1}
    assert OutboundEmail.objects.count() == expected["messages"]


def test_two_sweeps_at_once_and_the_same_sweep_twice_tell_each_person_once(worker, broker, due_clocks):
    worker()
    with MessageTableLock() as lock:
        send_sweep()
        send_sweep()
        # One sweep waits on the message table, the other on the first one's uncommitted alerts.
        wait_for(lambda: lock.waiting() >= 2, what="both sweeps to be inside their transactions")
    wait_for(lambda: queue_drained(broker), what="both sweeps to finish")
    send_sweep()
    wait_for(lambda: queue_drained(broker), what="the repeated sweep to finish")
    assert_exactly_once(due_clocks)
    # The outbox was sent by the worker after commit, each email once.
    wait_for(
        lambda: OutboundEmail.objects.filter(status="sent").count() == due_clocks["messages"],
        what="the outbox to be sent",
    )


def test_a_worker_killed_mid_sweep_loses_nothing_and_duplicates_nothing(worker, broker, due_clocks):
    first = worker()
    with MessageTableLock() as lock:
        send_sweep()
        wait_for(lambda: lock.waiting() >= 1, what="the sweep to be inside its transaction")
        first.kill()
    # The killed sweep's transaction is rolled back: no alert without its messages.
    time.sleep(1)
    assert Alert.objects.count() == 0
    assert Message.objects.count() == 0
    # Not acknowledged (acks_late), the task is delivered again to the restarted worker.
    assert broker.hlen("unacked") == 1
    time.sleep(3.5)  # past the visibility timeout given to the worker
    worker()
    wait_for(lambda: Alert.objects.count() == due_clocks["alerts"], what="the redelivered sweep")
    wait_for(lambda: queue_drained(broker), what="the redelivered sweep to finish")
    send_sweep()
    wait_for(lambda: queue_drained(broker), what="the next sweep to finish")
    assert_exactly_once(due_clocks)


def _restart_redis():
    subprocess.run(["redis-cli", "shutdown", "nosave"], check=False, capture_output=True, timeout=10)
    result = subprocess.run(REDIS_START, check=False, capture_output=True, timeout=10)
    wait_for(lambda: subprocess.run(["redis-cli", "ping"], capture_output=True).stdout.strip() == b"PONG", timeout=10)
    return result


def test_after_redis_restarts_between_sweeps_the_next_sweep_catches_up(worker, broker, due_clocks, incidents):
    worker()
    send_sweep()
    wait_for(lambda: Alert.objects.count() == due_clocks["alerts"], what="the first sweep")
    wait_for(lambda: queue_drained(broker), what="the first sweep to finish")
    run_id = broker.info("server")["run_id"]
    try:
        _restart_redis()
        assert broker.info("server")["run_id"] != run_id, "Redis was not restarted"
        # Clocks that fall due while the broker was away.
        incidents([timezone.localdate() - timedelta(days=1)] * 5, start=1000)
    finally:
        if subprocess.run(["redis-cli", "ping"], capture_output=True).stdout.strip() != b"PONG":
            subprocess.run(REDIS_START, check=False, timeout=10)
    # The worker reconnects by itself; the next sweep (as beat would send it) catches up.
    wait_for(lambda: _send_when_broker_answers(), timeout=30, interval=1, what="the broker to accept a sweep")
    expected = {"alerts": due_clocks["alerts"] + 5, "messages": due_clocks["messages"] + 5 * 3}
    wait_for(lambda: Alert.objects.count() == expected["alerts"], timeout=60, what="the catch-up sweep")
    wait_for(lambda: queue_drained(broker), what="the catch-up sweep to finish")
    assert_exactly_once(expected)


def _send_when_broker_answers() -> bool:
    try:
        send_sweep()
    except Exception:
        return False
    return True

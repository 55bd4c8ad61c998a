"""Fault tests of the clock sweep with a real Celery worker process, real Redis and real PostgreSQL.

Each test runs its own redis-server on a free port (the broker it may restart) and a worker started by
`celery -A dcfp worker` against this test database (transactional_db, so it sees what the test commits).
A table lock taken by the test holds a sweep half-way through its transaction, so overlap and a kill
mid-sweep happen for certain rather than by luck.

A test waits for each sweep it sends to succeed, by the task's own id in the worker's log, and checks
what that sweep reports it did. The log is read as records (a record's traceback belongs to it): it must
hold no record with an error or a traceback beyond the few a test expects by name (a broker going away).
The test and the worker run on the same frozen day.
"""

import ast
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

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
# A Wednesday in term time, at mid-morning in England: nowhere near midnight in London or in UTC.
SWEEP_DAY = datetime(2026, 11, 25, 10, 30, tzinfo=ZoneInfo("Europe/London"))
SWEEP_TASK = "dcfp.alerts.tasks.sweep"
SUCCEEDED = re.compile(r"Task (?P<name>[\w.]+)\[(?P<id>[0-9a-f-]+)\] succeeded in [\d.]+s: (?P<result>.*)$")
# A log line at error level or above, an exception's traceback, or a task that failed.
TROUBLE = re.compile(r"(ERROR|CRITICAL)/|Traceback \(most recent call last\)|raised unexpected|Error:|Exception:")
# The first line of a log record; the lines up to the next one (a traceback, a warning's text) are its own.
RECORD_START = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}: [A-Z]+/")


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition: Callable[[], object], timeout=30.0, interval=0.2, what="condition", explain=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}{explain()}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on a free port, with nothing saved to disk."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.folder), "--logfile", str(self.folder / f"redis-{self.port}.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.answers, timeout=10, what=f"redis-server on port {self.port} to answer")

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def restart(self) -> None:
        """Stop the server as an operator would (nothing saved, so it comes back empty) and start it again."""
        assert self.process is not None
        with contextlib.suppress(redis.ConnectionError):  # the server closes the connection as it goes
            self.client().shutdown(nosave=True)
        self.process.wait(timeout=10)
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Worker:
    def __init__(self, log: Path, broker_url: str, clock_offset: float):
        self.log = log
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dcfp.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": broker_url,
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "DCFP_CLOCK_OFFSET": repr(clock_offset),
        }

    def start(self):
        # The worker gets its own copy of the log's file descriptor, so ours can close at once.
        with open(self.log, "a") as log_file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.alerts.clocked_worker", "-A", "dcfp", "worker", "--loglevel=INFO"]
                + ["--concurrency=2", "--without-gossip", "--without-mingle", "--without-heartbeat"]
                + ["-n", f"sweep-{uuid.uuid4().hex[:8]}@%h"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: "ready." in self.log.read_text(), timeout=60, what="the worker to start")

    def kill(self):
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        """A warm shutdown, as a deployment stops it: running tasks finish first."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class Workers:
    """The workers one test starts, their logs, and the sweeps it sends them."""

    def __init__(self, folder: Path, server: RedisServer, clock_offset: float):
        self.folder = folder
        self.server = server
        self.clock_offset = clock_offset
        self.started: list[Worker] = []

    def start(self) -> Worker:
        worker = Worker(self.folder / f"worker-{len(self.started) + 1}.log", self.server.url, self.clock_offset)
        self.started.append(worker)
        worker.start()
        return worker

    def stop(self):
        for worker in self.started:
            worker.stop()

    def log_lines(self) -> list[str]:
        return [line for w in self.started for line in w.log.read_text(errors="replace").splitlines()]

    def send_sweep(self) -> str:
        """Queue one sweep, as beat would, and return its task id."""
        return Celery(broker=self.server.url).send_task(SWEEP_TASK).id

    def results(self) -> dict[str, dict]:
        found = {}
        for line in self.log_lines():
            match = SUCCEEDED.search(line)
            if match and match["name"] == SWEEP_TASK:
                found[match["id"]] = ast.literal_eval(match["result"])
        return found

    def result_of(self, task_id: str, timeout=60.0) -> dict:
        """Wait for the sweep with this id to succeed and return what it reports; fail as soon as it fails."""
        failed = re.compile(rf"Task {re.escape(SWEEP_TASK)}\[{task_id}\] (raised|retry)")

        def finished() -> bool:
            lines = self.log_lines()
            if any(failed.search(line) for line in lines):
                raise AssertionError(f"sweep {task_id} failed:\n" + "\n".join(self.trouble()[:20]))
            return task_id in self.results()

        wait_for(
            finished,
            timeout=timeout,
            what=f"sweep {task_id} to succeed",
            explain=lambda: "; errors in the worker's log:\n" + "\n".join(self.trouble()[:20]),
        )
        return self.results()[task_id]

    def records(self) -> list[list[str]]:
        """The workers' logs as records: each record's first line, then the lines that belong to it."""
        found: list[list[str]] = []
        for worker in self.started:
            for line in worker.log.read_text(errors="replace").splitlines():
                if RECORD_START.match(line) or not found:
                    found.append([line])
                else:
                    found[-1].append(line)
        return found

    def trouble(self, expected: Iterable[str] = ()) -> list[str]:
        """Records of the workers' logs reporting an error or an exception, less those whose first line
        matches a pattern in `expected` (with everything the record holds, its traceback included)."""
        allowed = [re.compile(pattern) for pattern in expected]
        return [
            "\n".join(record[:12])
            for record in self.records()
            if any(TROUBLE.search(line) for line in record) and not any(p.search(record[0]) for p in allowed)
        ]


@pytest.fixture
def sweep_day(time_machine):
    """The test's clock, on SWEEP_DAY and running; the workers get the same offset from the real clock.
    (`time_machine` is time-machine's own pytest fixture.)"""
    offset = SWEEP_DAY.timestamp() - time.time()
    time_machine.move_to(SWEEP_DAY, tick=True)
    return offset


@pytest.fixture
def alerts_day(sweep_day):
    """Incidents are built on the workers' running clock, not on the frozen day of the in-process tests."""
    return sweep_day


@pytest.fixture
def workers(tmp_path, redis_server, sweep_day):
    started = Workers(tmp_path, redis_server, sweep_day)
    yield started
    started.stop()


def _busy_connections() -> int:
    """Other connections to the test database inside a transaction or a statement."""
    monitor = psycopg2.connect(_database_url())
    try:
        with monitor.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"
                " AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')"
            )
            return cursor.fetchone()[0]
    finally:
        monitor.close()


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
def due_clocks(sweep_day, incidents, csprg, qa_chair, executive):
    """60 overdue, 20 due today and 20 due soon notifications, and 200 on track."""
    today = timezone.localdate()
    overdue = deadlines.subtract_working_days(today, 3)
    soon = deadlines.add_working_days(today, 1)
    later = deadlines.add_working_days(today, 10)
    incidents([overdue] * 60 + [today] * 20 + [soon] * 20 + [later] * 200)
    # Every due clock tells the CSPRG; overdue ones also the QA chair and the Executive.
    return {"alerts": 100, "messages": 100 + 60 * 2}


def did(result: dict) -> dict:
    """What one sweep reports: the day it swept for, and the alerts and messages it wrote itself."""
    return {"today": result["today"], "alerts": sum(result["alerts"].values()), "messages": result["messages"]}


def did_together(*results: dict) -> dict:
    assert len({r["today"] for r in results}) == 1, results
    return {
        "today": results[0]["today"],
        "alerts": sum(did(r)["alerts"] for r in results),
        "messages": sum(r["messages"] for r in results),
    }


def on(day: date, counts: dict) -> dict:
    return {"today": day.isoformat(), **counts}


NOTHING = {"alerts": 0, "messages": 0}


def assert_exactly_once(expected):
    assert Alert.objects.count() == expected["alerts"]
    assert Message.objects.count() == expected["messages"]
    per_recipient = Counter(Message.objects.values_list("recipient_id", "subject"))
    assert set(per_recipient.values()) == {1}
    assert OutboundEmail.objects.count() == expected["messages"]


def test_the_worker_and_the_test_agree_on_today(workers, sweep_day):
    workers.start()
    result = workers.result_of(workers.send_sweep())
    assert result["today"] == timezone.localdate().isoformat() == SWEEP_DAY.date().isoformat()
    assert workers.trouble() == []


def test_two_sweeps_at_once_and_the_same_sweep_twice_tell_each_person_once(workers, due_clocks):
    today = timezone.localdate()
    workers.start()
    with MessageTableLock() as lock:
        first, second = workers.send_sweep(), workers.send_sweep()
        # One sweep waits on the message table, the other on the first one's uncommitted alerts.
        wait_for(lambda: lock.waiting() >= 2, what="both sweeps to be inside their transactions")
    # Between them the two overlapping sweeps wrote each alert once; the repeat finds nothing left to do.
    assert did_together(workers.result_of(first), workers.result_of(second)) == on(today, due_clocks)
    assert did(workers.result_of(workers.send_sweep())) == on(today, NOTHING)
    assert_exactly_once(due_clocks)
    # The outbox was sent by the worker after commit, each email once.
    wait_for(
        lambda: OutboundEmail.objects.filter(status="sent").count() == due_clocks["messages"],
        what="the outbox to be sent",
    )
    assert workers.trouble() == []


def test_a_worker_killed_mid_sweep_loses_nothing_and_duplicates_nothing(workers, redis_server, due_clocks):
    today = timezone.localdate()
    first = workers.start()
    with MessageTableLock() as lock:
        killed = workers.send_sweep()
        wait_for(lambda: lock.waiting() >= 1, what="the sweep to be inside its transaction")
        first.kill()
    # The killed sweep's transaction is rolled back: no alert without its messages.
    wait_for(lambda: _busy_connections() == 0, what="the killed sweep's transaction to end")
    assert Alert.objects.count() == 0
    assert Message.objects.count() == 0
    # Not acknowledged (acks_late), the task waits in Redis to be delivered again.
    assert redis_server.client().hlen("unacked") == 1
    time.sleep(3.5)  # past the visibility timeout given to the worker
    workers.start()
    # The same task, by its id, runs again on the new worker and does the whole sweep once.
    assert did(workers.result_of(killed)) == on(today, due_clocks)
    assert did(workers.result_of(workers.send_sweep())) == on(today, NOTHING)
    assert_exactly_once(due_clocks)
    assert workers.trouble() == []


# The records a worker logs when its broker goes away and comes back; nothing else is expected.
BROKER_LOST = [
    r"WARNING/MainProcess\] consumer: Connection to broker lost",
    r"ERROR/MainProcess\] consumer: Cannot connect to redis://",
    # When the restart falls on an acknowledgement, the worker says it could not ack, with the broken
    # connection's traceback; the task is delivered again, and assert_exactly_once proves the outcome.
    r"CRITICAL/MainProcess\] Couldn't ack .*reason:network:ConnectionError",
]


def test_after_redis_restarts_between_sweeps_the_next_sweep_catches_up(workers, redis_server, due_clocks, incidents):
    today = timezone.localdate()
    workers.start()
    assert did(workers.result_of(workers.send_sweep())) == on(today, due_clocks)
    before = redis_server.client().info("server")
    redis_server.restart()
    after = redis_server.client().info("server")
    assert (after["run_id"], after["tcp_port"]) != (before["run_id"], before["tcp_port"])
    assert after["tcp_port"] == before["tcp_port"] and after["process_id"] != before["process_id"]
    # Clocks that fall due while the broker was away.
    incidents([today - timedelta(days=1)] * 5, start=1000)
    # The worker reconnects by itself; the next sweep (as beat would send it) catches up.
    sent: list[str] = []
    wait_for(lambda: _send_when_broker_answers(workers, sent), timeout=30, interval=1, what="the broker to answer")
    assert did(workers.result_of(sent[0], timeout=90)) == on(today, {"alerts": 5, "messages": 5 * 3})
    expected = {"alerts": due_clocks["alerts"] + 5, "messages": due_clocks["messages"] + 5 * 3}
    assert_exactly_once(expected)
    assert workers.trouble(expected=BROKER_LOST) == []


def _send_when_broker_answers(workers: Workers, sent: list[str]) -> bool:
    try:
        sent.append(workers.send_sweep())
    except Exception:
        return False
    return True


def test_the_log_check_sees_a_failed_task(workers):
    """The check every test above ends with finds an exception raised in a task."""
    workers.start()
    Celery(broker=workers.server.url).send_task("dcfp.alerts.tasks.send_email", args=["not an id"])
    wait_for(lambda: workers.trouble(), what="the failed task in the log")
    assert any("send_email" in line and "raised unexpected" in line for line in workers.trouble())


def test_the_log_check_reads_a_traceback_as_part_of_its_record(tmp_path, redis_server):
    """An expected record's traceback passes with it; an unexpected record is reported, traceback and all."""
    log = tmp_path / "worker-1.log"
    log.write_text(
        "[2026-11-25 10:30:03,801: CRITICAL/MainProcess] Couldn't ack 'a1', reason:network:ConnectionError\n"
        "Traceback (most recent call last):\n"
        "redis.exceptions.ConnectionError: Connection closed by server.\n"
        "[2026-11-25 10:30:03,823: WARNING/MainProcess] consumer: Connection to broker lost.\n"
        "[2026-11-25 10:30:03,900: INFO/MainProcess] Connected to redis://127.0.0.1:1/0\n"
        "[2026-11-25 10:30:04,124: CRITICAL/MainProcess] Unrecoverable error: AttributeError('x')\n"
        "Traceback (most recent call last):\n"
        "AttributeError: 'NoneType' object has no attribute 'hostname'\n"
    )
    checked = Workers(tmp_path, redis_server, 0.0)
    checked.started.append(Worker(log, redis_server.url, 0.0))
    assert len(checked.records()) == 4
    assert checked.trouble(expected=BROKER_LOST) == [
        "[2026-11-25 10:30:04,124: CRITICAL/MainProcess] Unrecoverable error: AttributeError('x')\n"
        "Traceback (most recent call last):\n"
        "AttributeError: 'NoneType' object has no attribute 'hostname'"
    ]
    assert len(checked.trouble()) == 2

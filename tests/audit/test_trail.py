"""The audit trail: append-only on PostgreSQL, hash-chained, verified by `manage.py verify_audit`."""

import copy
import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from dcfp.audit.selectors import verify_chain
from dcfp.audit.services import GENESIS, access, record
from tests.conftest import signed_in


@pytest.fixture
def events(csprg):
    """Five events by the CSPRG about their organisation."""
    return [record(actor=csprg, action=f"test.event.{n}", target=csprg.organisation, after={"n": n}) for n in range(5)]


def _refused(operation) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        operation()


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with the owner's rights could."""
    with connection.cursor() as cursor:
        # Deferred foreign-key checks of this test's inserts must run before the table can be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_saving_an_existing_event_is_refused(events):
    event = events[2]
    event.action = "something.else"
    _refused(event.save)
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event.2"


def test_deleting_an_event_is_refused(events):
    _refused(events[0].delete)
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


def test_updating_or_deleting_through_a_queryset_is_refused(events):
    _refused(lambda: AuditEvent.objects.filter(pk=events[1].pk).update(action="changed"))
    _refused(lambda: AuditEvent.objects.all().delete())
    assert AuditEvent.objects.count() == 5


def test_raw_sql_updates_and_deletes_are_refused(events):
    def update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET actor_label = 'someone else'")

    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[3].pk])

    _refused(update)
    _refused(delete)
    assert AuditEvent.objects.filter(actor_label="csprg@example.org").count() == 5


def test_each_event_chains_to_the_one_before(events):
    earlier = AuditEvent.objects.filter(pk__lt=events[0].pk).order_by("-pk").values_list("hash", flat=True).first()
    assert events[0].prev_hash == (earlier or GENESIS)
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash


def test_verify_audit_reports_ok_with_the_count(events):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    total = AuditEvent.objects.count()
    assert f"Audit trail OK: {total} events verified" in out.getvalue()
    assert AuditEvent.objects.order_by("-id").first().hash in out.getvalue()


# Every stored field of an event but its own id and the chain's two hashes.
STORED_FIELDS = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname not in ("id", "prev_hash", "hash")]


def _other_value(event: AuditEvent, attname: str):
    """A value for this field that differs from the event's own, of the field's type."""
    field = next(f for f in AuditEvent._meta.concrete_fields if f.attname == attname)
    value = getattr(event, attname)
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return value - timedelta(hours=1)
    if kind == "ForeignKey":
        return None if value is not None else 1
    if kind in ("CharField", "TextField"):
        return (value or "") + "-changed"
    if kind == "JSONField":
        return {**value, "changed": True}
    if kind == "GenericIPAddressField":
        return "203.0.113.9" if value != "203.0.113.9" else "198.51.100.1"
    raise AssertionError(f"Say how to change a {kind} ({attname}) so its tamper test can run")


def _hashed_fields() -> set[str]:
    """The fields the hash covers, read from event_digest itself: those whose change changes the hash."""
    from dcfp.audit.services import event_digest

    event = AuditEvent(
        at=datetime(2026, 11, 26, 12, tzinfo=UTC),
        actor_id=7,
        actor_label="someone@example.org",
        actor_organisation="An agency",
        category=AuditEvent.Category.CHANGE,
        action="test.event",
        target_type="dcfp.organisation",
        target_id="3",
        target_label="An agency",
        changes={"n": 1},
        ip_address="192.0.2.1",
    )
    digest = event_digest(event, GENESIS)
    hashed = set()
    for attname in STORED_FIELDS:
        changed = copy.copy(event)
        setattr(changed, attname, _other_value(event, attname))
        if event_digest(changed, GENESIS) != digest:
            hashed.add(attname)
    return hashed


def test_the_hash_covers_every_stored_field():
    assert _hashed_fields() == set(STORED_FIELDS)


@pytest.fixture
def target_event(csprg):
    """An event with every field filled in, between two others."""
    from dcfp.audit.context import client_address_as

    record(actor=csprg, action="test.before", target=csprg.organisation)
    with client_address_as("192.0.2.1"):
        event = record(actor=csprg, action="test.event", target=csprg.organisation, after={"n": 1})
    record(actor=csprg, action="test.after", target=csprg.organisation)
    return AuditEvent.objects.get(pk=event.pk)


@pytest.mark.parametrize("attname", STORED_FIELDS)
def test_verify_audit_names_an_event_changed_behind_its_back(target_event, attname):
    assert verify_chain().ok
    changed_to = _other_value(target_event, attname)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        AuditEvent.objects.filter(pk=target_event.pk).update(**{attname: changed_to})
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert getattr(AuditEvent.objects.get(pk=target_event.pk), attname) == changed_to
    with pytest.raises(
        CommandError, match=rf"BROKEN at event id {target_event.pk}: its contents do not match its hash"
    ):
        call_command("verify_audit", stdout=StringIO())


def test_verify_audit_finds_a_rewritten_hash_at_the_next_event(events):
    from dcfp.audit.services import event_digest

    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.action = "nothing.to.see"
    new_hash = event_digest(forged, forged.prev_hash)
    _tamper("UPDATE audit_auditevent SET action = %s, hash = %s WHERE id = %s", [forged.action, new_hash, forged.pk])
    report = verify_chain()
    assert (report.ok, report.broken_id) == (False, events[2].pk)
    assert f"does not match event {events[1].pk}" in report.reason


def test_a_broken_chain_reports_how_far_it_held_and_the_last_good_hash(events):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[3].pk])
    report = verify_chain()
    assert report.ok is False
    assert (report.count, report.head, report.broken_id) == (3, events[2].hash, events[4].pk)
    assert report.reason == (
        f"its previous hash does not match event {events[2].pk} (an event was removed, inserted or rewritten)"
    )


def test_a_changed_event_reports_how_far_the_chain_held(events):
    _tamper("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [events[2].pk])
    report = verify_chain()
    assert (report.ok, report.count, report.head, report.broken_id) == (False, 2, events[1].hash, events[2].pk)
    assert report.reason == "its contents do not match its hash (it was changed after it was written)"


def test_a_first_event_that_does_not_start_the_chain_is_named_as_such(events):
    _tamper("UPDATE audit_auditevent SET prev_hash = %s WHERE id = %s", ["f" * 64, events[0].pk])
    report = verify_chain()
    assert (report.ok, report.count, report.broken_id) == (False, 0, events[0].pk)
    assert "does not match the start of the chain" in report.reason


def test_verify_audit_finds_a_removed_event(events):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[3].pk])
    report = verify_chain()
    assert (report.ok, report.broken_id) == (False, events[4].pk)
    assert "removed" in report.reason


def test_verify_audit_exits_non_zero_when_the_chain_is_broken(events, capsys):
    _tamper("UPDATE audit_auditevent SET ip_address = '203.0.113.9' WHERE id = %s", [events[0].pk])
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "verify_audit"]).execute()
    assert exited.value.code == 1
    assert f"event id {events[0].pk}" in capsys.readouterr().err


def test_verify_audit_reads_in_batches_of_constant_size(csprg, django_assert_num_queries):
    for n in range(7):
        record(actor=csprg, action=f"test.event.{n}")
    total = AuditEvent.objects.count()
    # ceil(total / 3) full or partial batches, then one empty read that ends the walk
    with django_assert_num_queries(-(-total // 3) + 1):
        report = verify_chain(batch_size=3)
    assert (report.ok, report.count) == (True, total)


def test_event_times_are_stored_in_utc(csprg):
    summer = datetime(2026, 7, 1, 12, 0, 5, tzinfo=UTC)  # 13:00:05 in London (BST)
    with time_machine.travel(summer, tick=False):
        event = record(actor=csprg, action="test.event")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.at == summer and stored.at.utcoffset().total_seconds() == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_char(at AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM audit_auditevent WHERE id = %s", [event.pk]
        )
        assert cursor.fetchone()[0] == "12:00:05"


def test_an_access_event_names_the_record_without_an_instance(qa_chair):
    event = access(actor=qa_chair, action="test.view", target_type="notifications.incident", target_id=7)
    assert (event.category, event.target_type, event.target_id) == ("access", "notifications.incident", "7")


def test_signing_in_and_out_is_recorded(client, csprg):
    signed_in(client, csprg)
    client.post(reverse("logout"))
    actions = list(AuditEvent.objects.filter(actor=csprg, category="auth").values_list("action", flat=True))
    assert actions == ["auth.sign_in", "auth.sign_out"]


def test_a_failed_sign_in_records_the_address_typed_but_never_the_password(client, csprg):
    secret = "Wrong-Horse-Battery-Staple-42"
    client.post(reverse("login"), {"username": "CSPRG@example.org", "password": secret})
    client.post(reverse("login"), {"username": "nobody@example.org", "password": secret})
    failed = AuditEvent.objects.filter(action="auth.sign_in_failed").order_by("id")
    assert [e.changes["detail"]["attempted_email"] for e in failed] == ["CSPRG@example.org", "nobody@example.org"]
    assert all(e.actor_id is None for e in failed)
    # The address typed stands as the actor's label, in the sign-in category, cut to the field's length.
    assert [(e.actor_label, e.category) for e in failed] == [
        ("CSPRG@example.org", AuditEvent.Category.AUTH),
        ("nobody@example.org", AuditEvent.Category.AUTH),
    ]
    long_address = "a" * 300 + "@example.org"
    client.post(reverse("login"), {"username": long_address, "password": secret})
    longest = AuditEvent.objects.filter(action="auth.sign_in_failed").latest("id")
    assert longest.actor_label == long_address[:254]
    assert longest.changes["detail"]["attempted_email"] == long_address[:254]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_auditevent WHERE audit_auditevent::text LIKE %s", [f"%{secret}%"])
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_unbroken_chain(csprg):
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def append(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                with transaction.atomic():
                    record(actor=csprg, action=f"test.thread{n}.{i}")
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify_chain()
    assert report.ok, report.reason
    assert AuditEvent.objects.filter(action__startswith="test.thread").count() == 60
    assert AuditEvent.objects.values("prev_hash").distinct().count() == AuditEvent.objects.count()

"""The audit trail's smaller rules: what a read records when it has no record to hand, whose events a
record's trail shows, a failed sign-in with nothing typed, and the verifier reading in batches."""

from io import StringIO

import pytest
from django.contrib.auth.signals import user_login_failed
from django.core.management import call_command

from dcfp.audit.models import AuditEvent
from dcfp.audit.selectors import record_trail
from dcfp.audit.services import access, record, record_many


def test_a_read_with_no_record_to_hand_names_nothing_unless_told(qa_chair):
    search = access(actor=qa_chair, action="test.search", detail={"level": 2})
    assert (search.target_type, search.target_id, search.target_label) == ("", "", "")
    report = access(actor=qa_chair, action="test.report", target_type="thresholds.report", target_label="By level")
    assert (report.target_type, report.target_label) == ("thresholds.report", "By level")


def test_a_records_trail_holds_its_own_changes_and_reads_only(csprg, qa_chair):
    mine = [
        record(actor=csprg, action="test.change", target_type="notifications.incident", target_id=7),
        access(actor=qa_chair, action="test.view", target_type="notifications.incident", target_id=7),
    ]
    # The same id in another table, another record of the same table, and a sign-in event naming it.
    record(actor=csprg, action="test.change", target_type="notifications.referral", target_id=7)
    record(actor=csprg, action="test.change", target_type="notifications.incident", target_id=8)
    record(
        actor=csprg,
        action="test.auth",
        target_type="notifications.incident",
        target_id=7,
        category=AuditEvent.Category.AUTH,
    )
    trail = list(record_trail(target_type="notifications.incident", target_id="7"))
    assert trail == mine[::-1]


@pytest.mark.django_db
@pytest.mark.parametrize("credentials", [None, {}, {"password": "typed-but-never-kept"}])
def test_a_failed_sign_in_with_no_address_typed_records_an_empty_label(credentials):
    user_login_failed.send(sender=__name__, credentials=credentials)
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert (event.actor_id, event.actor_label) == (None, "")
    assert event.changes["detail"] == {"attempted_email": ""}


def test_verify_audit_reads_the_batch_size_it_is_given(csprg, django_assert_num_queries):
    record_many([{"actor": csprg, "action": f"test.event.{n}"} for n in range(5)])
    out = StringIO()
    # three batches of at most two, then the empty read that ends the walk
    with django_assert_num_queries(4):
        call_command("verify_audit", "--batch-size", "2", stdout=out)
    assert "Audit trail OK: 5 events verified" in out.getvalue()


def test_verify_audit_reads_a_thousand_events_a_query_unless_told(csprg, django_assert_num_queries):
    record_many([{"actor": csprg, "action": f"test.event.{n}"} for n in range(1001)])
    out = StringIO()
    with django_assert_num_queries(3):
        call_command("verify_audit", stdout=out)
    assert "Audit trail OK: 1001 events verified" in out.getvalue()

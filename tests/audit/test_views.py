"""The QA chair's page of who has looked at a record, and the link to it other pages include."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from dcfp.audit.services import access, record
from tests.conftest import assert_not_found


@pytest.fixture
def target(practitioner):
    """The record whose trail is looked at (any model works; the page is about the audit rows)."""
    return practitioner.organisation


def _url(obj, **params) -> str:
    url = reverse("audit:record_trail", kwargs={"target_type": obj._meta.label_lower, "target_id": obj.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_qa_chair_sees_who_looked_and_who_changed_with_uk_and_utc_times(sign_in, qa_chair, partner_rep, csprg, target):
    with time_machine.travel(datetime(2026, 7, 1, 12, 0, 5, tzinfo=UTC), tick=False):
        access(actor=partner_rep, action="notifications.incident.view", target=target)
    with time_machine.travel(datetime(2026, 12, 1, 9, 30, 0, tzinfo=UTC), tick=False):
        record(actor=csprg, action="notifications.incident.update", target=target)
    page = sign_in(qa_chair).get(_url(target)).content.decode()
    assert "Priya Shah" in page and "Devon and Cornwall Police" in page
    assert "Casey Price" in page and "Devon County Council" in page
    assert "notifications.incident.view" in page and "notifications.incident.update" in page
    assert "1 Jul 2026, 13:00:05 BST" in page and "12:00:05 UTC" in page
    assert "1 Dec 2026, 09:30:00 GMT" in page and "09:30:00 UTC" in page


def test_the_organisation_shown_is_the_one_the_person_was_in_when_they_looked(
    sign_in, qa_chair, partner_rep, charity, target
):
    access(actor=partner_rep, action="notifications.incident.view", target=target)
    partner_rep.organisation = charity
    partner_rep.save(update_fields=["organisation"])
    page = sign_in(qa_chair).get(_url(target)).content.decode()
    assert "Devon and Cornwall Police" in page
    assert "Family Support Network" not in page


def test_other_records_and_sign_in_events_stay_off_the_page(sign_in, qa_chair, partner_rep, target, council):
    access(actor=partner_rep, action="looked.at.another", target=council)
    page = sign_in(qa_chair).get(_url(target)).content.decode()
    assert "looked.at.another" not in page
    assert "auth.sign_in" not in page


def test_viewing_the_trail_is_itself_recorded(sign_in, qa_chair, target):
    sign_in(qa_chair).get(_url(target, page=1))
    event = AuditEvent.objects.get(action="audit.record_trail.view")
    assert (event.actor, event.category) == (qa_chair, "access")
    assert (event.target_type, event.target_id) == ("dcfp.organisation", str(target.pk))


@pytest.mark.parametrize("persona", ["csprg", "partner_rep", "executive", "admin_user", "other_agency", "qa_member"])
def test_everyone_but_the_qa_chair_gets_404(request, sign_in, persona, target):
    response = sign_in(request.getfixturevalue(persona)).get(_url(target))
    assert_not_found(response)
    assert not AuditEvent.objects.filter(action="audit.record_trail.view").exists()


def test_other_agency_gets_404_on_the_trail(sign_in, other_agency, target):
    assert_not_found(sign_in(other_agency).get(_url(target)))


def test_nobody_signed_in_is_sent_to_sign_in(client, target):
    assert client.get(_url(target)).status_code == 302


def test_an_unknown_kind_of_record_is_404_even_for_the_qa_chair(sign_in, qa_chair):
    url = reverse("audit:record_trail", kwargs={"target_type": "nothing.here", "target_id": "1"})
    assert_not_found(sign_in(qa_chair).get(url))


def test_the_trail_pages_fifty_events_at_a_time(sign_in, qa_chair, partner_rep, target):
    for n in range(60):
        access(actor=partner_rep, action=f"test.view.{n:02d}", target=target)
    client = sign_in(qa_chair)
    first = client.get(_url(target)).content.decode()
    # newest first: the QA chair's own visit, then views 59 down to 11
    assert "test.view.59" in first and "test.view.11" in first and "test.view.10" not in first
    assert 'rel="next"' in first
    second = client.get(_url(target, page=2)).content.decode()
    assert "test.view.10" in second and "test.view.00" in second and "test.view.59" not in second
    assert "Events 51 to 62 of 62" in second  # 60 views and the QA chair's own two


def test_the_trail_takes_the_same_number_of_queries_however_many_events(sign_in, qa_chair, partner_rep, csprg, target):
    client = sign_in(qa_chair)
    client.get(_url(target))  # warm the session and the role lookup paths

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(target)).status_code == 200
        return len(captured)

    access(actor=partner_rep, action="test.view", target=target)
    few = queries()
    for n in range(20):
        record(actor=csprg if n % 2 else partner_rep, action="test.change", target=target)
    assert queries() == few


def _link(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("audit/includes/record_access_link.html", {"record": user.organisation}, request=request)


def test_the_record_page_link_shows_only_to_the_qa_chair(qa_chair, csprg, other_agency):
    assert f'href="/audit/records/dcfp.organisation/{qa_chair.organisation_id}/"' in _link(qa_chair)
    assert "href" not in _link(csprg)
    assert "href" not in _link(other_agency)


@pytest.mark.parametrize(
    "path",
    [
        "/audit/records/dcfp.organisation/1%00/",
        "/audit/records/dcfp.organisation%00/1/",
        "/audit/records/dcfp.organisation/not-a-number/",
    ],
)
def test_a_trail_url_naming_no_possible_record_is_404_not_a_server_error(sign_in, qa_chair, path):
    client = sign_in(qa_chair)
    client.raise_request_exception = False
    assert_not_found(client.get(path))


def test_a_page_number_the_trail_cannot_read_shows_the_first_page(sign_in, qa_chair, target):
    client = sign_in(qa_chair)
    client.raise_request_exception = False
    assert client.get(_url(target) + "?page=%00").status_code == 200
    event = AuditEvent.objects.filter(action="audit.record_trail.view").latest("id")
    assert event.changes["detail"] == {"page": "1"}

"""The shared copy to the Executive: access as a rule, a message, one copy per member, later joiners,
opening counted from the record page and the PDF, and the member's own list of copies."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp import services as people
from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from dcfp.copies import selectors
from dcfp.copies.models import CopiedDocument, Copy
from dcfp.copies.registry import kind_of
from dcfp.copies.services import copy_open, copy_to_executive
from dcfp.models import Organisation
from notifications import services
from notifications.models import Incident, IncidentUserObjectPermission
from notifications.permissions import can_view_incident, visible_incidents
from tests.factories import UserFactory


def _copy(incident: Incident, text: str = "agreed") -> CopiedDocument:
    return copy_to_executive(
        obj=incident,
        subject=f"{incident.reference} copied",
        body=f"It is {text}.",
        link=f"/notifications/{incident.pk}/",
    )


def test_each_active_executive_member_gets_one_copy_a_message_and_read_access(awaiting, executive, police, csprg):
    second = UserFactory(organisation=police, roles=["executive"])
    gone = UserFactory(organisation=police, roles=["executive"])
    gone.is_active = False
    gone.save()
    assert not can_view_incident(executive, awaiting)

    _copy(awaiting)
    _copy(awaiting)

    assert set(Copy.objects.values_list("member", flat=True)) == {executive.pk, second.pk}
    assert Message.objects.filter(recipient=executive, subject=f"{awaiting.reference} copied").count() == 1
    assert can_view_incident(executive, awaiting) and can_view_incident(second, awaiting)
    assert not can_view_incident(gone, awaiting)
    assert AuditEvent.objects.filter(action="notifications.executive_copy.create").count() == 2
    # Access is the rule on the copy, not a stored object permission.
    assert not IncidentUserObjectPermission.objects.exists()


def test_a_new_conclusion_tells_every_member_again_without_a_second_copy(awaiting, executive):
    _copy(awaiting, "agreed")
    _copy(awaiting, "withdrawn")
    assert Copy.objects.filter(member=executive).count() == 1
    assert list(Message.objects.filter(recipient=executive).order_by("id").values_list("body", flat=True)) == [
        "It is agreed.",
        "It is withdrawn.",
    ]


def test_the_copy_gives_view_only_never_change(awaiting, executive):
    _copy(awaiting)
    assert list(visible_incidents(executive)) == [awaiting]
    from dcfp.permissions import has_object_permission

    assert not has_object_permission(executive, "change", awaiting)


def test_taking_the_executive_role_away_ends_access_at_once_and_giving_it_back_restores_it(sign_in, agreed, executive):
    client = sign_in(executive)
    page = reverse("notifications:detail", args=[agreed.pk])
    assert client.get(page).status_code == 200

    people.person_set_roles(user=executive, roles=[])
    assert client.get(page).status_code == 404
    assert client.get(reverse("notifications:executive_copy_pdf", args=[agreed.pk])).status_code == 404
    assert client.get(reverse("copies:list")).status_code == 404
    assert not visible_incidents(executive).exists()

    people.person_set_roles(user=executive, roles=["executive"])
    assert client.get(page).status_code == 200
    assert Copy.objects.filter(member=executive).count() == 1


def test_someone_who_joins_the_executive_later_gets_the_earlier_copies_listed_as_such(
    sign_in, agreed, executive, police
):
    newcomer = UserFactory(organisation=police, roles=["partner_rep"])
    people.person_set_roles(user=newcomer, roles=["executive"])

    copy = Copy.objects.get(member=newcomer)
    assert copy.before_joining and copy.object_id == agreed.pk
    assert not Copy.objects.get(member=executive).before_joining
    client = sign_in(newcomer)
    listing = client.get(reverse("copies:list")).content.decode()
    assert agreed.reference in listing
    assert "Before you joined the Executive" in listing
    detail = client.get(reverse("notifications:detail", args=[agreed.pk])).content.decode()
    assert "copied to the Executive before you joined it" in detail


def test_a_document_copied_while_nobody_held_the_role_reaches_the_first_member(awaiting, police):
    _copy(awaiting)
    assert not Copy.objects.exists()
    first = UserFactory(organisation=police, roles=["executive"])
    assert Copy.objects.get(member=first).before_joining
    assert can_view_incident(first, awaiting)


def test_reading_the_record_page_counts_as_opening_the_copy_as_the_pdf_does(sign_in, agreed, executive, time_machine):
    time_machine.move_to("2026-11-26 23:50:00+00:00", tick=False)
    client = sign_in(executive)
    assert client.get(reverse("notifications:detail", args=[agreed.pk])).status_code == 200
    copy = Copy.objects.get(member=executive)
    assert copy.open_count == 1 and copy.first_opened_at.isoformat() == "2026-11-26T23:50:00+00:00"

    time_machine.move_to("2026-11-27 00:05:00+00:00", tick=False)
    response = client.get(reverse("notifications:executive_copy_pdf", args=[agreed.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    copy.refresh_from_db()
    assert copy.open_count == 2
    assert copy.first_opened_at.date() == date(2026, 11, 26) and copy.last_opened_at.date() == date(2026, 11, 27)
    assert AuditEvent.objects.filter(action="notifications.executive_copy.open", actor=executive).count() == 2


def test_nobody_opens_a_copy_that_is_not_theirs(agreed, csprg, other_agency):
    from django.core.exceptions import PermissionDenied

    for person in (csprg, other_agency):
        with pytest.raises(PermissionDenied):
            copy_open(obj=agreed, reader=person)


def test_only_registered_documents_are_copied(awaiting, executive):
    with pytest.raises(LookupError):
        copy_to_executive(obj=executive.organisation, subject="s", body="b", link="/")
    assert kind_of(Incident).noun == "notification"
    assert Organisation not in [type(d) for d in Copy.objects.all()]


def test_a_notification_withdrawn_after_it_was_sent_for_agreement_is_copied_with_its_reason(awaiting, csprg, executive):
    services.incident_withdraw(incident=awaiting, actor=csprg, reason="Logged twice")
    assert can_view_incident(executive, awaiting)
    message = Message.objects.get(recipient=executive)
    assert "withdrawn after it was sent for agreement (Logged twice)" in message.body


def test_a_draft_withdrawn_before_it_was_ever_sent_for_agreement_is_not_copied(make_incident, csprg, executive):
    draft = make_incident()
    services.incident_withdraw(incident=draft, actor=csprg, reason="Logged in error")
    assert not Copy.objects.exists()
    assert not can_view_incident(executive, draft)


@pytest.mark.parametrize("persona", ["csprg", "qa_chair", "partner_rep", "agency_lead", "other_agency", "admin_user"])
def test_only_executive_members_have_a_list_of_copies(request, sign_in, persona, agreed):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(reverse("copies:list")).status_code == 404


def _many_copies(executive, csprg, count: int, start: int) -> None:
    from tests.alerts.conftest import build_incidents

    for incident in build_incidents([date(2026, 11, 20)] * count, created_by=csprg, status="agreed", start=start):
        _copy(incident)


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_list_of_copies_costs_the_same_queries_at_5_and_50_rows_and_links_a_window_of_pages(
    sign_in, executive, csprg
):
    client = sign_in(executive)
    _many_copies(executive, csprg, 5, 0)
    client.get(reverse("copies:list"))
    few, _ = _queries(client, reverse("copies:list"))
    _many_copies(executive, csprg, 45, 100)
    many, _ = _queries(client, reverse("copies:list"))
    assert few == many
    _many_copies(executive, csprg, 300, 1000)
    _, page = _queries(client, reverse("copies:list") + "?page=7")
    numbers = re.findall(r'aria-label="Page (\d+)"', page)
    assert numbers == ["1", "5", "6", "7", "8", "9", "14"]


def test_the_dashboard_lists_the_oldest_unopened_copies_capped_with_a_link_to_all(sign_in, executive, csprg):
    _many_copies(executive, csprg, 12, 0)
    rows, total = selectors.copies_not_opened(executive)
    assert total == 12 and len(rows) == selectors.PANEL_LIMIT
    page = sign_in(executive).get("/").content.decode()
    assert "12 copies sent to you and not opened yet; the oldest 10" in page
    assert page.count("DCFP-T-") == 10
    assert 'href="/copies/">See all your copies</a>' in page


def test_the_dashboard_count_of_unopened_copies_stops_at_its_cap(sign_in, executive, csprg, monkeypatch):
    _many_copies(executive, csprg, 12, 0)
    monkeypatch.setattr(selectors, "COUNT_CAP", 10)
    page = sign_in(executive).get("/").content.decode()
    assert "More than 10 copies sent to you and not opened yet; the oldest 10" in page

"""An Executive member's unfiltered incident list is counted from their copies alone (one per incident),
never by joining every copy with the incidents; a filtered list, or a member whom anything but their copies
also reaches, counts the rows themselves. Either way the count is the number of rows the list holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.permissions import grant
from notifications import permissions
from notifications.executive import executive_copy_all
from notifications.models import Incident

pytestmark = pytest.mark.usefixtures("on_26_november_2026")


@pytest.fixture
def copied(make_incident, executive):
    """Three incidents copied to the Executive member, and one that is not."""
    incidents = [make_incident(summary=f"Copied {n}.") for n in range(3)]
    for incident in incidents:
        executive_copy_all(incident=incident)
    make_incident(summary="Not copied.")
    return incidents


def _counted(client, url: str) -> tuple[int, list[str]]:
    """The list's count and the SQL of the counting queries its request ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    count = response.json()["count"] if url.startswith("/api/") else response.context["page"].paginator.count
    return count, [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]


LISTS = [reverse("notifications:list"), reverse("api:incident-list")]


@pytest.mark.parametrize("url", LISTS)
def test_the_unfiltered_list_is_counted_from_the_members_copies(sign_in, executive, copied, url):
    count, counting = _counted(sign_in(executive), url)
    assert count == permissions.visible_incidents(executive).count() == 3
    (copies,) = [sql for sql in counting if 'FROM "copies_copy"' in sql.split("WHERE")[0]]
    assert "notifications_incident" not in copies
    assert not any('FROM "notifications_incident"' in sql for sql in counting)


@pytest.mark.parametrize("url", LISTS)
def test_a_filtered_list_counts_its_rows(sign_in, executive, copied, url):
    Incident.objects.filter(pk=copied[0].pk).update(status=Incident.Status.WITHDRAWN, withdrawn_reason="Twice")
    count, counting = _counted(sign_in(executive), f"{url}?status=draft")
    assert count == 2
    assert any('FROM "notifications_incident"' in sql for sql in counting)


@pytest.mark.parametrize("url", LISTS)
def test_a_member_whom_a_grant_also_reaches_is_counted_from_the_rows(sign_in, executive, copied, make_incident, url):
    granted = make_incident(summary="Granted to the member's organisation.")
    grant("view", executive.organisation, granted)
    count, counting = _counted(sign_in(executive), url)
    assert count == permissions.visible_incidents(executive).count() == 4
    assert any('FROM "notifications_incident"' in sql for sql in counting)


@pytest.mark.parametrize("url", LISTS)
def test_the_csprg_list_is_counted_from_the_incidents(sign_in, csprg, copied, url):
    count, counting = _counted(sign_in(csprg), url)
    assert count == Incident.objects.count() == 4
    assert not any('FROM "copies_copy"' in sql.split("WHERE")[0] for sql in counting)


def test_the_executive_list_costs_the_same_queries_with_2_or_20_copies(sign_in, executive, make_incident):
    client = sign_in(executive)

    def copy(n: int) -> None:
        for i in range(n):
            executive_copy_all(incident=make_incident(summary=f"Incident {i}."))

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    copy(2)
    client.get("/")  # one-off session work after signing in
    few = [queries(url) for url in LISTS]
    copy(18)
    assert [queries(url) for url in LISTS] == few

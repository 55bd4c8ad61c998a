"""The incident list's filters: one FilterSet for the page and the API, and every search recorded in
the audit trail (who searched, for what, how many rows)."""

from datetime import date

import django_filters
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from dcfp.lists import ListFilterSet
from notifications.models import Incident
from tests.conftest import assert_not_found
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_26_november_2026(on_26_november_2026):
    """Every dated state here (overdue included) is as on 26 November 2026."""


LIST = "notifications:list"
API = "api:incident-list"


@pytest.fixture
def three(make_incident):
    """Two incidents in Devon (aware 2 October and 3 November) and one in Exeter."""
    exeter = AreaFactory(
        code="exeter", name="Exeter", responsible_authority="Devon County Council", in_jurisdiction=True
    )
    return {
        "devon_october": make_incident(occurred_on=date(2026, 10, 1), aware_on=date(2026, 10, 2)),
        "devon_november": make_incident(),
        "exeter": make_incident(area=exeter),
    }


def _searches() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="notifications.incident.search").order_by("id"))


def test_a_filtered_list_page_is_recorded_with_what_was_searched_for_and_how_many_rows(sign_in, csprg, three):
    client = sign_in(csprg)
    html = client.get(
        reverse(LIST),
        {"area": "devon", "aware_from_day": "1", "aware_from_month": "11", "aware_from_year": "2026"},
    ).content.decode()
    assert three["devon_november"].reference in html
    assert three["devon_october"].reference not in html and three["exeter"].reference not in html
    [search] = _searches()
    assert search.actor == csprg
    assert search.category == AuditEvent.Category.ACCESS
    assert search.target_type == "notifications.incident"
    assert search.changes["detail"] == {"filters": {"area": "devon", "aware_from": "2026-11-01"}, "rows": 1}


def test_a_filtered_api_list_is_recorded_the_same_way(sign_in, csprg, three):
    response = sign_in(csprg).get(reverse(API), {"area": "devon", "status": "draft"})
    assert response.status_code == 200
    assert response.json()["count"] == 2
    [search] = _searches()
    assert search.actor == csprg
    assert search.changes["detail"] == {"filters": {"area": "devon", "status": "draft"}, "rows": 2}


def test_an_unfiltered_list_is_not_a_search(sign_in, csprg, three):
    client = sign_in(csprg)
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(API)).status_code == 200
    assert client.get(reverse(LIST), {"page": "1", "status": ""}).status_code == 200
    assert _searches() == []


@pytest.mark.parametrize(
    "filters",
    [
        {"area": "exeter"},
        {"aware_to": "2026-10-31"},
        {"clock": "overdue"},
        {"status": "draft", "area": "devon"},
    ],
)
def test_the_page_and_the_api_select_the_same_incidents_for_the_same_filters(sign_in, csprg, three, filters):
    client = sign_in(csprg)
    api = {row["reference"] for row in client.get(reverse(API), filters).json()["results"]}
    html = client.get(reverse(LIST), filters).content.decode()
    page = {i.reference for i in Incident.objects.all() if i.reference in html}
    assert api == page
    assert api  # each case selects something, so agreeing on nothing proves nothing
    assert [s.changes["detail"]["rows"] for s in _searches()] == [len(api), len(api)]


def test_a_filter_that_is_not_valid_gets_the_same_message_on_the_page_and_from_the_api(sign_in, csprg, three):
    client = sign_in(csprg)
    backwards = {"aware_from": "2026-11-03", "aware_to": "2026-11-01"}
    response = client.get(reverse(API), backwards)
    assert response.status_code == 400
    assert response.json() == {"aware_to": ["The 'to' date must be the same as or after the 'from' date"]}
    html = client.get(reverse(LIST), backwards).content.decode()
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in html
    unknown = client.get(reverse(API), {"area": "atlantis"})
    assert unknown.status_code == 400 and list(unknown.json()) == ["area"]
    assert _searches() == []  # nothing was searched


def test_another_agency_searching_the_api_gets_404_and_nothing_is_recorded(sign_in, other_agency, three):
    assert_not_found(sign_in(other_agency).get(reverse(API), {"area": "devon"}))
    assert_not_found(sign_in(other_agency).get(reverse(LIST), {"area": "devon"}))
    assert _searches() == []


def test_an_executive_member_searches_only_the_copies_they_were_given(sign_in, executive, three):
    response = sign_in(executive).get(reverse(API), {"area": "devon"})
    assert response.json()["count"] == 0
    [search] = _searches()
    assert search.changes["detail"]["rows"] == 0


def test_a_list_filter_set_must_name_its_audit_action():
    with pytest.raises(TypeError, match="audit_action"):

        class Unrecorded(ListFilterSet):
            status = django_filters.CharFilter()

            class Meta:
                model = Incident
                fields: list[str] = []


def _count(client, url, params) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_filtered_page_and_api_queries_stay_flat_from_5_to_50_rows(sign_in, csprg, make_incident):
    client = sign_in(csprg)
    params = {"status": "draft", "area": "devon", "page_size": "50"}
    for _ in range(5):
        make_incident()
    few = (_count(client, reverse(LIST), params), _count(client, reverse(API), params))
    for _ in range(45):
        make_incident()
    assert Incident.objects.count() == 50
    assert (_count(client, reverse(LIST), params), _count(client, reverse(API), params)) == few

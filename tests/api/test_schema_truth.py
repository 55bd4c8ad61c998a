"""What the published schema says about errors, lists and filters, and that the API does as it says."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture
def schema(db):
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_change_to_an_incident_declares_its_error_answers(schema):
    for path in ("/api/v1/notifications/incidents/{id}/", "/api/v1/notifications/incidents/{id}/conclude/"):
        operation = schema["paths"][path]["put" if path.endswith("{id}/") else "post"]
        assert {"400", "401", "403", "404", "409", "429"} <= set(operation["responses"]), path


def test_the_list_is_documented_as_the_paged_object_it_returns(schema):
    answer = schema["paths"]["/api/v1/notifications/incidents/"]["get"]["responses"]["200"]
    name = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][name]["properties"]) == {"count", "next", "previous", "results"}


def test_the_schema_states_the_paging_range_and_that_a_filter_needs_a_value(schema):
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/notifications/incidents/"]["get"]["parameters"]
    }
    assert parameters["page"]["minimum"] == 1
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100)
    assert parameters["area"]["minLength"] == 1


def test_an_empty_filter_or_a_page_size_out_of_range_is_refused(sign_in, csprg):
    client = sign_in(csprg)
    url = reverse("api:incident-list")
    assert client.get(url, {"area": ""}).json() == {"area": ["Enter a value, or leave this filter out"]}
    assert client.get(url, {"status": ""}).status_code == 400
    for size in ("0", "101", "-3", "ten"):
        response = client.get(url, {"page_size": size})
        assert response.status_code == 400, size
        assert response.json() == {"page_size": ["Enter a whole number from 1 to 100"]}
    assert client.get(url, {"page_size": "100"}).status_code == 200


def test_an_api_address_with_no_route_answers_json_404(sign_in, csprg):
    response = sign_in(csprg).get("/api/v1/notifications/incidents/-1/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}

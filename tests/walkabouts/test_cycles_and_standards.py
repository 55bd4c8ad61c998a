"""Opening a cycle and publishing a new version of the standards, on the pages and through the API: the
QA Group only, and a new version never changes an assessment planned against an older one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from walkabouts import services
from walkabouts.models import Cycle, StandardVersion

pytestmark = pytest.mark.django_db

CYCLE_FORM = {
    "name": "2027-28",
    "starts_on_day": "1",
    "starts_on_month": "4",
    "starts_on_year": "2027",
    "ends_on_day": "31",
    "ends_on_month": "3",
    "ends_on_year": "2028",
}


def test_the_qa_group_opens_a_cycle_and_it_is_listed(sign_in, qa_member):
    client = sign_in(qa_member)
    response = client.post(reverse("walkabouts:cycle_open"), CYCLE_FORM)
    assert response.status_code == 302
    assert "2027-28" in client.get(reverse("walkabouts:cycles")).content.decode()
    assert AuditEvent.objects.filter(action="walkabouts.cycle.create", actor=qa_member).exists()


def test_a_cycle_that_ends_before_it_starts_keeps_what_was_typed(sign_in, qa_member):
    client = sign_in(qa_member)
    response = client.post(reverse("walkabouts:cycle_open"), {**CYCLE_FORM, "ends_on_year": "2026"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The cycle must end after it starts" in html and 'value="2027-28"' in html
    assert not Cycle.objects.exists()


def test_a_second_cycle_of_the_same_name_is_refused(sign_in, qa_member, cycle):
    response = sign_in(qa_member).post(reverse("walkabouts:cycle_open"), {**CYCLE_FORM, "name": "2026-27"})
    assert "There is already a cycle called 2026-27" in response.content.decode()


def test_an_agency_lead_reads_the_cycles_but_cannot_open_one(sign_in, agency_lead, other_agency, cycle):
    client = sign_in(agency_lead)
    html = client.get(reverse("walkabouts:cycles")).content.decode()
    assert "2026-27" in html and "Open a cycle" not in html
    assert client.get(reverse("walkabouts:cycle_open")).status_code == 404
    with pytest.raises(PermissionDenied, match="Only the QA Group opens assessment cycles"):
        services.cycle_create(actor=other_agency, name="2030-31", starts_on=cycle.starts_on, ends_on=cycle.ends_on)
    answer = client.post(
        reverse("api:walkabouts-cycles"),
        {"name": "2027-28", "starts_on": "2027-04-01", "ends_on": "2028-03-31"},
        content_type="application/json",
    )
    assert answer.status_code == 403 and answer.json()["detail"] == "Only the QA Group opens assessment cycles."


def test_the_api_opens_a_cycle_and_refuses_dates_out_of_order(sign_in, qa_member):
    client = sign_in(qa_member)
    url = reverse("api:walkabouts-cycles")
    bad = client.post(url, {"name": "2027-28", "starts_on": "2027-04-01", "ends_on": "2027-03-31"}, "application/json")
    assert bad.status_code == 400 and bad.json() == {"ends_on": ["The cycle must end after it starts"]}
    made = client.post(url, {"name": "2027-28", "starts_on": "2027-04-01", "ends_on": "2028-03-31"}, "application/json")
    assert made.status_code == 201 and made.json()["name"] == "2027-28"


def _publish_form(client) -> dict:
    """The publish page's fields as it offers them (the current version's wording), changed for training."""
    form = client.get(reverse("walkabouts:standards_publish")).context["form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    data["title_training"] = "Training that every member of staff completes"
    data["notes"] = "Training reworded."
    return data


def test_publishing_a_new_version_leaves_an_assessment_already_planned_on_its_own(sign_in, qa_member, plan):
    planned = plan()
    client = sign_in(qa_member)
    response = client.post(reverse("walkabouts:standards_publish"), _publish_form(client))
    assert response.status_code == 302
    latest = StandardVersion.objects.order_by("-number").first()
    assert latest.number == 2 and latest.standards.count() == 8
    assert latest.standards.get(key="training").title == "Training that every member of staff completes"
    planned.refresh_from_db()
    assert planned.standard_version.number == 1
    assert planned.standard_version.standards.get(key="training").title != latest.standards.get(key="training").title
    assert (
        "Training that every member of staff completes" in client.get(reverse("walkabouts:standards")).content.decode()
    )


def test_a_version_with_an_empty_standard_is_refused_and_keeps_what_was_typed(sign_in, qa_member, plan):
    plan()
    client = sign_in(qa_member)
    data = {**_publish_form(client), "good_training": ""}
    response = client.post(reverse("walkabouts:standards_publish"), data)
    html = response.content.decode()
    assert response.status_code == 400 and "Enter what good looks like" in html
    assert "Training that every member of staff completes" in html
    assert StandardVersion.objects.count() == 1


def test_the_api_publishes_a_version_for_the_qa_group_only(sign_in, qa_member, agency_lead, plan):
    plan()
    body = {
        "notes": "Training only.",
        "standards": [{"key": "training", "title": "Training", "what_good_looks_like": "All trained."}],
    }
    url = reverse("api:walkabouts-standards")
    assert sign_in(agency_lead).post(url, body, "application/json").status_code == 403
    answer = sign_in(qa_member).post(url, body, "application/json")
    assert answer.status_code == 201 and answer.json()["number"] == 2
    with pytest.raises(ValidationError):
        services.standards_publish(
            actor=qa_member, notes="Twice.", standards=[body["standards"][0], body["standards"][0]]
        )


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more(qa_member, first_year: int, n: int) -> None:
    from datetime import date

    standards = [{"key": "training", "title": "Training", "what_good_looks_like": "All trained."}]
    for year in range(first_year, first_year + n):
        services.cycle_create(
            actor=qa_member,
            name=f"{year}-{(year + 1) % 100:02}",
            starts_on=date(year, 4, 1),
            ends_on=date(year + 1, 3, 31),
        )
        services.standards_publish(actor=qa_member, notes=f"Version of {year}.", standards=standards)


@pytest.mark.parametrize(
    "route", ["walkabouts:cycles", "walkabouts:standards", "api:walkabouts-cycles", "api:walkabouts-standards"]
)
def test_cycles_and_standards_cost_the_same_queries_at_2_and_20_rows(sign_in, qa_member, plan, route):
    plan()  # the first version of the standards
    client = sign_in(qa_member)
    _more(qa_member, 2030, 2)
    few = _queries(client, reverse(route))
    _more(qa_member, 2040, 18)
    assert _queries(client, reverse(route)) == few

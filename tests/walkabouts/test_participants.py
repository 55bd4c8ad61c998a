"""A walkabout's front-line participants are counted by role from a fixed list, never named: in the
service, the database, the planning page, the API and its schema, the assessment page and the report."""

import io

import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from dcfp.audit.models import AuditEvent
from walkabouts import selectors
from walkabouts.models import Assessment, WalkaboutParticipant
from walkabouts.pdf import render_report

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _counts(assessment) -> list[tuple[str, int]]:
    return [(p.role, p.count) for p in WalkaboutParticipant.objects.filter(assessment=assessment)]


# The service


def test_participants_are_kept_by_role_in_the_fixed_order_and_audited_as_roles_and_counts(plan):
    assessment = plan(participants={"team_manager": 1, "police_officer": 2, "health_visitor": 3})
    assert _counts(assessment) == [("team_manager", 1), ("health_visitor", 3), ("police_officer", 2)]
    assert [p.label for p in assessment.participants.all()] == [
        "1 team manager",
        "3 health visitors",
        "2 police officers",
    ]
    event = AuditEvent.objects.get(action="walkabouts.assessment.plan", target_id=str(assessment.pk))
    assert event.changes["after"]["participants"] == [
        {"role": "team_manager", "count": 1},
        {"role": "health_visitor", "count": 3},
        {"role": "police_officer", "count": 2},
    ]


def test_a_walkabout_may_be_planned_with_no_participants(plan):
    assert _counts(plan(participants={})) == []


@pytest.mark.parametrize(
    ("participants", "field", "message"),
    [
        ({"health_visitor": 0}, "participants_health_visitor", "The number of health visitors must be a whole number"),
        ({"teacher": -2}, "participants_teacher", "The number of teachers must be a whole number from 1 to 999"),
        ({"teacher": 1000}, "participants_teacher", "The number of teachers must be a whole number from 1 to 999"),
        ({"teacher": "2"}, "participants_teacher", "The number of teachers must be a whole number"),
        ({"Jamie Smith": 1}, "participants", "Choose each role from the list of front-line roles"),
    ],
)
def test_an_unknown_role_or_a_count_below_1_is_refused_and_nothing_is_planned(plan, participants, field, message):
    with pytest.raises(ValidationError) as error:
        plan(participants=participants)
    assert error.value.message_dict[field][0].startswith(message)
    assert "Jamie" not in str(error.value.message_dict)
    assert not Assessment.objects.exists()


def test_a_self_assessment_has_no_front_line_participants(plan):
    with pytest.raises(ValidationError) as error:
        plan(route=Assessment.Route.SELF_ASSESSMENT, visit_on=None, participants={"teacher": 2})
    assert error.value.message_dict["participants"] == ["Front-line participants are recorded for a walkabout only"]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("role", "count"),
    [("health_visitor", 0), ("health_visitor", 1000), ("Jamie Smith", 1), ("team_manager", 2)],
)
def test_the_database_refuses_a_count_out_of_range_an_unknown_role_and_a_role_twice(plan, role, count):
    assessment = plan(participants={"team_manager": 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        WalkaboutParticipant.objects.create(assessment=assessment, role=role, count=count)
    assert _counts(assessment) == [("team_manager", 1)]


# The planning page


def _plan_form(cycle, nursing, **counts) -> dict:
    return {
        "cycle": cycle.pk,
        "organisation": nursing.pk,
        "route": "walkabout",
        "visit_on_day": "14",
        "visit_on_month": "10",
        "visit_on_year": "2026",
        **{f"participants_{role}": value for role, value in counts.items()},
    }


def test_the_planning_page_asks_for_a_count_per_role_under_one_labelled_question(sign_in, qa_member, cycle):
    html = sign_in(qa_member).get(reverse("walkabouts:plan")).content.decode()
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Front-line participants (optional)' in html
    assert "Roles only: never a name." in html
    assert '<label class="govuk-label" for="id_participants_health_visitor">Health visitors</label>' in html
    assert 'name="participants_designated_safeguarding_lead"' in html and 'inputmode="numeric"' in html
    assert "<textarea" not in html  # nowhere to type a name


def test_the_planning_page_saves_the_counts_and_an_empty_or_0_count_means_nobody(sign_in, qa_member, cycle, nursing):
    form = _plan_form(cycle, nursing, health_visitor="2", team_manager="", teacher="0", school_nurse=" 1 ")
    response = sign_in(qa_member).post(reverse("walkabouts:plan"), form)
    assessment = Assessment.objects.get()
    assert response.url == reverse("walkabouts:detail", args=[assessment.pk])
    assert _counts(assessment) == [("health_visitor", 2), ("school_nurse", 1)]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Jamie Smith", "Enter the number of health visitors as a whole number, like 2"),
        ("-1", "The number of health visitors must be 0 or more"),
        ("1000", "The number of health visitors must be 999 or fewer"),
    ],
)
def test_a_count_that_is_not_a_number_is_refused_next_to_its_field_and_linked_from_the_summary(
    sign_in, qa_member, cycle, nursing, typed, message
):
    response = sign_in(qa_member).post(reverse("walkabouts:plan"), _plan_form(cycle, nursing, health_visitor=typed))
    html = response.content.decode()
    assert f'<li><a href="#id_participants_health_visitor">{message}</a></li>' in html
    assert 'id="id_participants_health_visitor-error" class="govuk-error-message">' in html
    assert not Assessment.objects.exists()


def test_counts_for_a_self_assessment_are_refused_on_the_page(sign_in, qa_member, cycle, nursing):
    form = {**_plan_form(cycle, nursing, teacher="2"), "route": "self_assessment"}
    html = sign_in(qa_member).post(reverse("walkabouts:plan"), form).content.decode()
    assert "Front-line participants are recorded for a walkabout only" in html
    assert not Assessment.objects.exists()


# The API


def test_the_api_plans_a_walkabout_with_participants_as_roles_and_counts(sign_in, qa_member, cycle, nursing):
    body = {
        "cycle": cycle.name,
        "route": "walkabout",
        "organisation": nursing.pk,
        "visit_on": "2026-10-14",
        "participants": [{"role": "teacher", "count": 4}, {"role": "social_worker", "count": 1}],
    }
    made = sign_in(qa_member).post(reverse("api:walkabouts-assessment-list"), body, JSON)
    assert made.status_code == 201
    assert made.json()["participants"] == [{"role": "social_worker", "count": 1}, {"role": "teacher", "count": 4}]


@pytest.mark.parametrize(
    "participants",
    [
        [{"role": "Jamie Smith", "count": 1}],
        [{"role": "teacher", "count": 0}],
        [{"role": "teacher", "count": -1}],
        [{"role": "teacher", "count": 1000}],
        [{"role": "teacher", "count": 1}, {"role": "teacher", "count": 2}],
        [{"role": "teacher"}],
        "2 teachers",
    ],
)
def test_the_api_refuses_an_unknown_role_a_count_below_1_or_a_role_twice_with_400(
    sign_in, qa_member, cycle, nursing, participants
):
    body = {
        "cycle": cycle.name,
        "route": "walkabout",
        "organisation": nursing.pk,
        "visit_on": "2026-10-14",
        "participants": participants,
    }
    refused = sign_in(qa_member).post(reverse("api:walkabouts-assessment-list"), body, JSON)
    assert refused.status_code == 400
    assert "participants" in refused.json()
    assert not Assessment.objects.exists()


def test_the_schema_describes_participants_as_a_list_of_role_and_count():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    item = schemas["ParticipantInput"]
    assert item["required"] == ["count", "role"]
    assert item["properties"]["count"]["minimum"] == 1
    role = schemas[item["properties"]["role"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert role["enum"][0] == "social_worker" and "Section11ParticipantRole" in str(item)
    assert "health_visitor" in role["enum"] and "other_practitioner" in role["enum"]
    assert schemas["PlanInput"]["properties"]["participants"]["type"] == "array"
    assert schemas["AssessmentDetailOutput"]["properties"]["participants"]["type"] == "array"


# The assessment page and the report


def test_the_assessment_page_lists_the_participants_by_role(sign_in, plan, qa_member):
    assessment = plan(participants={"health_visitor": 3, "team_manager": 1})
    html = sign_in(qa_member).get(reverse("walkabouts:detail", args=[assessment.pk])).content.decode()
    assert '<ul class="govuk-list"><li>1 team manager</li><li>3 health visitors</li></ul>' in html


def test_the_assessment_page_leaves_out_participants_when_none_were_recorded(sign_in, plan, qa_member):
    assessment = plan(participants={})
    html = sign_in(qa_member).get(reverse("walkabouts:detail", args=[assessment.pk])).content.decode()
    assert "Front-line participants" not in html


@time_machine.travel("2026-11-26 10:00:00Z", tick=False)
def test_the_walkabout_report_names_the_participants_roles_and_counts(agreed, qa_member):
    assessment = selectors.assessment_detail(qa_member, agreed.pk)
    pdf = render_report(assessment)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Front-line participants" in text
    assert "3 health visitors" in text and "1 team manager" in text

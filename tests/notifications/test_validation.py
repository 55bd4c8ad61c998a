"""The rules an incident and its children must meet, with the message each gives."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dcfp.models import Area
from notifications.models import Child, Incident
from notifications.validation import validate_incident

TODAY = date(2026, 11, 26)
DEVON = Area(pk=1, code="devon", name="Devon", responsible_authority="Devon County Council", in_jurisdiction=True)


def incident(**fields) -> Incident:
    values = {
        "occurred_on": date(2026, 11, 2),
        "aware_on": date(2026, 11, 3),
        "nature": "serious_harm",
        "area": DEVON,
        "abuse_or_neglect": "suspected",
        "categories": ["neglect"],
        "summary": "What happened.",
        **fields,
    }
    return Incident(**values)


def child(**fields) -> Child:
    return Child(**{"name": "A", "age_years": 5, "sex": "female", **fields})


def errors(inc, children=None) -> dict:
    with pytest.raises(ValidationError) as error:
        validate_incident(inc, [child()] if children is None else children, today=TODAY)
    return error.value.message_dict


def test_a_complete_incident_is_valid():
    assert validate_incident(incident(), [child()], today=TODAY) is None  # it raises on anything wrong


def test_the_aware_date_cannot_be_before_the_incident():
    assert errors(incident(aware_on=date(2026, 11, 1)))["aware_on"] == [
        "Date the authority became aware must be the same as or after the date of incident"
    ]


def test_no_future_dates():
    found = errors(incident(occurred_on=date(2026, 11, 27), aware_on=date(2026, 11, 27)))
    assert found["occurred_on"] == ["Date of incident must be today or in the past"]
    assert found["aware_on"] == ["Date the authority became aware must be today or in the past"]


def test_between_one_and_four_children():
    assert errors(incident(), [])["children"] == ["Add at least one child"]
    assert "at most 4 children" in errors(incident(), [child()] * 5)["children"][0]


def test_an_area_or_outside_england_but_not_both():
    assert "area" in errors(incident(area=None))
    assert "area" in errors(incident(outside_england=True))
    validate_incident(incident(area=None, outside_england=True), [child()], today=TODAY)


def test_categories_follow_whether_abuse_is_suspected():
    assert errors(incident(categories=[]))["categories"] == [
        "Select the category of known or suspected abuse or neglect"
    ]
    assert errors(incident(abuse_or_neglect="not_suspected"))["categories"] == [
        "Categories apply only when abuse or neglect is known or suspected"
    ]
    assert errors(incident(categories=["cruelty"]))["categories"] == ["Select categories from the list"]


def test_the_other_theme_needs_describing():
    assert errors(incident(themes=["other"]))["theme_other"] == ["Describe the other theme"]


def test_a_death_is_recorded_on_the_child_who_died_and_its_date_is_the_incident_date():
    assert "children" in errors(incident(nature="death"))
    validate_incident(incident(nature="death"), [child(died=True)], today=TODAY)
    assert errors(incident(), [child(died=True)])["nature"] == [
        "A child died: record the nature of the incident as a death"
    ]


def test_a_child_born_after_the_incident_is_refused():
    found = errors(incident(), [child(age_years=None, date_of_birth=date(2026, 11, 10))])
    assert found["children.0.date_of_birth"] == ["Date of birth must be on or before the date of incident"]


def test_an_adult_must_be_a_care_leaver_aged_24_or_under():
    assert "children.0.legal_status" in errors(incident(), [child(age_years=19)])
    validate_incident(incident(), [child(age_years=19, legal_status="care_leaver")], today=TODAY)
    assert "children.0.age_years" in errors(incident(), [child(age_years=25, legal_status="care_leaver")])


def test_a_not_notifiable_proposal_needs_a_rationale():
    assert errors(incident(outcome_recommended="not_notifiable"))["not_notifiable_rationale"] == [
        "Explain why the incident does not meet the criteria"
    ]

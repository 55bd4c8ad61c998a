"""Every branch of the notification criteria: s16C(1), jurisdiction, looked-after and care-leaver deaths.

Pure evaluation on unsaved objects: no database.
"""

from datetime import date

import pytest

from dcfp.models import Area
from notifications.criteria import Duty, evaluate
from notifications.models import Child, Incident

DEVON = Area(code="devon", name="Devon", responsible_authority="Devon County Council", in_jurisdiction=True)
PLYMOUTH = Area(code="plymouth", name="Plymouth", responsible_authority="Plymouth City Council", in_jurisdiction=False)


def incident(**fields) -> Incident:
    values = {
        "occurred_on": date(2026, 11, 2),
        "aware_on": date(2026, 11, 3),
        "nature": Incident.Nature.SERIOUS_HARM,
        "area": DEVON,
        "outside_england": False,
        "abuse_or_neglect": Incident.AbuseOrNeglect.SUSPECTED,
        **fields,
    }
    return Incident(**values)


def child(**fields) -> Child:
    values = {
        "name": "Child A",
        "date_of_birth": date(2020, 1, 1),
        "legal_status": Child.LegalStatus.NONE,
        "normally_resident_area": DEVON,
        **fields,
    }
    return Child(**values)


@pytest.mark.parametrize("abuse", [Incident.AbuseOrNeglect.KNOWN, Incident.AbuseOrNeglect.SUSPECTED])
def test_known_or_suspected_abuse_and_serious_harm_in_the_area_meets_s16c(abuse):
    result = evaluate(incident(abuse_or_neglect=abuse), [child()])
    assert result.duties == [Duty.SERIOUS_INCIDENT]
    assert result.notifiable and result.rapid_review_needed
    assert "Child A was seriously harmed in the partnership's area." in result.reasons


def test_a_death_in_the_area_with_suspected_neglect_meets_s16c():
    result = evaluate(incident(nature=Incident.Nature.DEATH), [child(died=True)])
    assert result.meets_s16c
    assert "Child A died in the partnership's area." in result.reasons


def test_serious_harm_without_known_or_suspected_abuse_is_not_notifiable():
    result = evaluate(incident(abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED), [child()])
    assert not result.notifiable
    assert "Abuse or neglect is not known or suspected, so section 16C(1) is not met." in result.reasons
    assert result.summary == "The criteria for notification appear not to be met."


def test_suspected_abuse_without_death_or_serious_harm_is_not_notifiable():
    result = evaluate(incident(nature=Incident.Nature.OTHER), [child()])
    assert not result.notifiable
    assert "No child died or was seriously harmed, so section 16C(1) is not met." in result.reasons


def test_harm_outside_england_to_a_child_normally_resident_here_meets_s16c():
    result = evaluate(incident(area=None, outside_england=True), [child(normally_resident_area=DEVON)])
    assert result.meets_s16c
    assert result.in_jurisdiction
    assert (
        "Child A was seriously harmed outside England while normally resident in Devon, "
        "which is in the partnership's area." in result.reasons
    )


def test_harm_outside_england_to_a_child_resident_elsewhere_is_not_notifiable_here():
    result = evaluate(incident(area=None, outside_england=True), [child(normally_resident_area=PLYMOUTH)])
    assert not result.notifiable
    assert (
        "Child A was seriously harmed outside England but was not normally resident in the partnership's area."
        in result.reasons
    )


def test_harm_outside_england_to_a_child_living_outside_england_is_not_notifiable_here():
    result = evaluate(
        incident(area=None, outside_england=True), [child(normally_resident_area=None, resident_outside_england=True)]
    )
    assert not result.notifiable


def test_an_incident_in_another_english_area_names_the_responsible_authority():
    result = evaluate(incident(area=PLYMOUTH), [child(normally_resident_area=DEVON)])
    assert not result.notifiable
    assert not result.in_jurisdiction
    assert result.responsible_authority == "Plymouth City Council"
    assert result.summary == "Not for this partnership to notify: Plymouth City Council is responsible."
    assert any("Plymouth City Council is responsible for notifying it" in r for r in result.reasons)


def test_the_death_of_a_looked_after_child_is_notified_even_without_suspected_abuse():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.LOOKED_AFTER)],
    )
    assert result.duties == [Duty.LOOKED_AFTER_DEATH]
    assert result.notifiable
    assert not result.rapid_review_needed
    assert any("whether or not abuse or neglect is suspected" in r for r in result.reasons)


def test_a_looked_after_child_who_was_harmed_but_did_not_die_has_no_separate_duty():
    result = evaluate(
        incident(abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(legal_status=Child.LegalStatus.LOOKED_AFTER)],
    )
    assert not result.notifiable


def test_the_looked_after_duty_applies_outside_the_area_and_names_the_home_authority():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, area=PLYMOUTH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.LOOKED_AFTER)],
    )
    assert result.duties == [Duty.LOOKED_AFTER_DEATH]
    assert not result.in_jurisdiction
    assert "The incident was outside the partnership's area, but the duty about the child still applies." in (
        result.reasons
    )


def test_the_death_of_a_care_leaver_aged_24_is_notified_without_a_rapid_review():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.CARE_LEAVER, date_of_birth=date(2002, 11, 2))],
    )
    assert result.duties == [Duty.CARE_LEAVER_DEATH]
    assert not result.rapid_review_needed
    assert any("care leaver aged 24 and died" in r and "no rapid review is needed" in r for r in result.reasons)


def test_the_death_of_a_care_leaver_aged_25_is_outside_the_care_leaver_duty():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.CARE_LEAVER, date_of_birth=date(2001, 11, 1))],
    )
    assert not result.notifiable
    assert any("covers those aged 24 or under" in r for r in result.reasons)


def test_a_care_leaver_whose_age_is_unknown_is_flagged_for_people_to_check():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.CARE_LEAVER, date_of_birth=None, age_years=None)],
    )
    assert not result.notifiable
    assert any("their age is not recorded" in r for r in result.reasons)


def test_a_care_leaver_aged_by_years_only_uses_the_recorded_age():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, abuse_or_neglect=Incident.AbuseOrNeglect.NOT_SUSPECTED),
        [child(died=True, legal_status=Child.LegalStatus.CARE_LEAVER, date_of_birth=None, age_years=19)],
    )
    assert result.duties == [Duty.CARE_LEAVER_DEATH]


def test_a_suspected_abuse_death_of_a_looked_after_child_carries_both_duties():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH),
        [child(died=True, legal_status=Child.LegalStatus.LOOKED_AFTER)],
    )
    assert result.duties == [Duty.SERIOUS_INCIDENT, Duty.LOOKED_AFTER_DEATH]
    assert result.rapid_review_needed
    assert result.summary.startswith("The criteria for notification appear to be met: Serious incident")


def test_each_child_is_judged_and_named_in_the_reasons():
    result = evaluate(
        incident(nature=Incident.Nature.DEATH, area=None, outside_england=True),
        [
            child(name="Child A", died=True, normally_resident_area=PLYMOUTH),
            child(name="Child B", died=True, normally_resident_area=DEVON),
        ],
    )
    assert result.meets_s16c
    assert any(r.startswith("Child A died outside England but was not") for r in result.reasons)
    assert any(r.startswith("Child B died outside England while normally resident in Devon") for r in result.reasons)

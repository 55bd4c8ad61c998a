"""Incidents made through the services, as people make them."""

from datetime import date

import pytest

from notifications import services
from notifications.models import Child, Incident


def incident_input(devon, **overrides) -> services.IncidentInput:
    """A complete, valid serious-harm incident in Devon with one child; override any field."""
    children = overrides.pop("children", None)
    agencies = overrides.pop("agencies_involved", None)
    fields = {
        "occurred_on": date(2026, 11, 2),
        "occurred_time": None,
        "aware_on": date(2026, 11, 3),
        "nature": Incident.Nature.SERIOUS_HARM,
        "area": devon,
        "outside_england": False,
        "abuse_or_neglect": Incident.AbuseOrNeglect.SUSPECTED,
        "categories": [Incident.Category.PHYSICAL],
        "themes": [Incident.Theme.DOMESTIC_ABUSE],
        "theme_other": "",
        "summary": "A baby was admitted to hospital with unexplained fractures.",
        "outcome_recommended": Incident.Outcome.NOTIFIABLE,
        "not_notifiable_rationale": "",
        **overrides,
    }
    if children is None:
        children = [child_values()]
    return services.IncidentInput(fields=fields, children=children, agencies_involved=agencies)


def child_values(**overrides) -> dict:
    return {
        "name": "Child A",
        "date_of_birth": date(2026, 5, 1),
        "age_years": None,
        "sex": Child.Sex.FEMALE,
        "gender": "",
        "ethnicity": "White British",
        "disability": Child.Disability.NO,
        "legal_status": Child.LegalStatus.CHILD_IN_NEED,
        "normally_resident_area": None,
        "resident_outside_england": False,
        "local_identifier": "LA-001",
        "died": False,
        **overrides,
    }


@pytest.fixture
def make_incident(csprg, devon, on_26_november_2026):
    """make_incident(**fields) -> a draft made by the CSPRG through incident_create, on a frozen
    26 November 2026 (the incident's dates are fixed, so its clock must be too)."""

    def make(actor=None, **overrides):
        return services.incident_create(actor=actor or csprg, data=incident_input(devon, **overrides))

    return make


@pytest.fixture
def awaiting(make_incident, csprg):
    """An incident submitted for agreement by the CSPRG."""
    incident = make_incident()
    return services.incident_submit_for_agreement(incident=incident, actor=csprg)


@pytest.fixture
def agreed(awaiting, qa_chair, partner_rep, executive):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    return services.incident_agree(incident=awaiting, actor=partner_rep)


@pytest.fixture
def on_26_november_2026(time_machine):
    """Freeze the clock at noon on 26 November 2026 (London), after every date the fixtures use (submitted
    on 5 November, due on 10 November), so states such as "Overdue" never change with the real date."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)

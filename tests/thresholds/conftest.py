"""Threshold records made through the services, as people make them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from dcfp.models import LocalityPartnership
from thresholds import services
from thresholds.models import Disagreement, Indicator, ToolVersion
from thresholds.services.tool import DomainInput, IndicatorInput


@pytest.fixture(autouse=True)
def on_26_november_2026(time_machine):
    """Every threshold test runs at noon on Thursday 26 November 2026 (London) unless it moves the clock,
    so dates and clock states never change with the real date."""
    time_machine.move_to(datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)


TOOL = services.ToolInput(
    name="Levels of need",
    version="1.0",
    domains=[
        DomainInput(
            "Development",
            indicators=[
                IndicatorInput(1, "Developing as expected", "Growing and learning as expected"),
                IndicatorInput(2, "Missed health checks", "Missed health checks"),
                IndicatorInput(4, "Unexplained injury", "An injury nobody can explain"),
            ],
        ),
        DomainInput(
            "Outside the family",
            indicators=[
                IndicatorInput(3, "Going missing", "Goes missing from home", True),
                IndicatorInput(4, "Signs of exploitation", "May be used by others for crime", True),
            ],
        ),
    ],
    strengths=[("Trusted adult", "Has an adult they trust")],
)


@pytest.fixture
def tool(qa_member) -> ToolVersion:
    """Version 1.0 of the tool, current since 1 January 2026."""
    version = services.tool_version_create(actor=qa_member, data=TOOL)
    return services.tool_version_publish(version=version, actor=qa_member, effective_from=date(2026, 1, 1))


def indicator(tool: ToolVersion, wording: str) -> Indicator:
    return Indicator.objects.get(domain__version=tool, wording=wording)


@pytest.fixture
def locality(db) -> LocalityPartnership:
    return LocalityPartnership.objects.create(name="Exeter")


def decision_input(tool, locality, **overrides) -> services.DecisionInput:
    """A complete decision at the level the tool suggests (Early Help, from missed health checks)."""
    fields = {
        "decided_on": date(2026, 11, 2),
        "local_identifier": "SCH-001",
        "age_band": "5-9",
        "sex": "female",
        "ethnicity": "white",
        "disability": "no",
        "locality": locality,
        "level": 2,
        "indicators": [indicator(tool, "Missed health checks")],
        "strengths": list(tool.strengths.all()),
        "rationale": "",
        "lead_practitioner": "Jo Smith, class teacher",
        **overrides,
    }
    return services.DecisionInput(**fields)


@pytest.fixture
def make_decision(tool, locality, practitioner):
    """make_decision(actor=None, **fields) -> a decision recorded through decision_record."""

    def make(actor=None, **overrides):
        return services.decision_record(actor=actor or practitioner, data=decision_input(tool, locality, **overrides))

    return make


def disagreement_input(organisation, people=(), **overrides) -> services.DisagreementInput:
    fields = {
        "disagreement_with": Disagreement.With.OTHER_AGENCY,
        "type": Disagreement.Type.THRESHOLD,
        "summary": "We think this child needs a referral to children's social care.",
        "organisation": organisation,
        "people": list(people),
        **overrides,
    }
    return services.DisagreementInput(**fields)


@pytest.fixture
def nurse(nursing):
    """A practitioner of the nursing service (whose agency lead is the `agency_lead` persona)."""
    from dcfp.roles import Role
    from tests.factories import UserFactory

    return UserFactory(email="nurse@example.org", full_name="Nia Rowe", organisation=nursing, roles=[Role.PRACTITIONER])


@pytest.fixture
def raise_disagreement(practitioner, nursing, nurse):
    """raise_disagreement(actor=None, **fields) -> the school practitioner's disagreement with the nurse."""

    def make(actor=None, organisation=None, people=None, **overrides):
        return services.disagreement_raise(
            actor=actor or practitioner,
            data=disagreement_input(organisation or nursing, [nurse] if people is None else people, **overrides),
        )

    return make

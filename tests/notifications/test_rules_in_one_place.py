"""What notifications adds to the checks every app passes (tests/dcfp/test_rules_in_one_place.py): the
rules its views and services enforce, the open statuses derived from its transitions, one declared
schema per transition endpoint, and the documentation's examples taken from its real code."""

import inspect
import re
from pathlib import Path

from django.conf import settings

import dcfp.lists
import dcfp.permissions
from dcfp.permissions import Rule
from notifications import permissions
from notifications.api import transitions
from notifications.models import Incident

ROOT = Path(settings.BASE_DIR)


def _sources(package: str) -> dict[Path, str]:
    return {path: path.read_text() for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts}


def _rules() -> dict[str, Rule]:
    return {
        name: value
        for name, value in vars(permissions).items()
        if isinstance(value, Rule) and value.__module__ == permissions.__name__
    }


def test_every_rule_a_view_or_service_enforces_carries_its_own_denial_reason():
    assert set(_rules()) >= {
        "can_view_incident",
        "can_create_incident",
        "can_edit_incident",
        "can_submit_incident",
        "can_record_outcome",
        "can_withdraw_incident",
    }
    assert all(rule.denial.endswith(".") for rule in _rules().values())


def test_the_unused_drf_permission_abstractions_are_gone():
    assert not hasattr(dcfp.permissions, "ScopedObjectPermission")
    assert not hasattr(dcfp.permissions, "ScopedObjectMixin")
    assert not hasattr(permissions, "CanViewIncident")


def test_transitions_are_written_with_status_members_and_the_open_statuses_follow_from_them():
    assert set(Incident.TRANSITIONS) == set(Incident.Status)
    for status, onward in Incident.TRANSITIONS.items():
        assert isinstance(status, Incident.Status)
        assert all(isinstance(target, Incident.Status) for target in onward), status
    assert set(Incident.OPEN_STATUSES) == {s for s, onward in Incident.TRANSITIONS.items() if onward}
    assert set(Incident.OPEN_STATUSES) == {
        Incident.Status.DRAFT,
        Incident.Status.AWAITING_AGREEMENT,
        Incident.Status.AGREED,
    }


def test_each_transition_endpoint_declares_its_own_post_and_schema():
    endpoints = [
        transitions.IncidentSubmitApi,
        transitions.IncidentAgreeApi,
        transitions.IncidentDisagreeApi,
        transitions.IncidentRecordNotifiedApi,
        transitions.IncidentConcludeApi,
        transitions.IncidentWithdrawApi,
    ]
    for endpoint in endpoints:
        assert "post" in vars(endpoint), endpoint
        assert endpoint.post.__qualname__ == f"{endpoint.__name__}.post"
    assert not re.search(r"\b_schema\b", inspect.getsource(transitions))


def _example_lines(module) -> list[str]:
    """The code lines of a module docstring's examples (the indented blocks after "::"), without
    comments or elisions."""
    lines, in_example = [], False
    for line in (module.__doc__ or "").splitlines():
        if line.rstrip().endswith("::"):
            in_example = True
            continue
        if in_example and line and not line.startswith(" "):
            in_example = False
        code = line.strip().replace('\\"', '"')
        if in_example and code and not code.startswith("#") and not code.endswith("..."):
            lines.append(code)
    return lines


def test_the_permissions_and_lists_examples_are_the_real_code():
    real = "\n".join(_sources("notifications").values())
    for module in (dcfp.permissions, dcfp.lists):
        examples = _example_lines(module)
        assert examples, module.__name__
        missing = [line for line in examples if line not in real]
        assert missing == [], module.__name__

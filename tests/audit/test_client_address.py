"""The client's address reaches the audit trail without a request object: services take none, the
middleware sets the address while a request is served, and a task calls a service as a view does."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from dcfp.audit.context import client_address, client_address_as
from dcfp.audit.models import AuditEvent
from notifications import services
from tests.notifications.conftest import incident_input

ROOT = Path(settings.BASE_DIR)


def _service_modules() -> list[str]:
    """Every `services` module of the project's own packages (and notifications.executive, which holds
    the Executive copy services)."""
    names = ["notifications.executive"]
    for package in ("dcfp", "notifications", "rapid_reviews", "walkabouts", "thresholds"):
        if not (ROOT / package).is_dir():
            continue
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if info.name.rsplit(".", 1)[-1] == "services":
                names.append(info.name)
    return names


def test_no_service_takes_a_request_object():
    takes_request = [
        f"{module}.{name}"
        for module in _service_modules()
        for name, function in inspect.getmembers(importlib.import_module(module), inspect.isfunction)
        if function.__module__ == module and "request" in inspect.signature(function).parameters
    ]
    assert "notifications.services" in _service_modules()
    assert takes_request == []


@pytest.mark.django_db
def test_a_page_records_the_address_the_request_came_from(sign_in, csprg, devon):
    incident = services.incident_create(actor=csprg, data=incident_input(devon))
    client = sign_in(csprg)
    response = client.get(reverse("notifications:detail", args=[incident.pk]), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="notifications.incident.view")
    assert event.ip_address == "203.0.113.7"
    assert client_address() is None  # the request is over, and so is its address


@pytest.mark.django_db
def test_the_api_records_the_address_in_canonical_form(sign_in, csprg, devon):
    incident = services.incident_create(actor=csprg, data=incident_input(devon))
    client = sign_in(csprg)
    client.get(reverse("api:incident-detail", args=[incident.pk]), REMOTE_ADDR="2001:DB8:0:0:0:0:0:1")
    assert AuditEvent.objects.get(action="notifications.incident.view").ip_address == "2001:db8::1"


@pytest.mark.django_db
def test_a_service_called_outside_a_request_records_no_address_and_inside_one_records_it(csprg, devon):
    outside = services.incident_create(actor=csprg, data=incident_input(devon))
    with client_address_as("198.51.100.4"):
        inside = services.incident_create(actor=csprg, data=incident_input(devon))
    events = dict(
        AuditEvent.objects.filter(action="notifications.incident.create").values_list("target_id", "ip_address")
    )
    assert events == {str(outside.pk): None, str(inside.pk): "198.51.100.4"}


def test_an_address_that_is_not_an_ip_address_is_recorded_as_none():
    with client_address_as("not an address"):
        assert client_address() is None


@pytest.mark.django_db
@pytest.mark.parametrize("write", ["access", "record"])
def test_the_trail_refuses_a_request_object_instead_of_dropping_it_without_trace(write, csprg, rf):
    from dcfp.audit import services as audit

    with pytest.raises(TypeError):
        getattr(audit, write)(actor=csprg, action="test.view", target_type="dcfp.user", request=rf.get("/"))
    assert not AuditEvent.objects.filter(action="test.view").exists()

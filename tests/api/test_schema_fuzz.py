"""Schemathesis over the published OpenAPI schema, as the CSPRG and as a partner representative: every
answer is one the schema declares, in the shape it declares, and nothing is a server error.

Bounded so that it takes a few minutes: a fixed number of generated requests per operation and role.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from notifications import services
from tests.notifications.conftest import incident_input

EXAMPLES_PER_OPERATION = 20
# Not checked: that every request the schema allows is accepted. Rules that need the database or several
# fields at once (an area code that exists, a date after another, the children a notification needs)
# cannot be written in JSON Schema; the schema declares their 400 answer and its messages instead, and
# every other check, the negative one (what the schema forbids is refused) included, runs.


@pytest.fixture
def api_schema(csprg):
    """The schema exactly as the service publishes it at /api/schema/, called through the real WSGI
    application. As Django's test client does, requests keep the test's database connection open (its
    transaction holds the test data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        reader = AuthToken.objects.create(csprg)[1]
        yield schemathesis.openapi.from_wsgi(
            "/api/schema/?format=json", get_wsgi_application(), headers={"Authorization": f"Token {reader}"}
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def records(csprg, qa_chair, partner_rep, devon, executive):
    """Incidents in each state, so generated ids sometimes name one (ids are small integers)."""
    draft = services.incident_create(actor=csprg, data=incident_input(devon))
    awaiting = services.incident_submit_for_agreement(
        incident=services.incident_create(actor=csprg, data=incident_input(devon)), actor=csprg
    )
    agreed = services.incident_submit_for_agreement(
        incident=services.incident_create(actor=csprg, data=incident_input(devon)), actor=csprg
    )
    services.incident_agree(incident=agreed, actor=qa_chair)
    services.incident_agree(incident=agreed, actor=partner_rep)
    return [draft, awaiting, agreed]


@pytest.fixture
def tokens(records, csprg, partner_rep):
    """API tokens of the two roles every generated request is sent as: the CSPRG (who may change
    incidents) and a partner representative (who may read and agree them)."""
    return [AuthToken.objects.create(person)[1] for person in (csprg, partner_rep)]


def test_the_api_answers_as_its_schema_says(api_schema, tokens):
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_declared(case):
            for token in tokens:
                case.call_and_validate(
                    headers={"Authorization": f"Token {token}"}, excluded_checks=[positive_data_acceptance]
                )

        try:
            answers_as_declared()
        except (Exception, BaseExceptionGroup) as failure:  # every operation is tried, then all failures shown
            failures.append(f"{operation.label}:\n{failure}")
    assert not failures, "\n\n".join(failures)

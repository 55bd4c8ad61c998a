"""Shared fixtures: the partnership's core organisations and one persona per role.

Personas mirror the demo: the QA chair and the CSPRG are in the council, the partner representative in
the police (another Safeguarding Partner), and `other_agency` is a practitioner of an agency with no
link to any case.
"""

import os
import re

import pytest
from rest_framework.exceptions import NotFound

from dcfp.models import Organisation
from dcfp.roles import Role
from tests.factories import AreaFactory, OrganisationFactory, UserFactory

if os.environ.get("DCFP_MUTATION"):
    # scripts/mutation runs several test sessions at once: each gets a database copy of its own.
    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker):
        from tests.mutation_db import isolated_database

        with django_db_blocker.unblock(), isolated_database():
            yield


@pytest.fixture
def devon(db):
    return AreaFactory(code="devon", name="Devon", responsible_authority="Devon County Council", in_jurisdiction=True)


@pytest.fixture
def plymouth(db):
    return AreaFactory(
        code="plymouth", name="Plymouth", responsible_authority="Plymouth City Council", in_jurisdiction=False
    )


@pytest.fixture
def council(db, devon):
    org = OrganisationFactory(
        name="Devon County Council",
        kind=Organisation.Kind.LOCAL_AUTHORITY,
        is_safeguarding_partner=True,
        lead_domain=Organisation.Domain.CHILD_PROTECTION,
    )
    org.areas.add(devon)
    return org


@pytest.fixture
def police(db, devon):
    org = OrganisationFactory(
        name="Devon and Cornwall Police",
        kind=Organisation.Kind.POLICE,
        is_safeguarding_partner=True,
        lead_domain=Organisation.Domain.SAFEGUARDING,
    )
    org.areas.add(devon)
    return org


@pytest.fixture
def health(db, devon):
    org = OrganisationFactory(
        name="NEW Devon CCG",
        kind=Organisation.Kind.HEALTH_COMMISSIONER,
        is_safeguarding_partner=True,
        lead_domain=Organisation.Domain.WELL_BEING,
    )
    org.areas.add(devon)
    return org


@pytest.fixture
def nursing(db):
    return OrganisationFactory(name="Public Health Nursing", kind=Organisation.Kind.HEALTH_PROVIDER)


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Exe Valley Primary School", kind=Organisation.Kind.SCHOOL)


@pytest.fixture
def charity(db):
    return OrganisationFactory(name="Family Support Network", kind=Organisation.Kind.VOLUNTARY)


@pytest.fixture
def csprg(council):
    return UserFactory(email="csprg@example.org", full_name="Casey Price", organisation=council, roles=[Role.CSPRG])


@pytest.fixture
def qa_chair(council):
    return UserFactory(
        email="qa-chair@example.org",
        full_name="Quinn Adebayo",
        organisation=council,
        roles=[Role.QA_CHAIR, Role.QA_GROUP],
    )


@pytest.fixture
def qa_member(health):
    return UserFactory(
        email="qa-group@example.org", full_name="Morgan Hale", organisation=health, roles=[Role.QA_GROUP]
    )


@pytest.fixture
def partner_rep(police):
    return UserFactory(
        email="partner-rep@example.org", full_name="Priya Shah", organisation=police, roles=[Role.PARTNER_REP]
    )


@pytest.fixture
def council_rep(council):
    """A partner representative of the QA chair's own organisation."""
    return UserFactory(
        email="council-rep@example.org", full_name="Cam Reid", organisation=council, roles=[Role.PARTNER_REP]
    )


@pytest.fixture
def executive(police):
    return UserFactory(
        email="executive@example.org", full_name="Elliot Mercer", organisation=police, roles=[Role.EXECUTIVE]
    )


@pytest.fixture
def agency_lead(nursing):
    return UserFactory(
        email="agency-lead@example.org", full_name="Alex Lewis", organisation=nursing, roles=[Role.AGENCY_LEAD]
    )


@pytest.fixture
def practitioner(school):
    return UserFactory(
        email="practitioner@example.org", full_name="Pat Okafor", organisation=school, roles=[Role.PRACTITIONER]
    )


@pytest.fixture
def reviewer(db):
    org = OrganisationFactory(name="Independent reviewers", kind=Organisation.Kind.OTHER)
    return UserFactory(email="reviewer@example.org", full_name="Robin Ellis", organisation=org, roles=[Role.REVIEWER])


@pytest.fixture
def admin_user(council):
    return UserFactory(email="admin@example.org", full_name="Ada Fairweather", organisation=council, roles=[Role.ADMIN])


@pytest.fixture
def other_agency(charity):
    """A practitioner and agency lead of an agency with no link to any case."""
    return UserFactory(
        email="other-agency@example.org",
        full_name="Olly Grant",
        organisation=charity,
        roles=[Role.PRACTITIONER, Role.AGENCY_LEAD],
    )


@pytest.fixture
def superuser(council):
    """A Django superuser holding no role: superuser status is for emergencies and grants no case access."""
    user = UserFactory(email="superuser@example.org", full_name="Sam Uddin", organisation=council)
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    return user


@pytest.fixture
def inactive(council):
    """A CSPRG member whose account has been switched off: signed in before, signed in no longer."""
    user = UserFactory(email="inactive@example.org", full_name="Ivo Nash", organisation=council, roles=[Role.CSPRG])
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.fixture
def executive_uncopied(police):
    """Someone who joins the Executive after the records were copied to it, so none is copied to them.

    Made here without a role; `joins_the_executive()` gives the role once the records exist."""
    return UserFactory(email="new-executive@example.org", full_name="Nell Evans", organisation=police)


def joins_the_executive(user) -> None:
    from dcfp.services import person_set_roles

    person_set_roles(user=user, roles=[Role.EXECUTIVE])


PERSONAS = [
    "csprg",
    "qa_chair",
    "qa_member",
    "partner_rep",
    "council_rep",
    "executive",
    "executive_uncopied",
    "agency_lead",
    "practitioner",
    "reviewer",
    "admin_user",
    "superuser",
    "inactive",
    "other_agency",
]


@pytest.fixture
def personas(request):
    """Every persona by name, for tests that walk all of them."""
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def signed_in(client, user):
    """Sign `user` in on the test client as after a full sign-in: password and second factor.

    The session carries a confirmed TOTP device, as django-otp's middleware expects of a person who
    passed multi-factor authentication.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def sign_in(client):
    """sign_in(user) -> the test client, signed in with both factors."""
    return lambda user: signed_in(client, user)


# What differs between two renderings of one page for one person: per-response tokens (CSRF, CSP nonce,
# seconds left in the session), and which section of the navigation the typed address falls in.
_VOLATILE = [
    (re.compile(r'\b(nonce|value|content|data-csrf-token|data-expires-in)="[^"]*"'), r'\1="…"'),
    (re.compile(r" govuk-service-navigation__item--active| aria-current=\"(true|page)\""), ""),
]
# The one body every API "not found" carries, whether or not the record exists.
API_NOT_FOUND = {"detail": str(NotFound.default_detail)}


def normalised_page(content: bytes) -> str:
    page = content.decode(errors="replace")
    for pattern, replacement in _VOLATILE:
        page = pattern.sub(replacement, page)
    return page


def standard_not_found_page(client) -> str:
    """What this client's person gets for an address that matches nothing."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    return normalised_page(response.content)


def assert_not_found(response) -> None:
    """A 404 that says nothing more than "not found": exactly the standard API body, or a page identical to
    the one the same person gets for an address that matches nothing (so no reference, name or summary)."""
    assert response.status_code == 404, response.status_code
    if response.get("Content-Type", "").startswith("application/json"):
        assert response.json() == API_NOT_FOUND
    else:
        assert normalised_page(response.content) == standard_not_found_page(response.client)

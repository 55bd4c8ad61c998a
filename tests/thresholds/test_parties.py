"""Naming another organisation or person in a disagreement after it was raised: anyone part of it may,
the new party sees it at once and is told, and it is in the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.alerts.models import Message
from dcfp.audit.models import AuditEvent
from thresholds import permissions, services

pytestmark = pytest.mark.django_db


def test_a_named_organisations_leads_see_it_at_once_and_are_told(raise_disagreement, nurse, other_agency, charity):
    disagreement = raise_disagreement()
    assert not permissions.can_view_disagreement(other_agency, disagreement)
    services.disagreement_party_add(disagreement=disagreement, actor=nurse, organisation=charity)
    assert permissions.can_view_disagreement(other_agency, disagreement)  # the charity's agency lead
    message = Message.objects.get(recipient=other_agency)
    assert disagreement.reference in message.subject
    assert "Family Support Network" in message.body and message.link.endswith(f"/{disagreement.pk}/")
    event = AuditEvent.objects.get(action="thresholds.disagreement.party_add")
    assert event.changes["after"]["organisation"] == charity.pk


def test_a_named_person_sees_it_and_is_told_and_their_organisation_comes_with_them(
    raise_disagreement, practitioner, csprg
):
    from dcfp.roles import Role
    from tests.factories import UserFactory

    disagreement = raise_disagreement()
    colleague = UserFactory(
        email="head@example.org",
        full_name="Hana Head",
        organisation=practitioner.organisation,
        roles=[Role.PRACTITIONER],
    )
    party = services.disagreement_party_add(disagreement=disagreement, actor=practitioner, person=colleague)
    assert party.organisation == practitioner.organisation and party.side == "raising"
    assert permissions.can_view_disagreement(colleague, disagreement)
    assert Message.objects.filter(recipient=colleague, subject__contains=disagreement.reference).exists()
    with pytest.raises(ValidationError) as error:
        services.disagreement_party_add(disagreement=disagreement, actor=practitioner, person=colleague)
    assert "already part" in str(error.value)
    with pytest.raises(ValidationError):  # not in casework
        services.disagreement_party_add(disagreement=disagreement, actor=practitioner, person=csprg)


def test_someone_not_part_of_it_cannot_name_anyone_and_a_resolved_one_takes_nobody_new(
    raise_disagreement, other_agency, nurse, charity
):
    disagreement = raise_disagreement()
    with pytest.raises(PermissionDenied, match="Only someone taking part"):
        services.disagreement_party_add(disagreement=disagreement, actor=other_agency, organisation=charity)
    services.disagreement_resolve(disagreement=disagreement, actor=nurse, outcome="Agreed.")
    with pytest.raises(PermissionDenied):
        services.disagreement_party_add(disagreement=disagreement, actor=nurse, organisation=charity)


def test_the_page_names_an_organisation_and_keeps_the_form_on_error(sign_in, raise_disagreement, nurse, charity):
    disagreement = raise_disagreement()
    client = sign_in(nurse)
    url = reverse("thresholds:disagreement_party_add", args=[disagreement.pk])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"party-organisation": str(charity.pk)})
    assert response.status_code == 302
    page = client.get(reverse("thresholds:disagreement_detail", args=[disagreement.pk])).content.decode()
    assert "Family Support Network (disagreed with)" in page


def test_the_api_names_a_person_and_the_other_agency_gets_404(sign_in, raise_disagreement, nurse, other_agency):
    disagreement = raise_disagreement()
    url = reverse("api:disagreement-party-add", args=[disagreement.pk])
    response = sign_in(other_agency).post(url, {"person": other_agency.pk}, content_type="application/json")
    assert response.status_code == 404
    response = sign_in(nurse).post(url, {"person": other_agency.pk}, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert any(p["organisation"] == "Family Support Network" for p in response.json()["parties"])


def test_the_disagreement_page_stays_flat_as_parties_grow(sign_in, raise_disagreement, practitioner):
    from dcfp.models import Organisation
    from tests.factories import OrganisationFactory

    disagreement = raise_disagreement()
    client = sign_in(practitioner)
    url = reverse("thresholds:disagreement_detail", args=[disagreement.pk])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for n in range(8):
        organisation = OrganisationFactory(name=f"Agency {n}", kind=Organisation.Kind.OTHER)
        services.disagreement_party_add(disagreement=disagreement, actor=practitioner, organisation=organisation)
    assert count() == few

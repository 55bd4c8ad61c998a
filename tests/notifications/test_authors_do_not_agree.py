"""Nobody who wrote or submitted the version being agreed gives one of its agreements."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dcfp.roles import Role
from notifications import permissions, selectors, services
from notifications.models import Agreement
from tests.factories import UserFactory
from tests.notifications.conftest import incident_input


@pytest.fixture
def editing_rep(police):
    """A partner representative who also holds the CSPRG role, so may change and submit drafts."""
    return UserFactory(
        email="both@example.org", full_name="Bo Th", organisation=police, roles=[Role.CSPRG, Role.PARTNER_REP]
    )


@pytest.fixture
def editing_chair(council):
    return UserFactory(
        email="chair-csprg@example.org", full_name="Cha Ir", organisation=council, roles=[Role.CSPRG, Role.QA_CHAIR]
    )


def test_a_partner_rep_who_changed_the_draft_cannot_agree_it(devon, make_incident, csprg, qa_chair, editing_rep):
    incident = make_incident()
    services.incident_update_draft(
        incident=incident, actor=editing_rep, version=incident.version, data=incident_input(devon, summary="Edited.")
    )
    incident = services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    capacity, why_not = permissions.agreement_capacity(editing_rep, incident)
    assert capacity is None
    assert why_not == "You wrote or submitted this incident, so someone else must agree it."
    with pytest.raises(PermissionDenied):
        services.incident_agree(incident=incident, actor=editing_rep)
    assert not incident.agreements.filter(person=editing_rep).exists()


def test_a_partner_rep_who_submitted_the_draft_cannot_agree_it_on_the_page_or_the_api(
    sign_in, make_incident, qa_chair, editing_rep
):
    incident = services.incident_submit_for_agreement(incident=make_incident(), actor=editing_rep)
    services.incident_agree(incident=incident, actor=qa_chair)
    client = sign_in(editing_rep)
    assert client.get(reverse("notifications:decide", args=[incident.pk])).status_code == 403
    api = client.post(reverse("api:incident-agree", args=[incident.pk]), {}, content_type="application/json")
    assert api.status_code == 403
    assert incident not in selectors.incidents_awaiting_my_agreement(editing_rep)
    assert list(incident.agreements.values_list("capacity", flat=True)) == [Agreement.Capacity.QA_CHAIR]


def test_a_qa_chair_who_changed_an_earlier_round_cannot_agree_the_resubmission(
    devon, make_incident, csprg, editing_chair, partner_rep
):
    incident = make_incident()
    services.incident_update_draft(
        incident=incident, actor=editing_chair, version=incident.version, data=incident_input(devon, summary="Mine.")
    )
    incident = services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_disagree(incident=incident, actor=partner_rep, reason="Say more about the fractures.")
    incident.refresh_from_db()
    services.incident_update_draft(
        incident=incident, actor=csprg, version=incident.version, data=incident_input(devon, summary="More.")
    )
    incident = services.incident_submit_for_agreement(incident=incident, actor=csprg)
    assert not permissions.can_agree_incident(editing_chair, incident)


def test_people_who_only_read_the_incident_still_agree_it(make_incident, csprg, qa_chair, partner_rep):
    incident = services.incident_submit_for_agreement(incident=make_incident(), actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    incident = services.incident_agree(incident=incident, actor=partner_rep)
    assert incident.status == incident.Status.AGREED
    assert set(incident.authors.all()) == {csprg}

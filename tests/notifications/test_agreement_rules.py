"""Who agrees a notification: one QA chair at a time, and the two agreements from two organisations
whoever decides first and whoever holds the chair when they decide."""

import pytest
from django.core.exceptions import PermissionDenied

from dcfp import services as people
from dcfp.audit.models import AuditEvent
from dcfp.roles import Role, roles_of
from notifications import permissions, services
from notifications.models import Incident
from tests.factories import UserFactory


def fresh(user):
    """The same person read again, so their roles are not the ones cached on the instance."""
    return type(user).objects.get(pk=user.pk)


def test_giving_the_qa_chair_role_to_another_ends_the_first_holders(db, qa_chair, partner_rep, admin_user):
    people.person_set_roles(user=partner_rep, roles=[Role.PARTNER_REP, Role.QA_CHAIR], actor=admin_user)

    assert Role.QA_CHAIR in roles_of(fresh(partner_rep))
    assert roles_of(fresh(qa_chair)) == {Role.QA_GROUP}
    holders = type(qa_chair).objects.filter(groups__name=Role.QA_CHAIR)
    assert list(holders) == [partner_rep]


def test_ending_the_first_chairs_role_is_in_the_audit_trail(db, qa_chair, partner_rep, admin_user):
    people.person_set_roles(user=partner_rep, roles=[Role.PARTNER_REP, Role.QA_CHAIR], actor=admin_user)

    ended = AuditEvent.objects.filter(action="person.roles_changed", target_id=str(qa_chair.pk)).latest("id")
    assert ended.actor == admin_user
    assert ended.changes["before"]["roles"] == [Role.QA_CHAIR, Role.QA_GROUP]
    assert ended.changes["after"]["roles"] == [Role.QA_GROUP]
    assert ended.changes["detail"] == {"ended_because_given_to_another": Role.QA_CHAIR}
    given = AuditEvent.objects.filter(action="person.roles_changed", target_id=str(partner_rep.pk)).latest("id")
    assert given.changes["after"]["roles"] == [Role.PARTNER_REP, Role.QA_CHAIR]


def test_a_new_person_made_qa_chair_ends_the_first_holders(db, qa_chair, police):
    newcomer = UserFactory(organisation=police, roles=[Role.QA_CHAIR])
    assert list(type(qa_chair).objects.filter(groups__name=Role.QA_CHAIR)) == [newcomer]


def test_the_chair_cannot_agree_after_a_partner_of_their_own_organisation(
    db, awaiting, partner_rep, qa_chair, police, admin_user
):
    # The police representative agrees first, while the chair is in the council...
    services.incident_agree(incident=awaiting, actor=partner_rep)
    # ...then the chair's role passes to someone in the police, in the middle of the round.
    new_chair = UserFactory(organisation=police, roles=[])
    people.person_set_roles(user=new_chair, roles=[Role.QA_CHAIR], actor=admin_user)

    capacity, why_not = permissions.agreement_capacity(new_chair, Incident.objects.get(pk=awaiting.pk))
    assert capacity is None
    assert why_not == permissions.SAME_ORGANISATION
    with pytest.raises(PermissionDenied):
        services.incident_agree(incident=awaiting, actor=new_chair)
    assert Incident.objects.get(pk=awaiting.pk).status == Incident.Status.AWAITING_AGREEMENT


def test_the_chair_of_another_organisation_completes_the_agreement_after_the_partner(
    db, awaiting, partner_rep, qa_chair
):
    services.incident_agree(incident=awaiting, actor=partner_rep)
    services.incident_agree(incident=awaiting, actor=qa_chair)
    assert Incident.objects.get(pk=awaiting.pk).status == Incident.Status.AGREED


def test_after_the_chair_agrees_the_partner_must_differ_from_that_chair_even_once_the_role_moves(
    db, awaiting, qa_chair, council_rep, partner_rep, police, admin_user
):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    # The role moves to the police: the council chair's agreement still names the council.
    people.person_set_roles(user=UserFactory(organisation=police), roles=[Role.QA_CHAIR], actor=admin_user)

    incident = Incident.objects.get(pk=awaiting.pk)
    assert permissions.agreement_capacity(council_rep, incident) == (None, permissions.SAME_ORGANISATION)
    services.incident_agree(incident=incident, actor=partner_rep)
    assert Incident.objects.get(pk=awaiting.pk).status == Incident.Status.AGREED

"""The notification rules' smaller parts: the scoped lists narrow the rows a caller hands them (never
widening them to every record), a refusal to decide says why, and only a QA chair who can still sign in
makes their organisation the chair's."""

from notifications.models import Incident, Referral
from notifications.permissions import (
    agreement_capacity,
    qa_chair_organisation_ids,
    visible_incidents,
    visible_referrals,
)
from tests.notifications.test_referrals import refer


def test_visible_incidents_keeps_to_the_rows_it_is_given(make_incident, csprg):
    first, second = make_incident(), make_incident()
    assert set(visible_incidents(csprg)) == {first, second}
    assert list(visible_incidents(csprg, Incident.objects.filter(pk=first.pk))) == [first]
    assert list(visible_incidents(csprg, Incident.objects.none())) == []


def test_visible_incidents_of_given_rows_still_leaves_out_what_the_person_may_not_see(make_incident, other_agency):
    incident = make_incident()
    assert list(visible_incidents(other_agency, Incident.objects.filter(pk=incident.pk))) == []


def test_visible_referrals_keeps_to_the_rows_it_is_given(practitioner, csprg, devon):
    first, second = refer(practitioner, devon), refer(practitioner, devon)
    assert set(visible_referrals(csprg)) == {first, second}
    assert list(visible_referrals(csprg, Referral.objects.filter(pk=first.pk))) == [first]
    assert list(visible_referrals(practitioner, Referral.objects.filter(pk=second.pk))) == [second]


def test_why_a_person_may_not_decide_is_said_in_words(make_incident, awaiting, qa_chair, other_agency):
    assert agreement_capacity(qa_chair, make_incident()) == (None, "It is not awaiting agreement.")
    assert agreement_capacity(other_agency, awaiting) == (
        None,
        "Only the QA Group chair and Safeguarding Partner representatives agree notifications.",
    )


def test_a_qa_chair_who_can_no_longer_sign_in_does_not_make_their_organisation_the_chairs(qa_chair):
    assert qa_chair_organisation_ids() == {qa_chair.organisation_id}
    qa_chair.is_active = False
    qa_chair.save(update_fields=["is_active"])
    assert qa_chair_organisation_ids() == set()

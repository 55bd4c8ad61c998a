"""`visible_incidents` narrows the rows a caller hands it; it never widens them to every incident."""

from notifications.models import Incident
from notifications.permissions import visible_incidents


def test_visible_incidents_keeps_to_the_rows_it_is_given(make_incident, csprg):
    first, second = make_incident(), make_incident()
    assert set(visible_incidents(csprg)) == {first, second}
    assert list(visible_incidents(csprg, Incident.objects.filter(pk=first.pk))) == [first]
    assert list(visible_incidents(csprg, Incident.objects.none())) == []


def test_visible_incidents_of_given_rows_still_leaves_out_what_the_person_may_not_see(make_incident, other_agency):
    incident = make_incident()
    assert list(visible_incidents(other_agency, Incident.objects.filter(pk=incident.pk))) == []

"""The notification page links the QA chair to who has looked at the case; nobody else sees the link."""

LINK_TEXT = "Who has looked at this record"


def test_qa_chair_sees_the_link_to_who_has_looked_at_the_notification_and_it_opens(sign_in, qa_chair, make_incident):
    incident = make_incident()
    client = sign_in(qa_chair)
    page = client.get(f"/notifications/{incident.pk}/").content.decode()
    trail = f"/audit/records/notifications.incident/{incident.pk}/"
    assert f'href="{trail}">{LINK_TEXT}' in page
    assert client.get(trail).status_code == 200


def test_csprg_member_does_not_see_the_link_to_who_has_looked(sign_in, csprg, make_incident):
    incident = make_incident()
    response = sign_in(csprg).get(f"/notifications/{incident.pk}/")
    assert response.status_code == 200
    assert incident.reference in response.content.decode()
    assert LINK_TEXT not in response.content.decode()
